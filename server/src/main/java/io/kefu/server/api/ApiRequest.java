package io.kefu.server.api;

import io.kefu.server.base.KefuException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API call, copied out of Netty's buffers so it outlives the request object: the endpoint, path and
 * query parameters, the raw body, the {@code Authorization} header and the client's IP address. Immutable.
 */
record ApiRequest(Endpoint endpoint, Map<String, String> params, Map<String, List<String>> query, byte[] body,
                  Optional<String> authorization, String client) {

    String param(String name) {
        return params.get(name);
    }

    JsonBody json() {
        return JsonBody.parse(body);
    }

    /** The first value of a query parameter as a number in range, or {@code fallback} when absent. */
    long queryLong(String name, long fallback, long min, long max) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.isEmpty() || values.get(0).isEmpty()) {
            return fallback;
        }
        String raw = values.get(0);
        try {
            long v = Long.parseLong(raw.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // same answer as out of range
        }
        throw KefuException.badRequest("query parameter '" + name + "' must be an integer " + min + ".." + max
                + ", was '" + raw + "'");
    }

    /** The first value of a query parameter, stripped, or null when absent; longer than {@code maxChars} is refused. */
    String queryText(String name, int maxChars) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return null;
        }
        String v = values.get(0).strip();
        if (v.length() > maxChars) {
            throw KefuException.badRequest("query parameter '" + name + "' must be at most " + maxChars
                    + " characters, was " + v.length());
        }
        return v;
    }
}
