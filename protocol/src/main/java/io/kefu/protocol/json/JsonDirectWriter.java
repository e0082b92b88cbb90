package io.kefu.protocol.json;

import io.kefu.protocol.Body;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.RuleRef;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The frames every message sends, written as UTF-8 JSON bytes without a generator: a {@code msg} push, the
 * {@code ok} to a {@code send}, and the empty {@code ok} (a {@code read}, a {@code typing}). Three of them leave
 * for each message, and Jackson's generator (its context, its checks of each value's place, its buffers) costs
 * more than the bytes; this writer knows each frame's fields and writes them straight into a buffer its thread
 * reuses. The text is the JSON of {@link JsonFrameWriter} (the same fields in the same order, null fields left
 * out; {@code JsonDirectWriterTest} compares the two byte for byte), so {@link JsonCodec} takes this writer for
 * the frames it {@linkplain #handles handles} and the generator for the rest.
 *
 * <p>Strings are escaped as JSON requires ({@code "}, backslash, control characters) and written as UTF-8. Two
 * differences from the generator, both the same JSON to a reader: a character outside the BMP is written as its
 * four UTF-8 bytes (the generator writes an escaped surrogate pair, 12 bytes), and a lone surrogate, which UTF-8
 * cannot carry, as a six-character escape (backslash, {@code u}, four hex digits). Confined to one thread,
 * reused for one frame after another.
 */
final class JsonDirectWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int pos;

    JsonDirectWriter(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /** Whether this writer writes {@code frame} (else the generator does). */
    static boolean handles(Frame frame) {
        if (frame instanceof Msg) {
            return true;
        }
        return frame instanceof Ok ok
                && (ok.result() instanceof OkResult.SendResult || ok.result() == OkResult.Empty.INSTANCE);
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

    /** Writes {@code frame}, which this writer {@linkplain #handles handles}, from the start of the buffer. */
    void write(Frame frame) {
        pos = 0;
        raw("{\"t\":");
        string(frame.type());
        if (frame.id() != null) {
            field("id");
            string(frame.id());
        }
        if (frame instanceof Msg m) {
            msgFields(m);
        } else {
            Ok ok = (Ok) frame;
            if (ok.re() != null) {
                field("re");
                string(ok.re());
            }
            if (ok.result() instanceof OkResult.SendResult s) {
                sendResult(s);
            }
        }
        rawByte('}');
    }

    private void msgFields(Msg m) {
        optional("conv", m.conv());
        field("seq");
        number(m.seq());
        if (m.from() != null) {
            field("from");
            rawByte('{');
            boolean first = true;
            if (m.from().type() != null) {
                raw("\"type\":");
                string(m.from().type().wire());
                first = false;
            }
            if (m.from().id() != null) {
                if (!first) {
                    rawByte(',');
                }
                raw("\"id\":");
                string(m.from().id());
            }
            rawByte('}');
        }
        optional("kind", m.kind());
        Body body = m.body();
        if (body != null) {
            field("body");
            map(body.fields());
        }
        field("ts");
        number(m.ts());
        optional("cmid", m.cmid());
        if (m.replyBy() != null) {
            field("replyBy");
            number(m.replyBy());
        }
    }

    private void sendResult(OkResult.SendResult s) {
        optional("conv", s.conv());
        field("seq");
        number(s.seq());
        field("ts");
        number(s.ts());
        optional("text", s.text());
        RuleRef rule = s.warning();
        if (rule != null) {
            raw(",\"warning\":{\"rule\":{");
            boolean first = true;
            if (rule.id() != null) {
                raw("\"id\":");
                string(rule.id());
                first = false;
            }
            if (rule.name() != null) {
                if (!first) {
                    rawByte(',');
                }
                raw("\"name\":");
                string(rule.name());
            }
            raw("}}");
        }
    }

    private void optional(String name, String value) {
        if (value != null) {
            field(name);
            string(value);
        }
    }

    /** {@code ,"name":} (every field but {@code t} follows another). The names are ASCII without escapes. */
    private void field(String name) {
        ensure(name.length() + 4);
        buf[pos++] = ',';
        buf[pos++] = '"';
        for (int i = 0, n = name.length(); i < n; i++) {
            buf[pos++] = (byte) name.charAt(i);
        }
        buf[pos++] = '"';
        buf[pos++] = ':';
    }

    private void map(Map<?, ?> map) {
        rawByte('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                if (!first) {
                    rawByte(',');
                }
                first = false;
                string(e.getKey().toString());
                rawByte(':');
                value(e.getValue());
            }
        }
        rawByte('}');
    }

    /** The body's value types, as {@link JsonValueWriter} writes them. */
    private void value(Object v) {
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean b) {
            raw(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal
                || v instanceof BigInteger big && big.bitLength() > 63) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                raw(Double.toString(d));
            } else {
                string(Double.toString(d)); // as the generator does: NaN and the infinities quoted
            }
        } else if (v instanceof Number n) {
            number(n.longValue());
        } else if (v instanceof Map<?, ?> map) {
            map(map);
        } else if (v instanceof List<?> list) {
            rawByte('[');
            for (int i = 0, n = list.size(); i < n; i++) {
                if (i > 0) {
                    rawByte(',');
                }
                Object element = list.get(i);
                if (element == null) {
                    raw("null");
                } else {
                    value(element);
                }
            }
            rawByte(']');
        } else {
            throw new IllegalArgumentException("body value of unsupported type " + v.getClass().getName());
        }
    }

    /** A JSON string: quoted, escaped, UTF-8. */
    private void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2); // the most a char takes: an escape of six bytes
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    p = escapeAscii(c, b, p);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                p = unicodeEscape(c, b, p);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        b[p++] = '"';
        pos = p;
    }

    private static int escapeAscii(char c, byte[] b, int p) {
        b[p++] = '\\';
        switch (c) {
            case '"' -> b[p++] = '"';
            case '\\' -> b[p++] = '\\';
            case '\n' -> b[p++] = 'n';
            case '\r' -> b[p++] = 'r';
            case '\t' -> b[p++] = 't';
            case '\b' -> b[p++] = 'b';
            case '\f' -> b[p++] = 'f';
            default -> {
                return unicodeEscape(c, b, p - 1);
            }
        }
        return p;
    }

    private static int unicodeEscape(char c, byte[] b, int p) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[c >> 12 & 0xF];
        b[p++] = HEX[c >> 8 & 0xF];
        b[p++] = HEX[c >> 4 & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** A decimal integer. */
    private void number(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, buf, pos, MIN_LONG.length);
            pos += MIN_LONG.length;
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int p = end - 1; p >= pos; p--) {
            buf[p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    /** ASCII without escapes (field names and punctuation). */
    private void raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) ascii.charAt(i);
        }
    }

    private void rawByte(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
