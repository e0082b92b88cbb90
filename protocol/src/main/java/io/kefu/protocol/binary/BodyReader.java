package io.kefu.protocol.binary;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.FrameLimits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values of the body encoding ({@link BodyValues}) into {@link String}, {@link Long},
 * {@link Double}, {@link Boolean} and unmodifiable {@link List}/{@link Map}, as the JSON codec does.
 * Counts are checked against the bytes left before anything is allocated; depth is bounded.
 */
final class BodyReader {
    /** A map entry takes at least a key byte and a value byte; a list element at least one byte. */
    private static final int MIN_ENTRY_BYTES = 2;

    private BodyReader() {
    }

    /** The content of a map at nesting level {@code depth} (the body itself is level 1); unmodifiable. */
    static Map<String, Object> map(WireReader in, int depth) throws DecodeException {
        if (depth > FrameLimits.MAX_BODY_DEPTH) {
            throw new DecodeException("nested deeper than " + FrameLimits.MAX_BODY_DEPTH + " levels");
        }
        int count = in.count(MIN_ENTRY_BYTES);
        if (count == 1) {
            // the usual body ({text}, {url}...): skip building a LinkedHashMap for one entry
            String key = key(in);
            Object value = value(in, depth);
            return value == null ? Map.of() : Map.of(key, value);
        }
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, count * 2));
        for (int i = 0; i < count; i++) {
            String key = key(in);
            Object value = value(in, depth);
            if (value != null) {
                map.put(key, value);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static String key(WireReader in) throws DecodeException {
        long k = in.varint();
        if ((k & 1) == 0) {
            long index = k >>> 1;
            if (index >= WireEnums.BODY_KEYS.size()) {
                throw new DecodeException("unknown well-known key " + index);
            }
            return WireEnums.BODY_KEYS.get((int) index);
        }
        long bytes = k >>> 1;
        if (bytes > in.remaining()) {
            throw new DecodeException("key length " + bytes + " runs past the end (" + in.remaining()
                    + " bytes left)");
        }
        return in.utf8((int) bytes);
    }

    private static Object value(WireReader in, int depth) throws DecodeException {
        int type = in.readByte();
        switch (type) {
            case BodyValues.NULL:
                return null;
            case BodyValues.FALSE:
                return Boolean.FALSE;
            case BodyValues.TRUE:
                return Boolean.TRUE;
            case BodyValues.INT:
                long z = in.varint();
                return z >>> 1 ^ -(z & 1);
            case BodyValues.DOUBLE:
                return finite(Double.longBitsToDouble(in.fixed64()));
            case BodyValues.STRING:
                return in.string();
            case BodyValues.LIST:
                return list(in, depth + 1);
            case BodyValues.MAP:
                return map(in, depth + 1);
            default:
                throw new DecodeException("unknown value type 0x" + Integer.toHexString(type));
        }
    }

    private static List<Object> list(WireReader in, int depth) throws DecodeException {
        if (depth > FrameLimits.MAX_BODY_DEPTH) {
            throw new DecodeException("nested deeper than " + FrameLimits.MAX_BODY_DEPTH + " levels");
        }
        int count = in.count(1);
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(value(in, depth));
        }
        return Collections.unmodifiableList(list);
    }

    private static Double finite(double d) throws DecodeException {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new DecodeException("number is not finite");
        }
        return d;
    }
}
