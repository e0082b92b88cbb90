package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {
    private final RouteMatcher routes = new RouteMatcher();

    @Test
    void everyContractPathMatchesWithItsParameters() {
        assertThat(routes.match(HttpMethod.POST, "/api/v1/shops"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.CREATE_SHOP, Map.of()));
        assertThat(routes.match(HttpMethod.POST, "/api/v1/shops/s1/groups"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.CREATE_GROUP, Map.of("shopId", "s1")));
        assertThat(routes.match(HttpMethod.GET, "/api/v1/shops/s1/groups"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.LIST_GROUPS, Map.of("shopId", "s1")));
        assertThat(routes.match(HttpMethod.POST, "/api/v1/shops/s1/agents"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.CREATE_AGENT, Map.of("shopId", "s1")));
        assertThat(routes.match(HttpMethod.POST, "/api/v1/auth/agent"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.AGENT_LOGIN, Map.of()));
        assertThat(routes.match(HttpMethod.POST, "/api/v1/auth/buyer"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.BUYER_TOKEN, Map.of()));
        assertThat(routes.match(HttpMethod.GET, "/api/v1/conversations/c9/messages"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.MESSAGES, Map.of("conv", "c9")));
    }

    @Test
    void fixedScriptPathsAreNotTakenForAScriptId() {
        assertThat(routes.match(HttpMethod.GET, "/api/v1/shops/s1/scripts/export"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.EXPORT_SCRIPTS, Map.of("shopId", "s1")));
        assertThat(routes.match(HttpMethod.POST, "/api/v1/shops/s1/scripts/import"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.IMPORT_SCRIPTS, Map.of("shopId", "s1")));
        assertThat(routes.match(HttpMethod.GET, "/api/v1/shops/s1/scripts/categories"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.SCRIPT_CATEGORIES, Map.of("shopId", "s1")));
        assertThat(routes.match(HttpMethod.PUT, "/api/v1/shops/s1/scripts/42"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.UPDATE_SCRIPT, Map.of("shopId", "s1", "scriptId", "42")));
        assertThat(ApiRoutes.template("/api/v1/shops/s1/scripts/export")).hasValue("/api/v1/shops/{shopId}/scripts/export");
        assertThat(ApiRoutes.template("/api/v1/shops/s1/scripts/42"))
                .hasValue("/api/v1/shops/{shopId}/scripts/{scriptId}");
    }

    @Test
    void aTrailingSlashIsForgiven() {
        assertThat(routes.match(HttpMethod.POST, "/api/v1/shops/"))
                .isEqualTo(new RouteMatcher.Found(Endpoint.CREATE_SHOP, Map.of()));
    }

    @Test
    void unknownPathsAreNotFound() {
        assertThat(routes.match(HttpMethod.GET, "/api/v1/nope")).isInstanceOf(RouteMatcher.NotFound.class);
        assertThat(routes.match(HttpMethod.GET, "/api/v1/shops//groups")).isInstanceOf(RouteMatcher.NotFound.class);
        assertThat(routes.match(HttpMethod.GET, "/api/v1/shops/s1/groups/g1/members")).isInstanceOf(RouteMatcher.NotFound.class);
        assertThat(routes.match(HttpMethod.GET, "")).isInstanceOf(RouteMatcher.NotFound.class);
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
        assertThat(routes.match(HttpMethod.GET, "/api/v1/shops"))
                .isEqualTo(new RouteMatcher.WrongMethod("/api/v1/shops", HttpMethod.GET, List.of(HttpMethod.POST)));
        assertThat(routes.match(HttpMethod.DELETE, "/api/v1/shops/s1/groups"))
                .isEqualTo(new RouteMatcher.WrongMethod("/api/v1/shops/s1/groups", HttpMethod.DELETE,
                        List.of(HttpMethod.POST, HttpMethod.GET)));
    }
}
