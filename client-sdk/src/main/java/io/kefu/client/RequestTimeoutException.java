package io.kefu.client;

import java.util.concurrent.TimeoutException;

/**
 * A request got no answer within the client's request timeout. For a {@code send} the message may or
 * may not have been stored: re-send it with the same client message id to find out without storing it
 * twice.
 */
public class RequestTimeoutException extends TimeoutException {
    private final String requestType;

    public RequestTimeoutException(String requestType, String message) {
        super(message);
        this.requestType = requestType;
    }

    /** The wire type of the request that timed out, e.g. {@code send}. */
    public String requestType() {
        return requestType;
    }
}
