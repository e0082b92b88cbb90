package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CORS on the HTTP API over real sockets, as a browser on a shop's site would meet it. */
@Timeout(120)
class ApiCorsIT {
    private static final String SHOP = "https://shop.example";
    private static final String EVIL = "https://evil.example";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void originsOnTheListMayCallTheApiAndOthersMayNot() throws Exception {
        TestServer server = TestServer.h2(b -> b.allowedOrigins(List.of(SHOP)));
        server.start();
        try {
            HttpResponse<String> preflight = preflight(server, SHOP);
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue(SHOP);
            assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValueSatisfying(
                    m -> assertThat(m).contains("GET", "POST"));
            assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                    .hasValue("Authorization, Content-Type");
            assertThat(preflight.headers().firstValue("access-control-max-age")).isPresent();
            assertThat(preflight.headers().firstValue("vary")).hasValue("Origin");

            HttpResponse<String> call = createShop(server, SHOP);
            assertThat(call.statusCode()).isEqualTo(200);
            assertThat(call.headers().firstValue("access-control-allow-origin")).hasValue(SHOP);
            assertThat(call.headers().firstValue("vary")).hasValue("Origin");

            HttpResponse<String> refused = preflight(server, EVIL);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
            assertThat(TestServer.parse(refused.body()).get("code").asText()).isEqualTo("forbidden");
            assertThat(TestServer.parse(refused.body()).get("message").asText()).contains(EVIL);

            HttpResponse<String> foreign = createShop(server, EVIL);
            assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();
            HttpResponse<String> noOrigin = createShop(server, null);
            assertThat(noOrigin.headers().firstValue("access-control-allow-origin")).isEmpty();
        } finally {
            server.stop();
        }
    }

    @Test
    void withoutAListEveryOriginIsEchoed() throws Exception {
        TestServer server = TestServer.h2();
        server.start();
        try {
            HttpResponse<String> preflight = preflight(server, EVIL);
            HttpResponse<String> call = createShop(server, EVIL);

            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue(EVIL);
            assertThat(call.headers().firstValue("access-control-allow-origin")).hasValue(EVIL);
        } finally {
            server.stop();
        }
    }

    private HttpResponse<String> preflight(TestServer server, String origin) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/shops"))
                .timeout(Duration.ofSeconds(10))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> createShop(TestServer server, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/shops"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cors\"}"));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
