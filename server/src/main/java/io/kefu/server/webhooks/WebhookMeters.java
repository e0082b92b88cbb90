package io.kefu.server.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The webhook meters (docs/metrics.md), under {@code kefu.webhooks.}: attempts and deliveries by outcome, events
 * dropped, and gauges of the queue, the retry backlog and the calls in flight. Any thread.
 */
final class WebhookMeters {
    static final String PREFIX = "kefu.webhooks.";

    /** How one HTTP attempt ended. */
    enum Attempt {
        OK, HTTP_ERROR, TIMEOUT, ERROR
    }

    private final Counter[] attempts = new Counter[Attempt.values().length];
    private final Counter delivered;
    private final Counter gaveUp;
    private final Counter droppedQueueFull;
    private final Counter droppedBacklogFull;

    WebhookMeters(MeterRegistry registry, Supplier<Number> queued, Supplier<Number> backlog, Supplier<Number> inFlight) {
        for (Attempt a : Attempt.values()) {
            attempts[a.ordinal()] = Counter.builder(PREFIX + "attempts").tag("outcome", a.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Webhook HTTP attempts by outcome").register(registry);
        }
        delivered = deliveries(registry, "delivered");
        gaveUp = deliveries(registry, "gave_up");
        droppedQueueFull = dropped(registry, "queue_full");
        droppedBacklogFull = dropped(registry, "backlog_full");
        Gauge.builder(PREFIX + "queue", queued).description("Events waiting in the webhook queue").register(registry);
        Gauge.builder(PREFIX + "pending", backlog)
                .description("Deliveries not yet delivered nor given up (the retry backlog)").register(registry);
        Gauge.builder(PREFIX + "in.flight", inFlight).description("Webhook HTTP calls under way").register(registry);
    }

    private static Counter deliveries(MeterRegistry registry, String outcome) {
        return Counter.builder(PREFIX + "deliveries").tag("outcome", outcome)
                .description("Webhook deliveries finished, by outcome").register(registry);
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder(PREFIX + "dropped").tag("reason", reason)
                .description("Webhook events or deliveries dropped before any attempt").register(registry);
    }

    void attempt(Attempt a) {
        attempts[a.ordinal()].increment();
    }

    void delivered() {
        delivered.increment();
    }

    void gaveUp() {
        gaveUp.increment();
    }

    void droppedQueueFull() {
        droppedQueueFull.increment();
    }

    void droppedBacklogFull() {
        droppedBacklogFull.increment();
    }
}
