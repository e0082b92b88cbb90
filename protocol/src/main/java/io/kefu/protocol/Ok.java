package io.kefu.protocol;

/**
 * {@code ok}: the success answer to the request whose {@code id} is {@code re}. The result's fields are
 * written flat beside {@code t} and {@code re} on the wire.
 */
public record Ok(String re, OkResult result) implements Frame {
    public static final String TYPE = "ok";

    public Ok {
        result = result == null ? OkResult.Empty.INSTANCE : result;
    }

    public static Ok empty(String re) {
        return new Ok(re, OkResult.Empty.INSTANCE);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
