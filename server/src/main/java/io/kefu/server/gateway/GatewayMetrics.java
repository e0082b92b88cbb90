package io.kefu.server.gateway;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The gateway's meters, all under {@code kefu.gateway.}. Thread-safe. */
public final class GatewayMetrics {
    public static final String CONNECTIONS = "kefu.gateway.connections";
    public static final String SESSIONS = "kefu.gateway.sessions";
    public static final String FRAMES_IN = "kefu.gateway.frames.in";
    public static final String FRAMES_OUT = "kefu.gateway.frames.out";
    public static final String ERRORS = "kefu.gateway.errors";
    public static final String CLOSES = "kefu.gateway.closes";
    public static final String HELLOS = "kefu.gateway.hellos";

    /** Results of {@code hello}, the {@code result} tag of {@value #HELLOS}. */
    static final String HELLO_OK = "ok";
    static final String HELLO_REJECTED = "rejected";
    static final String HELLO_FAILED = "failed";

    private final Counter framesIn;
    private final ConcurrentHashMap<String, Counter> framesOut = new ConcurrentHashMap<>();
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Map<String, Counter> hellos;
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
        hellos = Map.of(HELLO_OK, helloCounter(HELLO_OK), HELLO_REJECTED, helloCounter(HELLO_REJECTED),
                HELLO_FAILED, helloCounter(HELLO_FAILED));
    }

    private Counter helloCounter(String result) {
        return Counter.builder(HELLOS).tag("result", result)
                .description("WebSocket hellos by result: ok (session opened), rejected (bad or expired token),"
                        + " failed (the server could not load the user's conversations)")
                .register(registry);
    }

    void frameIn() {
        framesIn.increment();
    }

    /** On the event loop, as the frame is encoded. Frame types are a closed set: the tag stays bounded. */
    void frameOut(Frame frame) {
        Counter c = framesOut.get(frame.type());
        if (c == null) {
            c = framesOut.computeIfAbsent(frame.type(), type -> Counter.builder(FRAMES_OUT).tag("type", type)
                    .description("Frames written to clients by type: answers (ok, error, pong) and pushes")
                    .register(registry));
        }
        c.increment();
    }

    void hello(String result) {
        hellos.get(result).increment();
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    void closed(int code) {
        Counter.builder(CLOSES).tag("code", Integer.toString(code)).description("Connections closed by the server")
                .register(registry).increment();
    }
}
