package io.kefu.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request body with typed field access. Every failure is a {@code bad_frame} that names the field and
 * says what was expected; a JSON {@code null} counts as absent. Unknown fields are ignored (contract).
 * Confined to the thread that parsed it.
 */
final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    static JsonBody parse(byte[] body) {
        return new JsonBody(ApiJson.parseObject(body));
    }

    /** A non-blank string of at most {@code maxChars}, stripped. */
    String string(String field, int maxChars) {
        return optionalString(field, maxChars).orElseThrow(() -> missing(field));
    }

    Optional<String> optionalString(String field, int maxChars) {
        return value(field).map(v -> {
            if (!v.isTextual()) {
                throw wrongType(field, "a string", v);
            }
            return io.kefu.server.base.Fields.requiredText(field, v.asText(), maxChars);
        });
    }

    /** A string exactly as sent (passwords: spaces count), of {@code minChars..maxChars}. */
    String rawString(String field, int minChars, int maxChars) {
        JsonNode v = value(field).orElseThrow(() -> missing(field));
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        String s = v.asText();
        if (s.length() < minChars || s.length() > maxChars) {
            throw KefuException.badRequest("field '" + field + "' must be " + minChars + ".." + maxChars
                    + " characters long, was " + s.length());
        }
        return s;
    }

    Optional<Boolean> optionalBoolean(String field) {
        return value(field).map(v -> {
            if (!v.isBoolean()) {
                throw wrongType(field, "true or false", v);
            }
            return v.booleanValue();
        });
    }

    int integer(String field, int min, int max) {
        return optionalInteger(field, min, max).orElseThrow(() -> missing(field));
    }

    Optional<Integer> optionalInteger(String field, int min, int max) {
        return value(field).map(v -> {
            if (!v.isIntegralNumber()) {
                throw wrongType(field, "an integer " + min + ".." + max, v);
            }
            if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
                throw KefuException.badRequest("field '" + field + "' must be an integer " + min + ".." + max
                        + ", was " + v.asText());
            }
            return v.intValue();
        });
    }

    /** An array of distinct non-blank strings; {@code required} says whether absence is an error. */
    Optional<List<String>> stringList(String field, boolean required, int maxItems, int maxChars) {
        Optional<JsonNode> value = value(field);
        if (value.isEmpty()) {
            if (required) {
                throw missing(field);
            }
            return Optional.empty();
        }
        JsonNode v = value.get();
        if (!v.isArray()) {
            throw wrongType(field, "an array of strings", v);
        }
        if (v.size() > maxItems) {
            throw KefuException.badRequest("field '" + field + "' may hold at most " + maxItems + " items");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > maxChars) {
                throw KefuException.badRequest("field '" + field + "' must hold non-empty strings of at most "
                        + maxChars + " characters, found " + ApiJson.kind(item) + " " + item);
            }
            if (!items.contains(item.asText().strip())) {
                items.add(item.asText().strip());
            }
        }
        return Optional.of(List.copyOf(items));
    }

    /** The whole body, for values with a structure of their own (settings, weekly hours). */
    ObjectNode node() {
        return node;
    }

    /** The raw value of a field, absent when missing or JSON null. */
    Optional<JsonNode> value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private static KefuException missing(String field) {
        return KefuException.badRequest("field '" + field + "' is required");
    }

    private static KefuException wrongType(String field, String expected, JsonNode was) {
        return KefuException.badRequest("field '" + field + "' must be " + expected + ", was " + ApiJson.kind(was));
    }
}
