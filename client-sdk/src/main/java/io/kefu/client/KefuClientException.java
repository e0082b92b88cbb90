package io.kefu.client;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.RuleRef;

/**
 * The server answered a request with an {@code error} frame. {@link #code()} is the contract's error
 * code; the message is the server's explanation, prefixed with the request type.
 */
public class KefuClientException extends RuntimeException {
    private final ErrorCode code;
    private final RuleRef rule;

    public KefuClientException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public KefuClientException(ErrorCode code, String message, RuleRef rule) {
        super(message, null, false, false);
        this.code = code;
        this.rule = rule;
    }

    /**
     * The compliance rule that refused the message when {@link #code()} is {@link ErrorCode#BLOCKED_CONTENT},
     * else {@code null}.
     */
    public RuleRef rule() {
        return rule;
    }

    /** The error code the server answered with, e.g. {@link ErrorCode#INVALID_STATE}. */
    public ErrorCode code() {
        return code;
    }
}
