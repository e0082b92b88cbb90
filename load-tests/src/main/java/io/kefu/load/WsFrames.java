package io.kefu.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * WebSocket frames as a client sends them (RFC 6455 §5.2: FIN set, one opcode, payload masked), built in
 * one buffer. The harness writes its messages this way instead of through Netty's frame encoder, which
 * allocates a second buffer for each frame and copies the payload into it to mask it: at tens of thousands
 * of messages a second on one core that copy is a part of what the harness can offer.
 *
 * <p>Use: {@link #start} a buffer, write the payload into it, then {@link #finish} it. The header is
 * written in front of the payload once its length is known, into room left for the longest one.
 * Stateless; safe on any thread.
 */
final class WsFrames {
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    /** Two bytes, an eight-byte length and the four-byte masking key. */
    private static final int MAX_HEADER = 2 + 8 + 4;

    private WsFrames() {
    }

    /** A buffer to write a payload of about {@code payloadHint} bytes into. */
    static ByteBuf start(ByteBufAllocator alloc, int payloadHint) {
        ByteBuf buf = alloc.buffer(MAX_HEADER + Math.max(0, payloadHint));
        buf.writerIndex(MAX_HEADER);
        buf.readerIndex(MAX_HEADER);
        return buf;
    }

    /**
     * Puts the header in front of what was written since {@link #start} and masks it with {@code mask}:
     * the returned buffer (the same one) is the whole frame.
     */
    static ByteBuf finish(ByteBuf buf, int opcode, int mask) {
        int length = buf.writerIndex() - MAX_HEADER;
        int lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8;
        int at = MAX_HEADER - 2 - lengthBytes - 4;
        buf.setByte(at, 0x80 | opcode);
        if (lengthBytes == 0) {
            buf.setByte(at + 1, 0x80 | length);
        } else if (lengthBytes == 2) {
            buf.setByte(at + 1, 0x80 | 126);
            buf.setShort(at + 2, length);
        } else {
            buf.setByte(at + 1, 0x80 | 127);
            buf.setLong(at + 2, length);
        }
        buf.setInt(MAX_HEADER - 4, mask);
        mask(buf, MAX_HEADER, buf.writerIndex(), mask);
        buf.readerIndex(at);
        return buf;
    }

    /** XORs bytes {@code from} to {@code to} with the key, its first byte at {@code from}. */
    private static void mask(ByteBuf buf, int from, int to, int mask) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            buf.setInt(i, buf.getInt(i) ^ mask);
        }
        for (int k = 0; i < to; i++, k++) {
            buf.setByte(i, buf.getByte(i) ^ (mask >>> (24 - 8 * k)));
        }
    }
}
