package io.kefu.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.Msg;
import io.kefu.server.base.KefuException;
import java.io.IOException;
import java.util.function.Function;

/** JSON in and out of the API: one configured mapper, thread-safe, used from any thread. */
final class ApiJson {
    /** The WebSocket decoders' bounds (docs/protocol.md §8), so a body cannot make the parser recurse or compute. */
    static final int MAX_NESTING = 21;
    static final int MAX_NUMBER_CHARS = 64;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_CHARS).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ApiJson() {
    }

    /** The body as a JSON object, or {@code bad_frame} saying why it is not one. */
    static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw KefuException.badRequest("request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw KefuException.badRequest("request body is over a JSON limit (at most " + MAX_NESTING
                    + " levels of nesting, numbers of at most " + MAX_NUMBER_CHARS + " characters)" + where(e));
        } catch (JsonProcessingException e) {
            throw KefuException.badRequest("request body is not valid JSON: " + e.getOriginalMessage() + where(e));
        } catch (IOException e) {
            throw KefuException.badRequest("request body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw KefuException.badRequest("request body must be a JSON object, was " + kind(node));
        }
        return (ObjectNode) node;
    }

    /** " (line L, column C)", or nothing when the parser gave no location (limit errors may not). */
    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code {field: [each item as JSON, in order]}}: the answer of the API's list calls. */
    static <T> ObjectNode list(String field, Iterable<? extends T> items,
                               Function<? super T, ? extends JsonNode> json) {
        ObjectNode out = object();
        ArrayNode array = out.putArray(field);
        items.forEach(item -> array.add(json.apply(item)));
        return out;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serializes", e);
        }
    }

    /** A message as in the WebSocket contract: conv, seq, from{type,id}, kind, body, ts, cmid. */
    static ObjectNode message(Msg m) {
        ObjectNode node = object().put("conv", m.conv()).put("seq", m.seq());
        ObjectNode from = node.putObject("from").put("type", m.from().type().wire());
        if (m.from().id() != null) {
            from.put("id", m.from().id());
        }
        node.put("kind", m.kind());
        node.set("body", MAPPER.valueToTree(m.body().fields()));
        node.put("ts", m.ts());
        if (m.cmid() != null) {
            node.put("cmid", m.cmid());
        }
        return node;
    }

    /** How a JSON value reads in an error message: "a string", "a number", ... */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
