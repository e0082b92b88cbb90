package io.kefu.protocol.json;

import io.kefu.protocol.DecodeException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of one decoded JSON object with typed, strict accessors. Every failure names the field by
 * its path ({@code send.cmid}, {@code ok.messages[2].from.type}) so the error answer says what to fix.
 */
final class JsonFields {
    private static final int MAX_QUOTED = 40;

    private final String path;
    private final Map<String, Object> values;

    JsonFields(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    String path() {
        return path;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name) throws DecodeException {
        return require(name, optString(name), "string");
    }

    String optString(String name) throws DecodeException {
        Object v = values.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(name, "a string", v);
    }

    boolean optBoolean(String name) throws DecodeException {
        Object v = values.get(name);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw wrongType(name, "true or false", v);
    }

    long number(String name) throws DecodeException {
        return require(name, optNumber(name), "number");
    }

    Long optNumber(String name) throws DecodeException {
        Object v = values.get(name);
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Double d) {
            throw error(name, "expected an integer, got " + d);
        }
        throw wrongType(name, "a number", v);
    }

    int intNumber(String name) throws DecodeException {
        return require(name, optInt(name), "number");
    }

    Integer optInt(String name) throws DecodeException {
        Long v = optNumber(name);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(name, v + " is out of range");
        }
        return v.intValue();
    }

    JsonFields object(String name) throws DecodeException {
        return require(name, optObject(name), "object");
    }

    JsonFields optObject(String name) throws DecodeException {
        Map<String, Object> map = optRawObject(name);
        return map == null ? null : new JsonFields(child(name), map);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> optRawObject(String name) throws DecodeException {
        Object v = values.get(name);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw wrongType(name, "an object", v);
    }

    /** The elements of an optional array of objects; empty when the field is absent. */
    List<JsonFields> objects(String name) throws DecodeException {
        List<?> list = optList(name);
        List<JsonFields> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String elementName = name + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw wrongType(elementName, "an object", list.get(i));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            out.add(new JsonFields(child(elementName), fields));
        }
        return out;
    }

    /** The elements of an optional array of strings; empty when the field is absent. */
    List<String> strings(String name) throws DecodeException {
        List<?> list = optList(name);
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw wrongType(name + "[" + i + "]", "a string", list.get(i));
            }
            out.add(s);
        }
        return out;
    }

    /** A required enum field; {@code allowed} lists the wire values for the error message. */
    <E> E enumValue(String name, Function<String, E> fromWire, String allowed) throws DecodeException {
        String wire = string(name);
        E value = fromWire.apply(wire);
        if (value == null) {
            throw error(name, "expected one of " + allowed + ", got " + quote(wire));
        }
        return value;
    }

    DecodeException error(String name, String problem) {
        return new DecodeException(child(name) + ": " + problem);
    }

    DecodeException error(String problem) {
        return new DecodeException(path + ": " + problem);
    }

    static String quote(String s) {
        String shown = s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
        return "'" + shown + "'";
    }

    private List<?> optList(String name) throws DecodeException {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list;
        }
        throw wrongType(name, "an array", v);
    }

    private <T> T require(String name, T value, String kind) throws DecodeException {
        if (value == null) {
            throw error(name, "required " + kind + " field is missing");
        }
        return value;
    }

    private DecodeException wrongType(String name, String expected, Object actual) {
        return error(name, "expected " + expected + ", got " + typeName(actual));
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Number) {
            return "number";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof Map) {
            return "object";
        }
        return "array";
    }
}
