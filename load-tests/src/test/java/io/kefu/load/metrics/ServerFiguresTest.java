package io.kefu.load.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerFiguresTest {
    private static final String KEFU = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.0E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            jvm_buffer_memory_used_bytes{id="direct"} 5521083.0
            jvm_buffer_memory_used_bytes{id="mapped"} 7.0
            kefu_gateway_connections 1234.0
            kefu_gateway_sessions 1200.0
            kefu_store_messages_queue_depth_messages{lane="0"} 3.0
            kefu_store_messages_queue_depth_messages{lane="1"} 4.0
            kefu_store_executor_queue 0.0
            kefu_gateway_eventloop_delay_seconds_count 1200.0
            kefu_gateway_eventloop_delay_seconds_sum 0.6
            kefu_gateway_eventloop_delay_seconds_max 0.030
            kefu_gateway_eventloop_delay_quantile_seconds{quantile="0.5"} 0.001
            kefu_gateway_eventloop_delay_quantile_seconds{quantile="0.99"} 0.004
            kefu_gateway_eventloop_delay_quantile_seconds{quantile="0.999"} 0.012
            kefu_process_rss_bytes 3.0E8
            """;

    @Test
    void kefusNamesGiveEveryFigure() {
        ServerFigures f = ServerFigures.from(PrometheusText.parse(KEFU));

        assertThat(f.heapBytes()).isEqualTo(10_485_760 + 20_000_000.0);
        assertThat(f.directBytes()).isEqualTo(5_521_083.0);
        assertThat(f.rssBytes()).isEqualTo(3.0e8);
        assertThat(f.connections()).isEqualTo(1234.0);
        assertThat(f.sessions()).isEqualTo(1200.0);
        assertThat(f.storeQueueDepth()).isEqualTo(7.0);
        assertThat(f.storeExecutorQueue()).isZero();
        assertThat(f.loopDelayP99Seconds()).isEqualTo(0.004);
        assertThat(f.loopDelayMaxSeconds()).isEqualTo(0.030);
    }

    @Test
    void missingFiguresAreNullAndStandardNamesAreFallbacks() {
        ServerFigures f = ServerFigures.from(PrometheusText.parse("""
                relay_connections 10
                process_resident_memory_bytes 123456
                """));

        assertThat(f.connections()).isEqualTo(10.0);
        assertThat(f.rssBytes()).isEqualTo(123_456.0);
        assertThat(f.heapBytes()).isNull();
        assertThat(f.loopDelayP99Seconds()).isNull();
        assertThat(f.storeQueueDepth()).isNull();
    }

    @Test
    void perLoopQuantilesOfTheTimerAreAFallbackForTheP99() {
        ServerFigures f = ServerFigures.from(PrometheusText.parse("""
                kefu_gateway_eventloop_delay_seconds{loop="0",quantile="0.99"} 0.002
                kefu_gateway_eventloop_delay_seconds{loop="1",quantile="0.99"} 0.004
                kefu_gateway_eventloop_delay_seconds_max{loop="0"} 0.010
                kefu_gateway_eventloop_delay_seconds_max{loop="1"} 0.030
                """));

        assertThat(f.loopDelayP99Seconds()).isEqualTo(0.004);
        assertThat(f.loopDelayMaxSeconds()).isEqualTo(0.030);
    }

    @Test
    void maxKeepsTheLargerOfEachFigureAndIgnoresMissingOnes() {
        ServerFigures a = new ServerFigures(1.0, null, 5.0, 10.0, null, null, null, null, null, null);
        ServerFigures b = new ServerFigures(2.0, 7.0, null, 3.0, null, null, null, null, null, 4.5);

        ServerFigures m = a.max(b);

        assertThat(m.heapBytes()).isEqualTo(2.0);
        assertThat(m.rssBytes()).isEqualTo(7.0);
        assertThat(m.directBytes()).isEqualTo(5.0);
        assertThat(m.connections()).isEqualTo(10.0);
        assertThat(m.sessions()).isNull();
        assertThat(ServerFigures.NONE.max(ServerFigures.NONE)).isEqualTo(ServerFigures.NONE);
    }
}
