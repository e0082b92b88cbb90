package io.kefu.protocol;

import io.kefu.protocol.binary.BinaryCodec;
import io.kefu.protocol.json.JsonCodec;

import java.util.Optional;

/**
 * The codecs of the contract by WebSocket sub-protocol. The shared instances are stateless and
 * thread-safe, so every connection can use them.
 */
public final class Codecs {

    /** Text frames, one JSON object per frame. Also the encoding when a client offers no sub-protocol. */
    public static final String JSON_SUBPROTOCOL = "kefu.v1.json";

    /** Binary frames in the compact encoding specified in {@code docs/protocol.md}. */
    public static final String BINARY_SUBPROTOCOL = "kefu.v1.bin";

    private static final FrameCodec JSON = new JsonCodec();
    private static final FrameCodec BINARY = new BinaryCodec();

    private Codecs() {
    }

    /** The shared JSON codec ({@value #JSON_SUBPROTOCOL}). */
    public static FrameCodec json() {
        return JSON;
    }

    /** The shared binary codec ({@value #BINARY_SUBPROTOCOL}). */
    public static FrameCodec binary() {
        return BINARY;
    }

    /** The codec serving {@code subprotocol}, or empty when Kefu does not speak it. */
    public static Optional<FrameCodec> forSubprotocol(String subprotocol) {
        if (JSON_SUBPROTOCOL.equals(subprotocol)) {
            return Optional.of(JSON);
        }
        if (BINARY_SUBPROTOCOL.equals(subprotocol)) {
            return Optional.of(BINARY);
        }
        return Optional.empty();
    }
}
