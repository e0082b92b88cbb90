package io.kefu.protocol;

import java.util.Optional;

/** The error codes of the contract (§3), each with its wire name and the HTTP status it maps to. */
public enum ErrorCode {
    BAD_FRAME("bad_frame", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    INVALID_STATE("invalid_state", 409),
    RATE_LIMITED("rate_limited", 429),
    TOO_LARGE("too_large", 413),
    BLOCKED_CONTENT("blocked_content", 422),
    OVERLOADED("overloaded", 503),
    INTERNAL("internal", 500);

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    /** The code as written on the wire, e.g. {@code bad_frame}. */
    public String wire() {
        return wire;
    }

    /** The HTTP status an API error with this code answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    public static Optional<ErrorCode> fromWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire.equals(wire)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
