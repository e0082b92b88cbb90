package io.kefu.protocol.binary;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitives of the encoding: varints, tagged fields, strings written
 * straight from {@code char}s, and length-delimited records whose length is patched in afterwards.
 * Confined to one thread, reused for one encode call after another ({@link #reset}).
 */
final class WireWriter {
    /** A string this short has at most 3 * 42 = 126 UTF-8 bytes, so its length fits one varint byte. */
    private static final int ONE_BYTE_LENGTH_CHARS = 42;

    private byte[] buf;
    private int pos;

    WireWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    void reset() {
        pos = 0;
    }

    int capacity() {
        return buf.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, pos);
    }

    void rawByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void tag(int field, int wireType) {
        varint(WireType.tag(field, wireType));
    }

    /** A varint field; numbers of the contract are never negative, a negative one takes ten bytes. */
    void uint(int field, long v) {
        tag(field, WireType.VARINT);
        varint(v);
    }

    void optUint(int field, Number v) {
        if (v != null) {
            uint(field, v.longValue());
        }
    }

    /** A string field, or nothing when {@code s} is {@code null}. */
    void string(int field, String s) {
        if (s != null) {
            tag(field, WireType.BYTES);
            rawString(s);
        }
    }

    /**
     * An id field: a canonical decimal number (digits, no leading zero, below 2^63) as a varint, which
     * halves the size of the server's 64-bit ids; anything else as a string. Nothing when {@code null}.
     */
    void id(int field, String s) {
        if (s != null) {
            long number = decimalValue(s);
            if (number >= 0) {
                uint(field, number);
            } else {
                string(field, s);
            }
        }
    }

    /** Byte length then UTF-8 bytes. */
    void rawString(String s) {
        int chars = s.length();
        if (chars <= ONE_BYTE_LENGTH_CHARS) {
            ensure(1 + 3 * chars);
            int lengthAt = pos++;
            pos = Utf8.encode(s, buf, pos);
            buf[lengthAt] = (byte) (pos - lengthAt - 1);
        } else {
            int bytes = Utf8.encodedLength(s);
            varint(bytes);
            ensure(bytes);
            pos = Utf8.encode(s, buf, pos);
        }
    }

    /** The UTF-8 bytes of {@code s}, whose length the caller computed and wrote. */
    void utf8(String s, int byteLength) {
        ensure(byteLength);
        pos = Utf8.encode(s, buf, pos);
    }

    void fixed64(long bits) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (bits >>> 8 * i);
        }
    }

    /**
     * Starts a length-delimited field: writes its tag and reserves one byte for the length, which
     * {@link #endRecord} fills in. Returns the position of that byte.
     */
    int beginRecord(int field) {
        tag(field, WireType.BYTES);
        ensure(1);
        return pos++;
    }

    /** Ends the record begun at {@code lengthAt}, moving its content when the length needs more bytes. */
    void endRecord(int lengthAt) {
        int length = pos - lengthAt - 1;
        if (length < 0x80) {
            buf[lengthAt] = (byte) length;
            return;
        }
        int extra = varintSize(length) - 1;
        ensure(extra);
        System.arraycopy(buf, lengthAt + 1, buf, lengthAt + 1 + extra, length);
        int end = pos + extra;
        pos = lengthAt;
        varint(length);
        pos = end;
    }

    /** The value of {@code s} if it is the canonical decimal form of a non-negative long, else -1. */
    private static long decimalValue(String s) {
        int n = s.length();
        if (n == 0 || n > 19 || n > 1 && s.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int varintSize(int v) {
        int size = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
