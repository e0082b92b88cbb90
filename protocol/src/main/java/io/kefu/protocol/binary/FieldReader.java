package io.kefu.protocol.binary;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.FrameLimits;

import java.util.List;

/**
 * Reads the tagged fields of a frame and of the records nested in it, checking each known field's wire
 * type and naming the field in every error ({@code msg.from.type: ...}). Field names are kept as a small
 * stack of constants and only joined into a path when an error is thrown, so the success path allocates
 * nothing for them. One instance per decode call; not thread-safe.
 */
final class FieldReader {
    /** Records nest at most three deep in v1 (ok → messages → message → from); one more is slack. */
    private static final int MAX_RECORD_DEPTH = 5;

    private final WireReader in;
    private final String[] names = new String[MAX_RECORD_DEPTH];
    private final int[] indexes = new int[MAX_RECORD_DEPTH];
    private final int[] limits = new int[MAX_RECORD_DEPTH];
    private int depth;
    private int tag;
    private String requestId;

    FieldReader(WireReader in, String frameName) {
        this.in = in;
        names[0] = frameName;
        indexes[0] = -1;
    }

    WireReader wire() {
        return in;
    }

    String requestId() {
        return requestId;
    }

    /**
     * Reads the next tag; {@code false} at the end of the current record or, at the top level, at the
     * end byte (which must then be the last byte of the frame).
     */
    boolean next() throws DecodeException {
        if (depth > 0) {
            if (!in.hasMore()) {
                return false;
            }
            tag = readTag();
            if (tag == WireType.END) {
                throw error("field number 0 is not allowed inside a record");
            }
            return true;
        }
        if (!in.hasMore()) {
            throw error("truncated: the frame ends without its end byte");
        }
        tag = readTag();
        if (tag != WireType.END) {
            return true;
        }
        if (in.hasMore()) {
            throw error(in.remaining() + " trailing bytes after the end of the frame");
        }
        return false;
    }

    int field() {
        return tag >>> 2;
    }

    boolean isBytes() {
        return (tag & 3) == WireType.BYTES;
    }

    void skip() throws DecodeException {
        try {
            in.skip(tag & 3);
        } catch (DecodeException e) {
            throw error("field " + field() + ": " + e.getMessage());
        }
    }

    /** The request id (field 1 of a request); remembered so a later error can still name the request. */
    String requestIdField() throws DecodeException {
        String id = id("id");
        if (depth == 0) {
            requestId = id;
        }
        return id;
    }

    /**
     * An id: a string (bytes) or, for the decimal ids servers generate, the number itself (varint),
     * which comes back as its unsigned decimal string.
     */
    String id(String name) throws DecodeException {
        if ((tag & 3) == WireType.VARINT) {
            return Long.toUnsignedString(uint(name));
        }
        return string(name);
    }

    String string(String name) throws DecodeException {
        expect(WireType.BYTES, name);
        try {
            return in.string();
        } catch (DecodeException e) {
            throw error(name, e.getMessage());
        }
    }

    long uint(String name) throws DecodeException {
        expect(WireType.VARINT, name);
        try {
            return in.varint();
        } catch (DecodeException e) {
            throw error(name, e.getMessage());
        }
    }

    /** A varint field holding a Java {@code int} (possibly negative, as a 64-bit two's complement). */
    int int32(String name) throws DecodeException {
        long v = uint(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(name, Long.toUnsignedString(v) + " is out of range");
        }
        return (int) v;
    }

    /** An enum as its index in {@code values}, which fixes the wire numbering. */
    <E> E enumValue(String name, List<E> values) throws DecodeException {
        long v = uint(name);
        if (v < 0 || v >= values.size()) {
            throw error(name, "unknown value " + Long.toUnsignedString(v));
        }
        return values.get((int) v);
    }

    /** Enters the length-delimited record in the current field; pair with {@link #exit()}. */
    void enter(String name) throws DecodeException {
        enter(name, -1);
    }

    /** Enters element {@code index} of a repeated record field; an empty name shows as {@code parent[i]}. */
    void enter(String name, int index) throws DecodeException {
        expect(WireType.BYTES, name);
        if (depth + 1 == MAX_RECORD_DEPTH) {
            throw error(name, "records nested too deep");
        }
        int length;
        try {
            length = in.length();
        } catch (DecodeException e) {
            throw error(name, e.getMessage());
        }
        depth++;
        names[depth] = name;
        indexes[depth] = index;
        limits[depth] = in.pushLimit(length);
    }

    void exit() {
        in.popLimit(limits[depth]);
        depth--;
    }

    /** Adds one occurrence of a repeated field, at most {@link FrameLimits#MAX_ELEMENTS} of them. */
    <T> void addRepeated(List<T> list, T value) throws DecodeException {
        if (list.size() == FrameLimits.MAX_ELEMENTS) {
            throw error("more than " + FrameLimits.MAX_ELEMENTS + " repetitions of field " + field());
        }
        list.add(value);
    }

    <T> T require(T value, String name) throws DecodeException {
        if (value == null) {
            throw error(name, "required field is missing");
        }
        return value;
    }

    DecodeException error(String name, String problem) {
        return new DecodeException(path() + "." + name + ": " + problem);
    }

    DecodeException error(String problem) {
        return new DecodeException(path() + ": " + problem);
    }

    private void expect(int wireType, String name) throws DecodeException {
        if ((tag & 3) != wireType) {
            throw error(name, "expected wire type " + WireType.name(wireType) + ", got " + WireType.name(tag & 3));
        }
    }

    private int readTag() throws DecodeException {
        try {
            int t = in.smallVarint();
            if ((t & 3) == 3) {
                throw new DecodeException("unknown wire type 3");
            }
            return t;
        } catch (DecodeException e) {
            throw error(e.getMessage());
        }
    }

    private String path() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= depth; i++) {
            if (i > 0 && !names[i].isEmpty()) {
                sb.append('.');
            }
            sb.append(names[i]);
            if (indexes[i] >= 0) {
                sb.append('[').append(indexes[i]).append(']');
            }
        }
        return sb.toString();
    }
}
