package io.kefu.load.metrics;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BinaryOperator;

/**
 * The server figures the harness reports, each {@code null} when the server does not expose it
 * (shown as "n/a"). Sources, first match wins:
 * <ul>
 *   <li>heap: sum of {@code jvm_memory_used_bytes{area="heap"}}</li>
 *   <li>RSS: {@code kefu_process_rss_bytes}, else {@code process_resident_memory_bytes}</li>
 *   <li>direct: {@code jvm_buffer_memory_used_bytes{id="direct"}}</li>
 *   <li>connections: {@code kefu_gateway_connections}, else {@code relay_connections}; sessions:
 *       {@code kefu_gateway_sessions}</li>
 *   <li>event-loop delay: p99 = largest {@code kefu_gateway_eventloop_delay_quantile_seconds{quantile="0.99"}}
 *       (Kefu's gauge over the last 30 s), else of {@code kefu_gateway_eventloop_delay_seconds{quantile="0.99"}};
 *       max = largest {@code kefu_gateway_eventloop_delay_seconds_max}, else the largest plain sample</li>
 *   <li>store: sum of {@code kefu_store_messages_queue_depth_messages} (Micrometer adds the unit; without
 *       it also accepted); {@code kefu_store_executor_queue}</li>
 *   <li>CPU: the process's CPU time so far, {@code process_cpu_time_ns_total} (Micrometer) in seconds, else
 *       {@code process_cpu_seconds_total} (the Prometheus clients' name)</li>
 * </ul>
 */
public record ServerFigures(Double heapBytes, Double rssBytes, Double directBytes, Double connections,
                            Double sessions, Double loopDelayP99Seconds, Double loopDelayMaxSeconds,
                            Double storeQueueDepth, Double storeExecutorQueue, Double cpuSeconds) {

    public static final ServerFigures NONE =
            new ServerFigures(null, null, null, null, null, null, null, null, null, null);
    private static final String LOOP_DELAY = "kefu_gateway_eventloop_delay_seconds";
    private static final String LOOP_DELAY_QUANTILE = "kefu_gateway_eventloop_delay_quantile_seconds";

    public static ServerFigures from(PrometheusText p) {
        return new ServerFigures(
                box(p.sum("jvm_memory_used_bytes", PrometheusText.label("area", "heap"))),
                first(p.sum("kefu_process_rss_bytes"), p.sum("process_resident_memory_bytes")),
                box(p.sum("jvm_buffer_memory_used_bytes", PrometheusText.label("id", "direct"))),
                first(p.sum("kefu_gateway_connections"), p.sum("relay_connections")),
                box(p.sum("kefu_gateway_sessions")),
                first(p.max(LOOP_DELAY_QUANTILE, PrometheusText.label("quantile", "0.99")),
                        p.max(LOOP_DELAY, PrometheusText.label("quantile", "0.99"))),
                first(p.max(LOOP_DELAY + "_max", l -> true), p.max(LOOP_DELAY, l -> !l.containsKey("quantile"))),
                first(p.sum("kefu_store_messages_queue_depth_messages"), p.sum("kefu_store_messages_queue_depth")),
                box(p.sum("kefu_store_executor_queue")),
                first(scaled(p.sum("process_cpu_time_ns_total"), 1e-9), p.sum("process_cpu_seconds_total")));
    }

    /**
     * Several nodes' figures as one server's: sizes, counts, queues and CPU time added up, event-loop delays
     * the largest; a figure no node has stays {@code null}. One node's figures come back unchanged.
     */
    public static ServerFigures combine(List<ServerFigures> nodes) {
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        BinaryOperator<Double> add = ServerFigures::add;
        BinaryOperator<Double> max = ServerFigures::larger;
        ServerFigures c = NONE;
        for (ServerFigures f : nodes) {
            c = new ServerFigures(add.apply(c.heapBytes, f.heapBytes), add.apply(c.rssBytes, f.rssBytes),
                    add.apply(c.directBytes, f.directBytes), add.apply(c.connections, f.connections),
                    add.apply(c.sessions, f.sessions), max.apply(c.loopDelayP99Seconds, f.loopDelayP99Seconds),
                    max.apply(c.loopDelayMaxSeconds, f.loopDelayMaxSeconds),
                    add.apply(c.storeQueueDepth, f.storeQueueDepth),
                    add.apply(c.storeExecutorQueue, f.storeExecutorQueue), add.apply(c.cpuSeconds, f.cpuSeconds));
        }
        return c;
    }

    /** Field by field, the larger of two readings (a missing figure loses). */
    public ServerFigures max(ServerFigures o) {
        BinaryOperator<Double> m = ServerFigures::larger;
        return new ServerFigures(m.apply(heapBytes, o.heapBytes), m.apply(rssBytes, o.rssBytes),
                m.apply(directBytes, o.directBytes), m.apply(connections, o.connections),
                m.apply(sessions, o.sessions), m.apply(loopDelayP99Seconds, o.loopDelayP99Seconds),
                m.apply(loopDelayMaxSeconds, o.loopDelayMaxSeconds), m.apply(storeQueueDepth, o.storeQueueDepth),
                m.apply(storeExecutorQueue, o.storeExecutorQueue), m.apply(cpuSeconds, o.cpuSeconds));
    }

    /** CPU seconds the server used from {@code earlier} to these figures, or {@code null} when not known. */
    public Double cpuSince(ServerFigures earlier) {
        return cpuSeconds == null || earlier.cpuSeconds == null ? null : cpuSeconds - earlier.cpuSeconds;
    }

    private static Double add(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }

    private static OptionalDouble scaled(OptionalDouble d, double factor) {
        return d.isPresent() ? OptionalDouble.of(d.getAsDouble() * factor) : d;
    }

    private static Double larger(Double a, Double b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.max(a, b);
    }

    private static Double first(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() ? Double.valueOf(a.getAsDouble()) : box(b);
    }

    private static Double box(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
