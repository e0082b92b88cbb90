package io.kefu.protocol;

/**
 * The one exception a codec's {@code decode} throws: the input is not a valid frame. It carries the
 * {@link ErrorCode} to answer with ({@link ErrorCode#BAD_FRAME} or {@link ErrorCode#TOO_LARGE}), a
 * message a developer can act on, and the request id when it could be read, so the {@code error}
 * answer can name the request it refers to.
 */
public final class DecodeException extends Exception {
    private final ErrorCode code;
    private final String requestId;

    public DecodeException(ErrorCode code, String message, String requestId) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    public DecodeException(String message) {
        this(ErrorCode.BAD_FRAME, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the request that failed to decode, or {@code null} if it could not be read. */
    public String requestId() {
        return requestId;
    }

    /** A copy that names the request it belongs to. */
    public DecodeException withRequestId(String id) {
        return new DecodeException(code, getMessage(), id);
    }
}
