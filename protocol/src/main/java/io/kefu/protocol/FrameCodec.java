package io.kefu.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns frames into bytes and back. Implementations are stateless and thread-safe.
 *
 * <p>{@link #decode} never throws anything but {@link DecodeException}, whatever the input: truncated,
 * oversized, wrongly typed or random bytes all give a typed error.
 */
public interface FrameCodec {

    /** The WebSocket sub-protocol this codec serves, e.g. {@code kefu.v1.json}. */
    String subprotocol();

    /** {@code true} when frames travel as WebSocket text frames (JSON), {@code false} for binary frames. */
    boolean text();

    byte[] encode(Frame frame);

    /**
     * Encodes {@code frame} onto {@code out}, the same bytes as {@link #encode(Frame)}: a server writes frames
     * straight into its pooled network buffers this way, without an array per frame. Throws only what
     * {@code out} throws.
     */
    default void encode(Frame frame, OutputStream out) throws IOException {
        out.write(encode(frame));
    }

    Frame decode(byte[] data, int offset, int length) throws DecodeException;

    default Frame decode(byte[] data) throws DecodeException {
        return decode(data, 0, data.length);
    }
}
