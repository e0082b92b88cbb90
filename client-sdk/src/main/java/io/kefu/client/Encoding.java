package io.kefu.client;

/**
 * The wire encoding of a connection, negotiated as the WebSocket sub-protocol during the handshake.
 */
public enum Encoding {
    /** JSON in text frames, sub-protocol {@code kefu.v1.json}. */
    JSON("kefu.v1.json"),
    /** The compact binary encoding in binary frames, sub-protocol {@code kefu.v1.bin}. */
    BINARY("kefu.v1.bin");

    private final String subprotocol;

    Encoding(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    /** The WebSocket sub-protocol offered in the handshake. */
    public String subprotocol() {
        return subprotocol;
    }
}
