package io.kefu.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.FrameLimits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object from a streaming parser into plain values: {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, unmodifiable {@link Map} and {@link List}. Object members whose value
 * is {@code null} are dropped, so "null" and "absent" mean the same, as the contract says.
 *
 * <p>Nesting depth and string length are bounded by the parser's constraints; element counts are
 * bounded here. The top-level {@code id} is remembered as soon as it is read, so a frame that breaks
 * later can still be answered with an error naming its request. One instance per decode call.
 */
final class JsonTreeReader {
    private final JsonParser parser;
    private String requestId;

    JsonTreeReader(JsonParser parser) {
        this.parser = parser;
    }

    /** The top-level {@code id} string, if it was read before decoding stopped. */
    String requestId() {
        return requestId;
    }

    Map<String, Object> readFrame() throws IOException, DecodeException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new DecodeException("not a JSON object");
        }
        Map<String, Object> fields = readObject(true);
        if (parser.nextToken() != null) {
            throw new DecodeException("trailing content after the JSON object");
        }
        return fields;
    }

    /** A {@link SmallObject}, or past its size an unmodifiable {@code LinkedHashMap}. */
    private Map<String, Object> readObject(boolean topLevel) throws IOException, DecodeException {
        SmallObject small = new SmallObject();
        Map<String, Object> large = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            wellFormed(name);
            Object value = readValue(parser.nextToken());
            if (value == null) {
                continue;
            }
            if (large == null && !small.add(name, value)) {
                large = new LinkedHashMap<>(small);
            }
            if (large != null && large.put(name, value) == null && large.size() > FrameLimits.MAX_ELEMENTS) {
                throw new DecodeException("object has more than " + FrameLimits.MAX_ELEMENTS + " fields");
            }
            if (topLevel && "id".equals(name) && value instanceof String id) {
                requestId = id;
            }
        }
        return large == null ? small : Collections.unmodifiableMap(large);
    }

    private List<Object> readArray() throws IOException, DecodeException {
        List<Object> list = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (list.size() == FrameLimits.MAX_ELEMENTS) {
                throw new DecodeException("array has more than " + FrameLimits.MAX_ELEMENTS + " elements");
            }
            list.add(readValue(token));
        }
        return Collections.unmodifiableList(list);
    }

    private Object readValue(JsonToken token) throws IOException, DecodeException {
        switch (token) {
            case VALUE_STRING:
                return wellFormed(parser.getText());
            case VALUE_NUMBER_INT:
                return integral();
            case VALUE_NUMBER_FLOAT:
                return finite(parser.getDoubleValue());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case START_OBJECT:
                return readObject(false);
            case START_ARRAY:
                return readArray();
            default:
                // The parser only hands out value tokens here; anything else means a parser bug.
                throw new DecodeException("unexpected JSON token " + token);
        }
    }

    /**
     * {@code s}, refused when it holds an unpaired surrogate: from an escape of half a surrogate pair or from bytes that
     * are not valid UTF-8. Such a string has no UTF-8 form, so it could not be stored or sent on unchanged.
     */
    private static String wellFormed(String s) throws DecodeException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new DecodeException("string is not valid Unicode: unpaired surrogate at character " + i);
                }
            }
        }
        return s;
    }

    /** A 64-bit integer as {@link Long}; a wider one keeps its magnitude as a {@link Double}. */
    private Object integral() throws IOException, DecodeException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            return parser.getLongValue();
        }
        return finite(parser.getBigIntegerValue().doubleValue());
    }

    private static Double finite(double d) throws DecodeException {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new DecodeException("number out of range");
        }
        return d;
    }
}
