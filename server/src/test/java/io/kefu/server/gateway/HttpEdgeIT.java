package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.RawHttp;
import io.kefu.server.RawHttp.Response;
import io.kefu.server.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP edge over raw sockets: pipelined requests answered in order, whatever the decoder cannot read
 * answered with a JSON error and the connection closed, bad escapes and hostile JSON bodies answered 400.
 */
@Timeout(60)
class HttpEdgeIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.httpRequestTimeoutSec(2));

    private static String createShop(String name) {
        String body = "{\"name\":\"" + name + "\"}";
        return "POST /api/v1/shops HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + TestServer.ADMIN_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() {
        try (RawHttp http = RawHttp.connect(server.server().port())) {
            // The API answers from a store thread, /health and a 404 at once on the event loop.
            http.send(createShop("pipelined-1") + "GET /health HTTP/1.1\r\nHost: t\r\n\r\n"
                    + createShop("pipelined-2") + "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n");

            Response first = http.read();
            Response health = http.read();
            Response second = http.read();
            Response missing = http.read();

            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().has("id")).isTrue();
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("up");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
            assertThat(missing.status()).isEqualTo(404);
        }
    }

    @Test
    void aPipelinedConnectionCloseComesLastAndLosesNothing() {
        try (RawHttp http = RawHttp.connect(server.server().port())) {
            http.send(createShop("before-close") + "GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    + "GET /health HTTP/1.1\r\nHost: t\r\n\r\n");

            Response api = http.read();
            Response last = http.read();

            assertThat(api.status()).isEqualTo(200);
            assertThat(api.json().has("id")).isTrue();
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.header("connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aBadPercentEscapeIs400() {
        for (String path : new String[] {"/%zz", "/health%", "/api/v1/shops/%E4%zz/groups"}) {
            try (RawHttp http = RawHttp.connect(server.server().port())) {
                Response res = http.send("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").read();

                assertThat(res.status()).as(path).isEqualTo(400);
                assertThat(res.json().get("code").asText()).isEqualTo("bad_frame");
                assertThat(res.json().get("message").asText()).startsWith("malformed request URI");
            }
        }
    }

    @Test
    void whatTheDecoderCannotReadIsAnsweredAndTheConnectionClosed() {
        String longHeader = "X-Long: " + "a".repeat(10_000) + "\r\n";
        String[][] cases = {
                {"GARBAGE\r\n\r\n", "400"},
                {"GET / HTTP/0.9\r\n\r\n", "400"},
                {"GET / FOO/1.1\r\n\r\n", "400"},
                {"GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: t\r\n\r\n", "414"},
                // Headers cut off by the decoder's limit must not be served, nor upgraded to a WebSocket.
                {"GET /health HTTP/1.1\r\nHost: t\r\n" + longHeader + "\r\n", "431"},
                {"GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + longHeader + "\r\n",
                        "431"},
        };
        for (String[] c : cases) {
            try (RawHttp http = RawHttp.connect(server.server().port())) {
                // A request pipelined behind the bad one is not read any more.
                Response res = http.send(c[0] + "GET /health HTTP/1.1\r\nHost: t\r\n\r\n").read();

                assertThat(res.status()).as(c[0].substring(0, Math.min(40, c[0].length()))).isEqualTo(Integer.parseInt(c[1]));
                assertThat(res.json().get("code").asText()).isIn("bad_frame", "too_large");
                assertThat(res.header("connection")).isEqualTo("close");
                assertThat(http.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void aRequestThatNeverEndsGets408AndIsClosed() {
        try (RawHttp http = RawHttp.connect(server.server().port())) {
            Response res = http.send("GET /health HTTP/1.1\r\nHost: t\r\n").read();

            assertThat(res.status()).isEqualTo(408);
            assertThat(res.json().get("message").asText()).contains("KEFU_HTTP_REQUEST_TIMEOUT_SEC");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void deeplyNestedJsonAndHugeNumbersAre400NotAServerError() {
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String huge = "{\"name\":" + "1".repeat(1_000) + "}";
        for (String body : new String[] {deep, huge}) {
            HttpResponse<String> res = server.request("POST", "/api/v1/shops", TestServer.ADMIN_KEY, body);

            assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
            assertThat(TestServer.parse(res.body()).get("message").asText()).startsWith("request body is over a JSON limit");
        }
    }
}
