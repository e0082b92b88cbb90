package io.kefu.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message body: a small JSON object whose fields depend on the message kind ({@code text} →
 * {@code text}; {@code image}/{@code voice} → {@code url}, {@code durationMs}; {@code order} →
 * {@code orderNo}; {@code product} → {@code productId}). Servers may add kinds, so the body keeps
 * any fields it is given. Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@link List} or {@link Map} (nested the same way); {@code null} values are dropped.
 */
public record Body(Map<String, Object> fields) {

    public static final Body EMPTY = new Body(Map.of());

    public Body {
        Objects.requireNonNull(fields, "fields");
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        fields = Collections.unmodifiableMap(copy);
    }

    public static Body text(String text) {
        return new Body(Map.of("text", text));
    }

    public static Body of(String key, Object value) {
        return new Body(Map.of(key, value));
    }

    public String text() {
        return string("text");
    }

    public String url() {
        return string("url");
    }

    public Long durationMs() {
        return fields.get("durationMs") instanceof Number n ? n.longValue() : null;
    }

    public String orderNo() {
        return string("orderNo");
    }

    public String productId() {
        return string("productId");
    }

    /** The field as a string, or {@code null} when absent or not a string. */
    public String string(String key) {
        return fields.get(key) instanceof String s ? s : null;
    }
}
