package io.kefu.load.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The calls of Kefu's HTTP API the harness needs, asynchronous (JDK HTTP client). A call that does not
 * answer 2xx fails its future with {@link ApiException}, which names the call and quotes the answer.
 * Thread-safe.
 */
public final class KefuApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final String adminKey;

    /** A failed API call: what was called and what came back. */
    public static final class ApiException extends RuntimeException {
        public ApiException(String message) {
            super(message);
        }
    }

    public KefuApi(URI base, String adminKey) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
        this.adminKey = adminKey;
    }

    public CompletableFuture<String> createShop(String name) {
        return post("/api/v1/shops", true, Map.of("name", name)).thenApply(n -> n.path("id").asText());
    }

    public CompletableFuture<String> createDefaultGroup(String shopId, String name) {
        return post("/api/v1/shops/" + shopId + "/groups", true, Map.of("name", name, "isDefault", true))
                .thenApply(n -> n.path("id").asText());
    }

    public CompletableFuture<String> createAgent(String shopId, String username, String password, String groupId,
                                                 int maxConcurrent) {
        Map<String, Object> body = Map.of("username", username, "password", password, "name", username,
                "groups", java.util.List.of(groupId), "maxConcurrent", maxConcurrent, "role", "agent");
        return post("/api/v1/shops/" + shopId + "/agents", true, body).thenApply(n -> n.path("id").asText());
    }

    /** An agent's token. */
    public CompletableFuture<String> loginAgent(String shopId, String username, String password) {
        return post("/api/v1/auth/agent", false, Map.of("shopId", shopId, "username", username, "password", password))
                .thenApply(n -> n.path("token").asText());
    }

    /** A buyer's widget token, minted with the admin key. */
    public CompletableFuture<String> buyerToken(String buyerId, String name) {
        return post("/api/v1/auth/buyer", true, Map.of("buyerId", buyerId, "name", name))
                .thenApply(n -> n.path("token").asText());
    }

    /** Changes some of a shop's routing settings (the others keep their values); gives the shop's id back. */
    public CompletableFuture<String> putRouting(String shopId, Map<String, Object> settings) {
        return send("PUT", "/api/v1/shops/" + shopId + "/routing", true, settings).thenApply(n -> shopId);
    }

    private CompletableFuture<JsonNode> post(String path, boolean admin, Map<String, Object> body) {
        return send("POST", path, admin, body);
    }

    private CompletableFuture<JsonNode> send(String method, String path, boolean admin, Map<String, Object> body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        if (admin) {
            b.header("Authorization", "Bearer " + adminKey);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(res -> {
            if (res.statusCode() / 100 != 2) {
                throw new ApiException(method + " " + path + " -> " + res.statusCode() + " " + res.body());
            }
            return read(res.body());
        });
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException("not JSON: " + text);
        }
    }
}
