package io.kefu.load.metrics;

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
 * </ul>
 */
public record ServerFigures(Double heapBytes, Double rssBytes, Double directBytes, Double connections,
                            Double sessions, Double loopDelayP99Seconds, Double loopDelayMaxSeconds,
                            Double storeQueueDepth, Double storeExecutorQueue) {

    public static final ServerFigures NONE = new ServerFigures(null, null, null, null, null, null, null, null, null);
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
                box(p.sum("kefu_store_executor_queue")));
    }

    /** Field by field, the larger of two readings (a missing figure loses). */
    public ServerFigures max(ServerFigures o) {
        BinaryOperator<Double> m = ServerFigures::larger;
        return new ServerFigures(m.apply(heapBytes, o.heapBytes), m.apply(rssBytes, o.rssBytes),
                m.apply(directBytes, o.directBytes), m.apply(connections, o.connections),
                m.apply(sessions, o.sessions), m.apply(loopDelayP99Seconds, o.loopDelayP99Seconds),
                m.apply(loopDelayMaxSeconds, o.loopDelayMaxSeconds), m.apply(storeQueueDepth, o.storeQueueDepth),
                m.apply(storeExecutorQueue, o.storeExecutorQueue));
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
