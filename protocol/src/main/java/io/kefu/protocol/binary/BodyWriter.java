package io.kefu.protocol.binary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Writes a body's fields in the self-describing value encoding ({@link BodyValues}). */
final class BodyWriter {
    private BodyWriter() {
    }

    /** The content of a map: count, then key/value pairs; entries with a {@code null} value are left out. */
    static void map(WireWriter w, Map<?, ?> map) {
        int count = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                count++;
            }
        }
        w.varint(count);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                key(w, e.getKey().toString());
                value(w, e.getValue());
            }
        }
    }

    /** An even varint names a well-known key; an odd one is {@code byteLength << 1 | 1} before the UTF-8. */
    private static void key(WireWriter w, String key) {
        int known = WireEnums.bodyKeyIndex(key);
        if (known >= 0) {
            w.varint((long) known << 1);
        } else {
            int bytes = Utf8.encodedLength(key);
            w.varint((long) bytes << 1 | 1);
            w.utf8(key, bytes);
        }
    }

    private static void value(WireWriter w, Object v) {
        if (v == null) {
            w.rawByte(BodyValues.NULL);
        } else if (v instanceof String s) {
            w.rawByte(BodyValues.STRING);
            w.rawString(s);
        } else if (v instanceof Boolean b) {
            w.rawByte(b ? BodyValues.TRUE : BodyValues.FALSE);
        } else if (isFloating(v)) {
            w.rawByte(BodyValues.DOUBLE);
            w.fixed64(Double.doubleToLongBits(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            long l = n.longValue();
            w.rawByte(BodyValues.INT);
            w.varint(l << 1 ^ l >> 63);
        } else if (v instanceof Map<?, ?> map) {
            w.rawByte(BodyValues.MAP);
            map(w, map);
        } else if (v instanceof List<?> list) {
            w.rawByte(BodyValues.LIST);
            w.varint(list.size());
            for (Object element : list) {
                value(w, element);
            }
        } else {
            throw new IllegalArgumentException("body value of unsupported type " + v.getClass().getName());
        }
    }

    /** Decimals, and integers too wide for 64 bits, travel as doubles, as in the JSON encoding. */
    private static boolean isFloating(Object v) {
        return v instanceof Double || v instanceof Float || v instanceof BigDecimal
                || v instanceof BigInteger big && big.bitLength() > 63;
    }
}
