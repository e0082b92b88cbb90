package io.kefu.server.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The plain HTTP requests' timer, {@value #REQUESTS}, tagged by method, route template and status. Tags
 * stay bounded: a path becomes the template it matches ({@code /api/v1/shops/{shopId}/groups}), never
 * the raw path, and an unknown method or path becomes {@value #OTHER}. Thread-safe; shared by every
 * channel's {@link HttpMetricsHandler}.
 */
public final class HttpRequestMeters {
    public static final String REQUESTS = "kefu.http.requests";
    static final String OTHER = "other";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private record Key(String method, String route, int status) {
    }

    private final MeterRegistry registry;
    private final Function<String, Optional<String>> apiRoutes;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    /** {@code apiRoutes} maps a path under {@code /api/} to the template of the endpoint it matches. */
    public HttpRequestMeters(MeterRegistry registry, Function<String, Optional<String>> apiRoutes) {
        this.registry = registry;
        this.apiRoutes = apiRoutes;
    }

    /** The route template a decoded path is counted under. */
    String route(String path) {
        if (path.startsWith("/api/")) {
            return apiRoutes.apply(path).orElse(OTHER);
        }
        if (path.equals("/health") || path.equals("/metrics")) {
            return path;
        }
        return path.startsWith(GatewayInitializer.WS_PATH) ? GatewayInitializer.WS_PATH : OTHER;
    }

    void record(String method, String route, int status, long nanos) {
        Key key = new Key(METHODS.contains(method) ? method : OTHER, route, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder(REQUESTS)
                .tag("method", key.method()).tag("route", key.route()).tag("status", Integer.toString(key.status()))
                .description("Plain HTTP requests (API, health, metrics, WebSocket upgrades) by method, route"
                        + " template and status; time from the whole request read to its response written")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
