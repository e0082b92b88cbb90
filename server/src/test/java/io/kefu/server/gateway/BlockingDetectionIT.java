package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.BlockingGuard;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves the guard the other integration tests rely on: a blocking call on an event loop is caught. */
@Timeout(30)
class BlockingDetectionIT {

    @Test
    void aSleepOnAnEventLoopIsCaught() throws Exception {
        BlockingGuard.install();
        BlockingGuard.clear();
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("kefu-io-test", true));
        try {
            group.submit(() -> {
                Thread.sleep(1);
                return null;
            }).await(5, TimeUnit.SECONDS);
            assertThat(BlockingGuard.violations()).anyMatch(v -> v.contains("sleep"));
        } finally {
            BlockingGuard.clear();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSleepOnARouterLaneIsCaught() throws Exception {
        BlockingGuard.install();
        BlockingGuard.clear();
        ExecutorService lane = Executors.newSingleThreadExecutor(r -> new Thread(r, "kefu-router-test"));
        try {
            lane.submit(() -> {
                Thread.sleep(1);
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertThat(BlockingGuard.violations()).anyMatch(v -> v.contains("sleep"));
        } finally {
            BlockingGuard.clear();
            lane.shutdownNow();
        }
    }

    @Test
    void theSameSleepOnAnOrdinaryThreadIsFine() throws Exception {
        BlockingGuard.install();
        BlockingGuard.clear();
        Thread.sleep(1);
        assertThat(BlockingGuard.violations()).isEmpty();
    }
}
