package io.kefu.server.gateway;

import io.kefu.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** The gateway's meters, all under {@code kefu.gateway.}. Thread-safe. */
public final class GatewayMetrics {
    public static final String CONNECTIONS = "kefu.gateway.connections";
    public static final String SESSIONS = "kefu.gateway.sessions";
    public static final String FRAMES_IN = "kefu.gateway.frames.in";
    public static final String ERRORS = "kefu.gateway.errors";
    public static final String CLOSES = "kefu.gateway.closes";

    private final Counter framesIn;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry, Supplier<Number> openConnections, Supplier<Number> sessions) {
        this.registry = registry;
        Gauge.builder(CONNECTIONS, openConnections).description("Open TCP connections").register(registry);
        Gauge.builder(SESSIONS, sessions).description("Authenticated WebSocket sessions").register(registry);
        framesIn = Counter.builder(FRAMES_IN).description("Frames received from clients").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder(ERRORS).tag("code", code.wire())
                    .description("Error answers sent to clients").register(registry));
        }
    }

    void frameIn() {
        framesIn.increment();
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    void closed(int code) {
        Counter.builder(CLOSES).tag("code", Integer.toString(code)).description("Connections closed by the server")
                .register(registry).increment();
    }
}
