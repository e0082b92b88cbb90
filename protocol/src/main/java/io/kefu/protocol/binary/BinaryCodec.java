package io.kefu.protocol.binary;

import io.kefu.protocol.Codecs;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.FrameLimits;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The compact binary encoding ({@value Codecs#BINARY_SUBPROTOCOL}), specified byte by byte in
 * {@code docs/protocol.md}: a type byte, tagged fields ({@code fieldNumber << 2 | wireType} as a varint,
 * so an older decoder skips the fields it does not know), and an end byte {@code 0x00}. Message kinds,
 * enums and the usual body keys travel as small numbers.
 *
 * <p>{@link #decode} never throws anything but {@link DecodeException}: every length is checked against
 * the bytes left before anything is allocated, counts and depths are capped ({@link FrameLimits}),
 * strings must be valid UTF-8, and bytes after the end byte are an error.
 *
 * <p>Thread-safe: one instance serves every connection. Each encoding thread reuses a scratch buffer
 * of its own; no state survives a call.
 */
public final class BinaryCodec implements FrameCodec {
    /** Big enough for a typical text message without growing the buffer. */
    private static final int INITIAL_BUFFER = 1024;
    /** A buffer that grew past this for one large frame is dropped rather than kept per thread. */
    private static final int MAX_RETAINED_BUFFER = 64 * 1024;

    /**
     * One scratch buffer per encoding thread (Netty event loops, in the server), so encoding allocates
     * only the returned array. The buffer holds no state between calls.
     */
    private final ThreadLocal<WireWriter> writers = ThreadLocal.withInitial(() -> new WireWriter(INITIAL_BUFFER));

    @Override
    public String subprotocol() {
        return Codecs.BINARY_SUBPROTOCOL;
    }

    @Override
    public boolean text() {
        return false;
    }

    @Override
    public byte[] encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        WireWriter w = writers.get();
        w.reset();
        BinaryFrameWriter.write(w, frame);
        byte[] bytes = w.toByteArray();
        if (w.capacity() > MAX_RETAINED_BUFFER) {
            writers.remove();
        }
        return bytes;
    }

    @Override
    public void encode(Frame frame, OutputStream out) throws IOException {
        Objects.requireNonNull(frame, "frame");
        WireWriter w = writers.get();
        w.reset();
        BinaryFrameWriter.write(w, frame);
        w.writeTo(out);
        if (w.capacity() > MAX_RETAINED_BUFFER) {
            writers.remove();
        }
    }

    @Override
    public Frame decode(byte[] data, int offset, int length) throws DecodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            throw new DecodeException("empty frame");
        }
        WireReader in = new WireReader(data, offset, length);
        int type = in.readByte();
        FieldReader fields = new FieldReader(in, FrameTypes.name(type));
        try {
            return read(type, fields);
        } catch (DecodeException e) {
            throw fields.requestId() == null ? e : e.withRequestId(fields.requestId());
        }
    }

    private static Frame read(int type, FieldReader fields) throws DecodeException {
        if (type == FrameTypes.OK) {
            return BinaryOkReader.ok(fields);
        } else if (type == FrameTypes.ERROR) {
            return BinaryOkReader.error(fields);
        } else if (type >= FrameTypes.OK) {
            return BinaryPushReader.push(type, fields);
        }
        return BinaryFrameReader.request(type, fields);
    }
}
