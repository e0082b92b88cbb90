package io.kefu.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Sets up the crash test's shops on the child server over its HTTP API (admin key): per shop a default
 * group, two agents and a supervisor, with the routing timers that would move conversations by themselves
 * turned off, so the final state of a conversation is what the test's acknowledged requests made it.
 * Runs on the test thread.
 */
final class CrashShops {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A staff member: id and a token that stays valid across restarts (same JWT secret). */
    record Staff(String id, String token) {
    }

    record Shop(String shopId, String group, Staff agent1, Staff agent2, Staff boss) {
        List<Staff> agents() {
            return List.of(agent1, agent2);
        }
    }

    private final String baseUrl;
    private final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CrashShops(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    Shop create(String name) {
        String shopId = send("POST", "/api/v1/shops", adminKey, obj().put("name", name)).get("id").asText();
        ObjectNode group = obj().put("name", "pre-sales").put("isDefault", true);
        group.putArray("entryTypes").add("product").add("shop");
        String groupId = send("POST", "/api/v1/shops/" + shopId + "/groups", adminKey, group).get("id").asText();
        // Timers off (0) and a long grace: nothing but the test's own requests moves or closes a conversation.
        send("PUT", "/api/v1/shops/" + shopId + "/routing", adminKey, obj().put("noAnswerSec", 0)
                .put("idleCloseSec", 0).put("queueTimeoutSec", 0).put("graceSec", 3_600).put("stickyDays", 0));
        return new Shop(shopId, groupId, staff(shopId, groupId, "agent1", "agent"),
                staff(shopId, groupId, "agent2", "agent"), staff(shopId, groupId, "boss", "supervisor"));
    }

    String buyerToken(String buyerId) {
        return send("POST", "/api/v1/auth/buyer", adminKey, obj().put("buyerId", buyerId).put("name", buyerId))
                .get("token").asText();
    }

    private Staff staff(String shopId, String groupId, String username, String role) {
        ObjectNode body = obj().put("username", username).put("password", "password-" + username)
                .put("name", username).put("maxConcurrent", 20).put("role", role);
        body.putArray("groups").add(groupId);
        String id = send("POST", "/api/v1/shops/" + shopId + "/agents", adminKey, body).get("id").asText();
        JsonNode login = send("POST", "/api/v1/auth/agent", null, obj().put("shopId", shopId)
                .put("username", username).put("password", "password-" + username));
        return new Staff(id, login.get("token").asText());
    }

    private JsonNode send(String method, String path, String bearer, ObjectNode body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " -> " + res.statusCode() + " " + res.body());
            }
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }
}
