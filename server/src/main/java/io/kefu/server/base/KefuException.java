package io.kefu.server.base;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.RuleRef;

/**
 * A failure that maps to a wire error: the {@link ErrorCode} becomes the {@code code} of an
 * {@code error} frame or the HTTP status and body of an API error; the message is shown to the client,
 * so it must say what was wrong and must not leak secrets.
 */
public class KefuException extends RuntimeException {
    private final ErrorCode code;
    private final RuleRef rule;

    public KefuException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.rule = null;
    }

    private KefuException(String message, RuleRef rule) {
        super(message, null, false, false);
        this.code = ErrorCode.BLOCKED_CONTENT;
        this.rule = rule;
    }

    public KefuException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, true);
        this.code = code;
        this.rule = null;
    }

    public ErrorCode code() {
        return code;
    }

    /** The compliance rule that refused a message ({@code blocked_content}), else null: {@code rule} on the wire. */
    public RuleRef rule() {
        return rule;
    }

    /** {@code blocked_content}: compliance rule {@code rule} refused the message; nothing was stored. */
    public static KefuException blocked(String what, RuleRef rule) {
        return new KefuException(what, rule);
    }

    /** The failure inside the wrappers futures put around it ({@code CompletionException}, {@code ExecutionException}). */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static KefuException notFound(String what) {
        return new KefuException(ErrorCode.NOT_FOUND, what);
    }

    public static KefuException forbidden(String what) {
        return new KefuException(ErrorCode.FORBIDDEN, what);
    }

    public static KefuException badRequest(String what) {
        return new KefuException(ErrorCode.BAD_FRAME, what);
    }

    public static KefuException invalidState(String what) {
        return new KefuException(ErrorCode.INVALID_STATE, what);
    }
}
