package io.kefu.server.stats;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.PartyType;
import io.kefu.server.routing.spi.RoutingListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversation, queue, message and rating meters, counted from what routing reports as it happens
 * ({@link RoutingListener}). The open-conversation gauges read counts kept from those transitions, never
 * a scan of the routers. Thread-safe: called on every router lane at once, and read by scrapes.
 */
public final class RoutingMeters implements RoutingListener {
    public static final String OPEN = "kefu.conversations.open";
    /** Not {@code .created}: Prometheus reserves the {@code _created} suffix and would rename it. */
    public static final String OPENED = "kefu.conversations.opened";
    public static final String CLOSED = "kefu.conversations.closed";
    public static final String QUEUE_WAIT = "kefu.queue.wait";
    public static final String MESSAGES_STORED = "kefu.messages.stored";
    public static final String RATINGS = "kefu.ratings";

    /** Close reasons kept as tag values; any other text a closer gives counts as {@value #OTHER_REASON}. */
    static final Set<String> CLOSE_REASONS = Set.of("closed", "resolved", "idle", "timeout", "spam");
    static final String OTHER_REASON = "other";
    /** Queue-wait histogram buckets: the 3-minute reply KPI sits among them. */
    private static final Duration[] WAIT_BUCKETS = seconds(1, 5, 10, 20, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600);

    private final AtomicLong[] open = new AtomicLong[ConvState.values().length];
    private final Counter opened;
    private final Map<String, Counter> closed;
    private final Timer waitedAssigned;
    private final Timer waitedClosed;
    private final Counter[] stored = new Counter[PartyType.values().length];
    private final Counter[] ratings = new Counter[5];

    public RoutingMeters(MeterRegistry registry) {
        for (ConvState s : ConvState.values()) {
            open[s.ordinal()] = new AtomicLong();
            if (s != ConvState.CLOSED) {
                Gauge.builder(OPEN, open[s.ordinal()], AtomicLong::get).strongReference(true).tag("state", s.wire())
                        .description("Open conversations on this node by state (bot, queued, assigned)")
                        .register(registry);
            }
        }
        opened = Counter.builder(OPENED).description("Conversations opened (created by a buyer's open)")
                .register(registry);
        Map<String, Counter> byReason = new HashMap<>();
        for (String reason : CLOSE_REASONS) {
            byReason.put(reason, closedCounter(registry, reason));
        }
        byReason.put(OTHER_REASON, closedCounter(registry, OTHER_REASON));
        closed = Map.copyOf(byReason);
        waitedAssigned = waitTimer(registry, "assigned");
        waitedClosed = waitTimer(registry, "closed");
        for (PartyType p : PartyType.values()) {
            stored[p.ordinal()] = Counter.builder(MESSAGES_STORED).tag("sender", p.wire())
                    .description("Messages stored, by sender type (buyer, agent, bot, system)").register(registry);
        }
        for (int score = 1; score <= ratings.length; score++) {
            ratings[score - 1] = Counter.builder(RATINGS).tag("score", Integer.toString(score))
                    .description("Satisfaction ratings given by buyers after a close, by score (1 to 5)")
                    .register(registry);
        }
    }

    @Override
    public void conversationStateChanged(ConvState from, ConvState to) {
        if (from == null) {
            opened.increment();
        } else {
            open[from.ordinal()].decrementAndGet();
        }
        if (to != ConvState.CLOSED) {
            open[to.ordinal()].incrementAndGet();
        }
    }

    @Override
    public void conversationRestored(ConvState state) {
        if (state != ConvState.CLOSED) {
            open[state.ordinal()].incrementAndGet();
        }
    }

    @Override
    public void queueWaited(long waitedMs, ConvState outcome) {
        Timer timer = outcome == ConvState.ASSIGNED ? waitedAssigned : waitedClosed;
        timer.record(Math.max(0, waitedMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public void conversationClosed(String reason) {
        String key = reason == null ? OTHER_REASON : reason.toLowerCase(Locale.ROOT);
        closed.getOrDefault(key, closed.get(OTHER_REASON)).increment();
    }

    @Override
    public void messageStored(PartyType sender) {
        stored[sender.ordinal()].increment();
    }

    @Override
    public void rated(int score) {
        if (score >= 1 && score <= ratings.length) {
            ratings[score - 1].increment();
        }
    }

    /** Open conversations in {@code state} on this node, as the gauge reads it. */
    long open(ConvState state) {
        return open[state.ordinal()].get();
    }

    private static Counter closedCounter(MeterRegistry registry, String reason) {
        return Counter.builder(CLOSED).tag("reason", reason)
                .description("Conversations closed, by reason (closed when none was given; other for free text)")
                .register(registry);
    }

    private static Timer waitTimer(MeterRegistry registry, String outcome) {
        return Timer.builder(QUEUE_WAIT).tag("outcome", outcome)
                .description("Time a conversation waited in a queue, from queued until assigned to an agent"
                        + " (outcome assigned) or closed while waiting (outcome closed)")
                .serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry);
    }

    private static Duration[] seconds(long... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofSeconds(values[i]);
        }
        return d;
    }
}
