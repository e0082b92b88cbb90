package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import io.kefu.server.auth.Audience;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Standing;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The permission matrix through a real server: every HTTP call, with a caller of every column, gets the matrix's
 * answer: {@code 403 forbidden} where it refuses, {@code 404 not_found} across a tenant wall, and anything but those
 * (a bad body, an unknown id, success) where it allows. Bodies are {@code {}} and ids made up, so an allowed call
 * changes nothing that matters.
 */
@Timeout(120)
class PermissionMatrixIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    @Test
    void everyCallAnswersEveryCallerAsTheMatrixSays() {
        ShopFixture shop = server.newShop();
        ShopFixture other = server.newShop();
        Map<Standing, String> callers = new LinkedHashMap<>();
        callers.put(Standing.PLATFORM_ADMIN, TestServer.ADMIN_KEY);
        callers.put(Standing.ADMIN, server.agent(shop.shopId(), "admin1", "admin", 5, shop.preSales()).token());
        callers.put(Standing.SUPERVISOR, shop.supervisor().token());
        callers.put(Standing.AGENT, shop.agent1().token());
        callers.put(Standing.BUYER, server.buyerToken("matrix-buyer"));
        callers.put(Standing.OUTSIDER, server.agent(other.shopId(), "admin1", "admin", 5, other.preSales()).token());
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : Endpoint.values()) {
            String path = path(e, shop.shopId());
            for (Map.Entry<Standing, String> caller : callers.entrySet()) {
                String bearer = e.permission().audience() == Audience.ANYONE ? null : caller.getValue();
                HttpResponse<String> r = server.request(e.method().name(), path, bearer, "{}");
                calls++;
                String code = code(r);
                // A call that names no shop is about the caller's own (their password, their messages).
                String named = e.pattern().contains("{shopId}") ? shop.shopId() : null;
                String verdict = switch (Permissions.decide(principalOf(caller.getKey(), shop.shopId()), e.permission(),
                        named)) {
                    case ALLOW -> r.statusCode() == 403 || r.statusCode() == 401 ? "refused" : null;
                    case FORBID -> r.statusCode() == 403 && "forbidden".equals(code) ? null : "not forbidden";
                    case HIDE -> r.statusCode() == 404 && "not_found".equals(code) ? null : "not hidden";
                };
                if (verdict != null) {
                    wrong.add(e + " as " + caller.getKey() + ": " + verdict + " (" + r.statusCode() + " " + r.body() + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(calls).isEqualTo(Endpoint.values().length * callers.size());
    }

    /** A principal of the column, for the matrix's own answer (ids do not matter to it). */
    private static io.kefu.server.auth.Principal principalOf(Standing standing, String shopId) {
        return switch (standing) {
            case PLATFORM_ADMIN -> io.kefu.server.auth.Principal.platformAdmin();
            case ADMIN -> io.kefu.server.auth.Principal.staff("x", io.kefu.protocol.Role.ADMIN, shopId, null);
            case SUPERVISOR -> io.kefu.server.auth.Principal.staff("x", io.kefu.protocol.Role.SUPERVISOR, shopId, null);
            case AGENT -> io.kefu.server.auth.Principal.staff("x", io.kefu.protocol.Role.AGENT, shopId, null);
            case BUYER -> io.kefu.server.auth.Principal.buyer("x", null);
            case OUTSIDER -> io.kefu.server.auth.Principal.staff("x", io.kefu.protocol.Role.ADMIN, "elsewhere", null);
        };
    }

    private static String path(Endpoint e, String shopId) {
        return e.pattern().replace("{shopId}", shopId).replace("{orderNo}", "NO-1").replace("{conv}", "no-such-conv")
                .replaceAll("\\{[a-zA-Z]+\\}", "no-such-id");
    }

    private static String code(HttpResponse<String> r) {
        try {
            JsonNode body = TestServer.parse(r.body());
            return body.path("code").asText();
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
