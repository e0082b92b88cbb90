package io.kefu.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Harness messages in the relay protocol ({@code RELAY.md}). Text:
 * {@code {"to":"<id>","conv":9,"n":42,"at":123456,"pad":"L|9|b|42|0000000123456|....."}} — the fields of the
 * protocol's example, with the {@link Stamp} leading the padding, which is what receivers read. Binary:
 * one byte L, L bytes of the target id, then the stamp and padding as ASCII. Either way the frame is
 * {@code size} bytes when the stamp fits (the id and JSON envelope count towards it).
 * Stateless; safe on any thread.
 */
final class RelayMessages {
    private static final String PAD_FIELD = "\"pad\":\"";
    /** Longer than any stamp: parsing never needs to read the padding. */
    private static final int STAMP_WINDOW = 64;

    private RelayMessages() {
    }

    static String json(String to, Stamp s, int size) {
        String head = "{\"to\":\"" + to + "\",\"conv\":" + s.conv() + ",\"n\":" + s.n() + ",\"at\":" + s.at()
                + "," + PAD_FIELD;
        return head + s.text(size - head.length() - 2) + "\"}";
    }

    static ByteBuf binary(ByteBufAllocator alloc, String to, Stamp s, int size) {
        byte[] id = to.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = alloc.buffer(Math.max(size, 1 + id.length + 32));
        writeBinary(buf, id, s, size);
        return buf;
    }

    /** A whole client WebSocket frame (masked with {@code mask}) carrying {@link #json}. */
    static ByteBuf jsonFrame(ByteBufAllocator alloc, String to, Stamp s, int size, int mask) {
        ByteBuf buf = WsFrames.start(alloc, size);
        ByteBufUtil.writeAscii(buf, json(to, s, size));
        return WsFrames.finish(buf, WsFrames.OPCODE_TEXT, mask);
    }

    /**
     * A whole client WebSocket frame (masked with {@code mask}) carrying {@link #binary}, written straight
     * into the buffer: the id's bytes, then the stamp and its padding.
     */
    static ByteBuf binaryFrame(ByteBufAllocator alloc, byte[] to, Stamp s, int size, int mask) {
        ByteBuf buf = WsFrames.start(alloc, Math.max(size, 1 + to.length + 32));
        writeBinary(buf, to, s, size);
        return WsFrames.finish(buf, WsFrames.OPCODE_BINARY, mask);
    }

    private static void writeBinary(ByteBuf buf, byte[] id, Stamp s, int size) {
        if (id.length > 255) {
            throw new IllegalArgumentException("relay ids are at most 255 bytes, got " + id.length);
        }
        buf.writeByte(id.length).writeBytes(id);
        s.writeText(buf, size - 1 - id.length);
    }

    /** The stamp in a text frame, or {@code null}. */
    static Stamp parseJson(ByteBuf content) {
        int start = content.readerIndex();
        int length = content.readableBytes();
        int at = ByteBufUtil.indexOf(PAD_NEEDLE.duplicate(), content);
        if (at < 0) {
            return null;
        }
        int from = at + PAD_FIELD.length();
        return parseAt(content, from, start + length - from);
    }

    /** The stamp in a binary frame, or {@code null}. */
    static Stamp parseBinary(ByteBuf content) {
        if (content.readableBytes() < 1) {
            return null;
        }
        int idLength = content.getUnsignedByte(content.readerIndex());
        int from = content.readerIndex() + 1 + idLength;
        return parseAt(content, from, content.writerIndex() - from);
    }

    private static Stamp parseAt(ByteBuf content, int from, int available) {
        if (available <= 0) {
            return null;
        }
        return Stamp.parse(content, from, from + Math.min(STAMP_WINDOW, available));
    }

    private static final ByteBuf PAD_NEEDLE = io.netty.buffer.Unpooled.unreleasableBuffer(
            io.netty.buffer.Unpooled.copiedBuffer(PAD_FIELD, StandardCharsets.US_ASCII));
}
