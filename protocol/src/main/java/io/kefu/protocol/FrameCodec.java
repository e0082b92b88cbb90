package io.kefu.protocol;

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

    Frame decode(byte[] data, int offset, int length) throws DecodeException;

    default Frame decode(byte[] data) throws DecodeException {
        return decode(data, 0, data.length);
    }
}
