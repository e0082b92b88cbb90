package io.kefu.server.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The metrics of calls to shops' own order systems (docs/metrics.md): calls by outcome, their latency, and how many
 * shops' breakers are open. No shop label, so the number of series does not grow with the shops. Thread-safe.
 */
final class OrderSourceMeters {
    static final String CALLS = "kefu.orders.backend.calls";
    static final String LATENCY = "kefu.orders.backend.latency";
    static final String BREAKERS_OPEN = "kefu.orders.backend.breakers.open";

    /** What became of one call, or of a call Kefu did not make. */
    enum Outcome {
        /** 200 or 404: the back end answered. */
        OK,
        /** 409: the back end refused the change in the order's state. */
        REFUSED,
        /** Any other HTTP status. */
        HTTP_ERROR,
        /** No answer within the shop's timeout. */
        TIMEOUT,
        /** Connection refused, reset, DNS, TLS. */
        UNREACHABLE,
        /** Not called: the shop's breaker is open. */
        BREAKER_OPEN,
        /** Not called: too many calls in flight on this node. */
        BUSY;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Outcome, Counter> calls = new EnumMap<>(Outcome.class);
    private final Timer latency;

    /** Metrics nobody reads (tests of the source alone). */
    static OrderSourceMeters discarding() {
        return new OrderSourceMeters(new SimpleMeterRegistry(), () -> 0);
    }

    OrderSourceMeters(MeterRegistry registry, Supplier<Number> breakersOpen) {
        for (Outcome o : Outcome.values()) {
            calls.put(o, Counter.builder(CALLS).tag("outcome", o.tag())
                    .description("Calls to shops' own order systems, by outcome").register(registry));
        }
        latency = Timer.builder(LATENCY).description("How long shops' order systems took to answer")
                .publishPercentiles(0.5, 0.99).register(registry);
        // Held strongly: the supplier is a lambda nothing else holds, and a weak gauge reads NaN after a GC.
        Gauge.builder(BREAKERS_OPEN, breakersOpen, s -> s.get().doubleValue()).strongReference(true)
                .description("Shops whose order system Kefu is not calling for now (breaker open)").register(registry);
    }

    void call(Outcome outcome) {
        calls.get(outcome).increment();
    }

    void answered(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }
}
