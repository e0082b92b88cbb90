package io.kefu.protocol;

/**
 * {@code script.fill} (staff): preview quick reply {@code script} filled from conversation {@code conv}.
 * Answered by an {@code ok} with {@link OkResult.ScriptFillResult}; nothing is sent.
 */
public record ScriptFill(String id, String conv, String script) implements Frame {
    public static final String TYPE = "script.fill";

    @Override
    public String type() {
        return TYPE;
    }
}
