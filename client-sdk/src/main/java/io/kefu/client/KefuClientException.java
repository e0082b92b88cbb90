package io.kefu.client;

import io.kefu.protocol.ErrorCode;

/**
 * The server answered a request with an {@code error} frame. {@link #code()} is the contract's error
 * code; the message is the server's explanation, prefixed with the request type.
 */
public class KefuClientException extends RuntimeException {
    private final ErrorCode code;

    public KefuClientException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The error code the server answered with, e.g. {@link ErrorCode#INVALID_STATE}. */
    public ErrorCode code() {
        return code;
    }
}
