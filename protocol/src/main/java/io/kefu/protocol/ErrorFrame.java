package io.kefu.protocol;

/** {@code error}: the failure answer to request {@code re} (or, with {@code re} null, to a frame without id). */
public record ErrorFrame(String re, ErrorCode code, String message) implements Frame {
    public static final String TYPE = "error";

    @Override
    public String type() {
        return TYPE;
    }
}
