package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoopGroup;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventLoopDelayProbeTest {

    @Test
    void a_stalled_loop_shows_in_the_high_quantiles_and_not_the_median() throws Exception {
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EventLoopDelayProbe probe = new EventLoopDelayProbe(loops, registry)) {
            // Let each loop tick ~20 times on time, then hold one loop for 400 ms, as a blocking call would.
            Thread.sleep(1_000);
            loops.next().submit(() -> sleep(400)).get();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(quantile(registry, "0.999")).isGreaterThanOrEqualTo(0.2));
            assertThat(quantile(registry, "0.5")).isLessThan(0.2);
            assertThat(registry.get(EventLoopDelayProbe.DELAY).timer().max(java.util.concurrent.TimeUnit.SECONDS))
                    .isGreaterThanOrEqualTo(0.2);
        } finally {
            loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static double quantile(SimpleMeterRegistry registry, String q) {
        Gauge gauge = registry.get(EventLoopDelayProbe.QUANTILE).tag("quantile", q).gauge();
        return gauge.value();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
