package io.kefu.server.api;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@link Endpoint} for a method and a decoded path, with its path parameters. Tells "no such
 * path" from "path exists, other method", which answer 404 and 405. Stateless; any thread.
 */
final class RouteMatcher {

    /** The outcome of matching one request. */
    sealed interface Match permits Found, NotFound, WrongMethod {
    }

    record Found(Endpoint endpoint, Map<String, String> params) implements Match {
    }

    record NotFound(String path) implements Match {
    }

    record WrongMethod(String path, HttpMethod method, List<HttpMethod> allowed) implements Match {
    }

    Match match(HttpMethod method, String path) {
        List<String> segments = segmentsOf(path);
        List<HttpMethod> allowed = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            Optional<Map<String, String>> params = bind(endpoint.segments(), segments);
            if (params.isEmpty()) {
                continue;
            }
            if (endpoint.method().equals(method)) {
                return new Found(endpoint, params.get());
            }
            allowed.add(endpoint.method());
        }
        return allowed.isEmpty() ? new NotFound(path) : new WrongMethod(path, method, List.copyOf(allowed));
    }

    /** The pattern of the endpoints at this decoded path, whatever the method (for metrics tags). */
    Optional<String> template(String path) {
        List<String> segments = segmentsOf(path);
        for (Endpoint endpoint : Endpoint.values()) {
            if (bind(endpoint.segments(), segments).isPresent()) {
                return Optional.of(endpoint.pattern());
            }
        }
        return Optional.empty();
    }

    /** The path's segments, without the leading slash; a trailing slash is ignored. */
    private static List<String> segmentsOf(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return normalized.startsWith("/") ? List.of(normalized.substring(1).split("/", -1)) : List.of();
    }

    /** The path parameters when {@code actual} fits {@code pattern}. */
    private static Optional<Map<String, String>> bind(List<String> pattern, List<String> actual) {
        if (pattern.size() != actual.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String a = actual.get(i);
            if (p.startsWith("{")) {
                if (a.isEmpty()) {
                    return Optional.empty();
                }
                params.put(p.substring(1, p.length() - 1), a);
            } else if (!p.equals(a)) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(params));
    }
}
