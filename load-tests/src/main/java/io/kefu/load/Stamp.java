package io.kefu.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the harness writes at the start of every message it sends, so the receiver can account for it
 * without any shared table: the conversation index, the direction ({@code b} buyer→agent, {@code a}
 * agent→buyer), the sender's message number {@code n} (1, 2, 3... per conversation and direction) and
 * the <em>scheduled</em> send time in {@link MicroClock} microseconds. As text:
 * {@code L|<conv>|<dir>|<n>|<at>|} followed by padding up to the message size, {@code at} written with
 * {@value #AT_DIGITS} digits (leading zeros).
 *
 * <p>Why the zeros: a compliance filter reads {@code |} as punctuation between digits, so {@code n} and
 * {@code at} together are one run of digits. Unpadded, {@code 13|412345678} (message 13, 412 s into the run)
 * reads as the mobile number 134 1234 5678 and Kefu refuses the message as {@code blocked_content}; a run of
 * {@code n}'s digits and 13 more is never 11 digits, nor 13 starting with 86 or 15 starting with 0086.
 */
public record Stamp(int conv, char dir, long n, long at) {
    public static final char FROM_BUYER = 'b';
    public static final char FROM_AGENT = 'a';
    private static final char PAD = '.';
    /** Digits of {@code at} in the text: 115 days of microseconds. */
    static final int AT_DIGITS = 13;
    private static final byte[] PADDING = new byte[1024];

    static {
        Arrays.fill(PADDING, (byte) PAD);
    }

    public Stamp {
        if (dir != FROM_BUYER && dir != FROM_AGENT) {
            throw new IllegalArgumentException("dir must be 'b' or 'a', got '" + dir + "'");
        }
    }

    public boolean fromBuyer() {
        return dir == FROM_BUYER;
    }

    /** The stamp followed by padding: exactly {@code size} characters, or just the stamp if it is longer. */
    public String text(int size) {
        ByteBuf out = Unpooled.buffer(Math.max(size, 48));
        writeText(out, size);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Writes {@link #text(int)} to {@code out} as ASCII, without making the string: the one place its form is. */
    public void writeText(ByteBuf out, int size) {
        int start = out.writerIndex();
        out.writeByte('L').writeByte('|');
        writeDigits(out, conv);
        out.writeByte('|').writeByte(dir).writeByte('|');
        writeDigits(out, n);
        out.writeByte('|');
        for (int i = digits(at); i < AT_DIGITS; i++) {
            out.writeByte('0');
        }
        writeDigits(out, at);
        out.writeByte('|');
        for (int left = size - (out.writerIndex() - start); left > 0; left -= PADDING.length) {
            out.writeBytes(PADDING, 0, Math.min(left, PADDING.length));
        }
    }

    private static int digits(long v) {
        int d = 1;
        for (long x = v; x >= 10; x /= 10) {
            d++;
        }
        return d;
    }

    /** {@code v} (not negative) in decimal. */
    private static void writeDigits(ByteBuf out, long v) {
        int d = digits(v);
        int end = out.writerIndex() + d;
        out.ensureWritable(d);
        long x = v;
        for (int i = end - 1; i >= end - d; i--) {
            out.setByte(i, (int) ('0' + x % 10));
            x /= 10;
        }
        out.writerIndex(end);
    }

    /**
     * A client message id unique per sender: the scheduled time first ({@value #AT_DIGITS} digits), then
     * conversation, direction and number, e.g. {@code 0000000000009-17a42}. Time first as in the SDK's ids (version
     * 7 UUIDs), so the server's index of them sees the order real clients give it.
     */
    public String cmid() {
        StringBuilder sb = new StringBuilder(AT_DIGITS + 16);
        String time = Long.toString(at);
        for (int i = time.length(); i < AT_DIGITS; i++) {
            sb.append('0');
        }
        return sb.append(time).append('-').append(conv).append(dir).append(n).toString();
    }

    /** The stamp at the start of {@code s}, or {@code null} when {@code s} does not start with one. */
    public static Stamp parse(CharSequence s) {
        if (s == null || s.length() < 10 || s.charAt(0) != 'L' || s.charAt(1) != '|') {
            return null;
        }
        int[] pos = {2};
        long conv = number(s, pos);
        if (conv < 0 || conv > Integer.MAX_VALUE || pos[0] + 2 > s.length()) {
            return null;
        }
        char dir = s.charAt(pos[0]);
        if ((dir != FROM_BUYER && dir != FROM_AGENT) || s.charAt(pos[0] + 1) != '|') {
            return null;
        }
        pos[0] += 2;
        long n = number(s, pos);
        long at = number(s, pos);
        return n < 1 || at < 0 ? null : new Stamp((int) conv, dir, n, at);
    }

    /** The stamp at the start of bytes {@code from} to {@code to} of {@code buf}, or {@code null}; reads no further. */
    public static Stamp parse(ByteBuf buf, int from, int to) {
        return parse(new Ascii(buf, from, Math.max(from, to)));
    }

    /** Bytes of a buffer read as ASCII characters, without copying them. */
    private record Ascii(ByteBuf buf, int from, int to) implements CharSequence {
        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) (buf.getByte(from + index) & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Ascii(buf, from + start, from + end);
        }

        @Override
        public String toString() {
            return buf.toString(from, to - from, StandardCharsets.US_ASCII);
        }
    }

    /** Reads decimal digits up to a '|' at {@code pos[0]} and moves past it; -1 when malformed. */
    private static long number(CharSequence s, int[] pos) {
        long v = 0;
        int i = pos[0];
        int start = i;
        while (i < s.length() && i - start < 19) {
            char c = s.charAt(i);
            if (c == '|') {
                pos[0] = i + 1;
                return i == start ? -1 : v;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            i++;
        }
        return -1;
    }
}
