package io.kefu.server.orders;

import java.util.Objects;

/**
 * Which order source a shop uses (docs/orders.md): the built-in book, or its own HTTP back end at {@code url}
 * whose requests are signed with {@code secret} and given up after {@code timeoutMs}. Immutable.
 */
public record OrderSourceConfig(Kind kind, String url, String secret, int timeoutMs) {
    public static final int DEFAULT_TIMEOUT_MS = 2_000;
    public static final int MIN_TIMEOUT_MS = 100;
    public static final int MAX_TIMEOUT_MS = 10_000;
    public static final OrderSourceConfig BUILT_IN = new OrderSourceConfig(Kind.BUILTIN, null, null, DEFAULT_TIMEOUT_MS);

    public enum Kind {
        BUILTIN("builtin"), HTTP("http");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static java.util.Optional<Kind> fromWire(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public OrderSourceConfig {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HTTP) {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
        }
    }

    /** Never the secret: this is what logs may print. */
    @Override
    public String toString() {
        return "OrderSourceConfig[" + kind.wire() + (url == null ? "" : " " + url) + ", timeoutMs=" + timeoutMs + "]";
    }
}
