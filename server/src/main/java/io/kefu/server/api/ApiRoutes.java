package io.kefu.server.api;

import java.util.Optional;

/**
 * The API's route templates, for the HTTP request metrics: a path becomes the pattern of the endpoint it
 * matches ({@code /api/v1/shops/{shopId}/groups}), so ids never become tag values. Stateless; any thread.
 */
public final class ApiRoutes {
    private static final RouteMatcher ROUTES = new RouteMatcher();

    private ApiRoutes() {
    }

    /** The pattern of the endpoint at this decoded path, whatever the method; empty when none is there. */
    public static Optional<String> template(String path) {
        return ROUTES.template(path);
    }
}
