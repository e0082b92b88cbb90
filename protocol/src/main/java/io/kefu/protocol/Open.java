package io.kefu.protocol;

/**
 * {@code open} (buyer): start, or return to, the open conversation with a shop. {@code entry} and
 * {@code text} (an optional first message) may be {@code null}.
 */
public record Open(String id, String shopId, Entry entry, String text) implements Frame {
    public static final String TYPE = "open";

    @Override
    public String type() {
        return TYPE;
    }
}
