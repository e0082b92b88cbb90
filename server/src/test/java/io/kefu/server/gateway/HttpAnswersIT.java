package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every error answer of the HTTP side is JSON {@code {"code","message"}} with the contract's code, over
 * real sockets: also those that Netty's handlers make (body too large, bad WebSocket upgrade, a request
 * the decoder cannot read).
 */
@Timeout(60)
class HttpAnswersIT {
    private static final int MAX_BODY = 1_024;

    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.maxHttpBodyBytes(MAX_BODY));

    @Test
    void aBodyOverTheLimitIs413TooLarge() {
        HttpResponse<String> res = server.request("POST", "/api/v1/shops", TestServer.ADMIN_KEY,
                "{\"name\":\"" + "x".repeat(2 * MAX_BODY) + "\"}");

        JsonNode error = assertError(res.statusCode(), res.headers().firstValue("content-type").orElse(null),
                res.body(), 413, "too_large");
        assertThat(error.get("message").asText()).isEqualTo("request body is larger than the limit of 1024 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413TooLarge() throws IOException {
        String chunk = "x".repeat(2 * MAX_BODY);
        Raw res = raw("POST /api/v1/shops HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");

        assertError(res.status(), res.header("content-type"), res.body(), 413, "too_large");
    }

    @Test
    void aWrongMethodOnTheApiIs405WithTheAllowedMethods() {
        HttpResponse<String> res = server.request("GET", "/api/v1/shops", TestServer.ADMIN_KEY, null);

        assertError(res.statusCode(), res.headers().firstValue("content-type").orElse(null), res.body(),
                405, "bad_frame");
        assertThat(message(res.body())).isEqualTo("method GET is not allowed on /api/v1/shops; use POST");
        assertThat(res.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void healthAndMetricsTakeOnlyGetAndHead() {
        for (String path : new String[] {"/health", "/metrics"}) {
            HttpResponse<String> res = server.request("POST", path, null, "{}");

            assertError(res.statusCode(), res.headers().firstValue("content-type").orElse(null), res.body(),
                    405, "bad_frame");
            assertThat(message(res.body())).isEqualTo("method POST is not allowed on " + path + "; use GET or HEAD");
            assertThat(res.headers().firstValue("allow")).hasValue("GET, HEAD");
        }
        assertThat(server.request("HEAD", "/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAre404NotFound() {
        HttpResponse<String> page = server.request("GET", "/no/such/page", null, null);
        HttpResponse<String> api = server.request("GET", "/api/v1/no/such/thing", TestServer.ADMIN_KEY, null);

        assertError(page.statusCode(), page.headers().firstValue("content-type").orElse(null), page.body(),
                404, "not_found");
        assertError(api.statusCode(), api.headers().firstValue("content-type").orElse(null), api.body(),
                404, "not_found");
    }

    @Test
    void aBadWebSocketUpgradeIs400BadFrame() throws IOException {
        Raw noUpgrade = raw("GET /ws HTTP/1.1\r\nHost: t\r\n\r\n");
        Raw post = raw("POST /ws HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
        Raw noKey = raw("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");

        assertThat(assertError(noUpgrade.status(), noUpgrade.header("content-type"), noUpgrade.body(),
                400, "bad_frame").get("message").asText()).contains("upgrade");
        assertThat(assertError(post.status(), post.header("content-type"), post.body(),
                400, "bad_frame").get("message").asText()).contains("POST");
        assertThat(assertError(noKey.status(), noKey.header("content-type"), noKey.body(),
                400, "bad_frame").get("message").asText()).contains("key");
    }

    @Test
    void anUnsupportedWebSocketVersionIs426WithTheVersionToUse() throws IOException {
        Raw res = raw("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n");

        assertError(res.status(), res.header("content-type"), res.body(), 426, "bad_frame");
        assertThat(res.header("sec-websocket-version")).isEqualTo("13");
        assertThat(message(res.body())).contains("Sec-WebSocket-Version: 13");
    }

    @Test
    void aRequestTheDecoderCannotReadIs400AndALongLineIs414() throws IOException {
        Raw garbage = raw("GARBAGE\r\n\r\n");
        Raw longLine = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: t\r\n\r\n");

        assertThat(assertError(garbage.status(), garbage.header("content-type"), garbage.body(),
                400, "bad_frame").get("message").asText()).startsWith("malformed HTTP request");
        assertError(longLine.status(), longLine.header("content-type"), longLine.body(), 414, "too_large");
    }

    private static JsonNode assertError(int status, String contentType, String body, int expectedStatus,
                                        String code) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).isEqualTo("application/json; charset=utf-8");
        JsonNode json = TestServer.parse(body);
        assertThat(json.get("code").asText()).isEqualTo(code);
        assertThat(json.get("message").asText()).isNotBlank();
        return json;
    }

    private static String message(String body) {
        return TestServer.parse(body).get("message").asText();
    }

    /** A response read off a plain socket: status, headers (lower-case names), body by Content-Length. */
    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Writes {@code request} as is and reads one response. */
    static Raw raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }
    }

    static Raw readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Raw(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
