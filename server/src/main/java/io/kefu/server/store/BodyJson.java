package io.kefu.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.json.JsonCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    /**
     * Per thread (the message writer's lanes), a generator kept open over a text buffer: writing a body (with the
     * codec's own body writer) allocates its text and little else, where {@code writeValueAsString} made a generator,
     * its context and a serializer provider for each message.
     */
    private final ThreadLocal<Scratch> scratch;

    BodyJson(ObjectMapper mapper) {
        this.mapper = mapper;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(mapper));
    }

    private static final class Scratch {
        final StringWriter text = new StringWriter(256);
        final JsonGenerator generator;

        Scratch(ObjectMapper mapper) {
            try {
                generator = mapper.createGenerator(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
            generator.setRootValueSeparator(null);
        }
    }

    /** Throws {@link IllegalArgumentException} for a value a body cannot hold. */
    String write(Body body) {
        Scratch s = scratch.get();
        try {
            JsonCodec.writeBody(s.generator, body);
            s.generator.flush();
            String json = s.text.toString();
            s.text.getBuffer().setLength(0);
            return json;
        } catch (IOException | RuntimeException e) {
            scratch.remove(); // the generator may be mid-value: the next body gets a new one
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("message body cannot be written as JSON: " + why, e);
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
