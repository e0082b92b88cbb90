package io.kefu.protocol;

/**
 * {@code error}: the failure answer to request {@code re} (or, with {@code re} null, to a frame without id).
 * {@code rule} names the compliance rule that refused a message ({@code blocked_content}, v1.1), else null.
 */
public record ErrorFrame(String re, ErrorCode code, String message, RuleRef rule) implements Frame {
    public static final String TYPE = "error";

    public ErrorFrame(String re, ErrorCode code, String message) {
        this(re, code, message, null);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
