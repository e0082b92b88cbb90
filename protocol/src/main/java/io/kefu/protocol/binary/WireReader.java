package io.kefu.protocol.binary;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.FrameLimits;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over the bytes of one frame. Every length is checked against the bytes that remain before
 * anything is allocated, and nested records narrow the readable window ({@link #pushLimit}), so a
 * record cannot read past its own end. One instance per decode call; not thread-safe.
 */
final class WireReader {
    private final byte[] buf;
    private int pos;
    private int limit;

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    boolean hasMore() {
        return pos < limit;
    }

    int remaining() {
        return limit - pos;
    }

    int readByte() throws DecodeException {
        if (pos >= limit) {
            throw new DecodeException("truncated: expected a byte, found the end");
        }
        return buf[pos++] & 0xFF;
    }

    /** An unsigned LEB128 varint of at most ten bytes, as the 64 bits of a {@code long}. */
    long varint() throws DecodeException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new DecodeException("truncated: varint runs past the end");
            }
            byte b = buf[pos++];
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new DecodeException("varint overflows 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new DecodeException("varint overflows 64 bits");
    }

    /** A varint that must fit a non-negative {@code int}, e.g. a tag. */
    int smallVarint() throws DecodeException {
        long v = varint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new DecodeException("value " + Long.toUnsignedString(v) + " is out of range");
        }
        return (int) v;
    }

    /** A byte length that must fit in what is left of the current record. */
    int length() throws DecodeException {
        long v = varint();
        if (v < 0 || v > remaining()) {
            throw new DecodeException("length " + Long.toUnsignedString(v) + " runs past the end ("
                    + remaining() + " bytes left)");
        }
        return (int) v;
    }

    /** A count of elements, each at least {@code minBytes} long, capped by {@link FrameLimits#MAX_ELEMENTS}. */
    int count(int minBytes) throws DecodeException {
        long v = varint();
        if (v < 0 || v > FrameLimits.MAX_ELEMENTS) {
            throw new DecodeException("count " + Long.toUnsignedString(v) + " exceeds " + FrameLimits.MAX_ELEMENTS);
        }
        if (v * minBytes > remaining()) {
            throw new DecodeException("count " + v + " runs past the end (" + remaining() + " bytes left)");
        }
        return (int) v;
    }

    /** A length-prefixed, strictly valid UTF-8 string within {@link FrameLimits}. */
    String string() throws DecodeException {
        int length = length();
        return utf8(length);
    }

    /** {@code length} bytes of UTF-8 (the length was already read). */
    String utf8(int length) throws DecodeException {
        if (length > remaining()) {
            throw new DecodeException("length " + length + " runs past the end (" + remaining() + " bytes left)");
        }
        if (length > FrameLimits.MAX_STRING_BYTES) {
            throw new DecodeException("string of " + length + " bytes is longer than allowed");
        }
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        // The JDK replaces malformed input with U+FFFD; only then is the strict check worth a second pass.
        if (s.indexOf('\uFFFD') >= 0 && !Utf8.isValid(buf, pos, pos + length)) {
            throw new DecodeException("string is not valid UTF-8");
        }
        pos += length;
        if (s.length() > FrameLimits.MAX_STRING_CHARS) {
            throw new DecodeException("string of " + s.length() + " characters is longer than "
                    + FrameLimits.MAX_STRING_CHARS);
        }
        return s;
    }

    long fixed64() throws DecodeException {
        if (remaining() < 8) {
            throw new DecodeException("truncated: 8-byte number runs past the end");
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (buf[pos++] & 0xFF) << 8 * i;
        }
        return v;
    }

    /** Skips a field of the given wire type whose tag was just read. */
    void skip(int wireType) throws DecodeException {
        switch (wireType) {
            case WireType.VARINT -> varint();
            case WireType.BYTES -> {
                // read the length first: "pos += length()" would add it to the position before the varint
                int length = length();
                pos += length;
            }
            case WireType.FIXED64 -> fixed64();
            default -> throw new DecodeException("unknown wire type " + wireType);
        }
    }

    /** Narrows reading to the next {@code length} bytes; returns the limit to restore. */
    int pushLimit(int length) {
        int old = limit;
        limit = pos + length;
        return old;
    }

    void popLimit(int oldLimit) {
        pos = limit;
        limit = oldLimit;
    }
}
