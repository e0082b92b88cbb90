package io.kefu.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message {@link Body} as the JSON text stored in {@code messages.body}. Reading gives back the
 * value types {@code Body} documents: integral numbers as {@link Long} (as {@link Double} beyond the
 * long range), other numbers as {@link Double}; JSON nulls are dropped, as {@code Body} drops them.
 * Thread-safe.
 */
final class BodyJson {
    private final ObjectMapper mapper;

    BodyJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Throws {@link IllegalArgumentException} for a value Jackson cannot write. */
    String write(Body body) {
        try {
            return mapper.writeValueAsString(body.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message body cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Throws {@link IllegalStateException} for stored text that is not a JSON object. */
    Body read(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message body is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("stored message body is not a JSON object");
        }
        return new Body(object(node));
    }

    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Object v = value(e.getValue());
            if (v != null) {
                fields.put(e.getKey(), v);
            }
        }
        return fields;
    }

    private static Object value(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                Object v = value(item);
                if (v != null) {
                    list.add(v);
                }
            }
            return list;
        }
        if (node.isObject()) {
            return object(node);
        }
        return null;
    }
}
