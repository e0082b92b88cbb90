package io.kefu.server.stats;

import io.kefu.protocol.Frame;
import io.kefu.server.session.PushListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pushes to connections: written by frame type, dropped by reason. Thread-safe; called on router lanes.
 * The {@code type} tag is bounded: frame types are a closed set.
 */
public final class PushMeters implements PushListener {
    public static final String SENT = "kefu.push.sent";
    public static final String DROPPED = "kefu.push.dropped";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<Outcome, Counter> dropped = new EnumMap<>(Outcome.class);

    public PushMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome o : Outcome.values()) {
            if (o != Outcome.WRITTEN) {
                dropped.put(o, Counter.builder(DROPPED).tag("reason", o.name().toLowerCase(Locale.ROOT))
                        .description("Pushes not written: offline (the user has no connection on this node),"
                                + " closed (the connection had closed), slow (the client stopped reading and was"
                                + " disconnected)")
                        .register(registry));
            }
        }
    }

    @Override
    public void pushed(Frame frame, Outcome outcome) {
        if (outcome == Outcome.WRITTEN) {
            Counter c = sent.get(frame.type());
            (c != null ? c : sent.computeIfAbsent(frame.type(), this::sentCounter)).increment();
        } else {
            dropped.get(outcome).increment();
        }
    }

    private Counter sentCounter(String type) {
        return Counter.builder(SENT).tag("type", type)
                .description("Pushes handed to a connection to be written, by frame type (one per connection reached)")
                .register(registry);
    }
}
