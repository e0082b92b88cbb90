package io.kefu.load.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several nodes' metrics pages, served on loopback, read as one server's. */
class MetricsGroupTest {
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private URI page(AtomicReference<String> body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    private static String node(int connections, double rss, double loopMax, double cpuNs) {
        return "kefu_gateway_connections " + connections + "\nkefu_process_rss_bytes " + rss
                + "\nkefu_gateway_eventloop_delay_seconds_max " + loopMax
                + "\nprocess_cpu_time_ns_total " + cpuNs + "\n";
    }

    @Test
    void nodesAreSummedAndTheirLoopDelayIsTheLargest() throws Exception {
        AtomicReference<String> a = new AtomicReference<>(node(10, 100, 0.002, 1.5e9));
        AtomicReference<String> b = new AtomicReference<>(node(20, 300, 0.007, 2.5e9));
        MetricsGroup group = new MetricsGroup(List.of(page(a), page(b)));

        ServerFigures f = group.pollNow();

        assertThat(f.connections()).isEqualTo(30.0);
        assertThat(f.rssBytes()).isEqualTo(400.0);
        assertThat(f.loopDelayMaxSeconds()).isEqualTo(0.007);
        assertThat(f.cpuSeconds()).isEqualTo(4.0);
        assertThat(group.latestPerNode()).extracting(ServerFigures::connections).containsExactly(10.0, 20.0);
        assertThat(group.urls()).contains(",");
        assertThat(group.lastError()).isNull();
    }

    @Test
    void theMaximumIsOfTheSumsAndCpuSinceIsTheDifference() throws Exception {
        AtomicReference<String> a = new AtomicReference<>(node(10, 100, 0.001, 1e9));
        AtomicReference<String> b = new AtomicReference<>(node(40, 100, 0.001, 1e9));
        MetricsGroup group = new MetricsGroup(List.of(page(a), page(b)));
        ServerFigures first = group.pollNow();
        a.set(node(30, 100, 0.001, 3e9));
        b.set(node(5, 100, 0.001, 1.5e9));

        ServerFigures second = group.pollNow();

        assertThat(group.max().connections()).as("50 then 35, never 30 + 40").isEqualTo(50.0);
        assertThat(second.cpuSince(first)).isEqualTo(2.5);
    }

    @Test
    void aNodeThatCannotBeReadIsNamed() throws Exception {
        AtomicReference<String> a = new AtomicReference<>(node(10, 100, 0.001, 1e9));
        URI gone = URI.create("http://127.0.0.1:1/metrics");
        MetricsGroup group = new MetricsGroup(List.of(page(a), gone));

        ServerFigures f = group.pollNow();

        assertThat(f.connections()).isEqualTo(10.0);
        assertThat(group.lastError()).startsWith(gone + ": ");
    }

    @Test
    void oneNodesFiguresAreItsOwnAndNoPagesReadNothing() throws Exception {
        AtomicReference<String> a = new AtomicReference<>(node(10, 100, 0.001, 1e9));
        MetricsGroup one = new MetricsGroup(List.of(page(a)));

        assertThat(one.pollNow()).isEqualTo(ServerFigures.from(PrometheusText.parse(a.get())));
        assertThat(one.lastError()).isNull();
        assertThat(new MetricsGroup(List.of()).pollNow()).isEqualTo(ServerFigures.NONE);
        assertThat(new MetricsGroup(List.of()).urls()).isNull();
    }

    @Test
    void cpuTimeFallsBackToThePrometheusClientsName() {
        ServerFigures f = ServerFigures.from(PrometheusText.parse("process_cpu_seconds_total 12.5\n"));

        assertThat(f.cpuSeconds()).isEqualTo(12.5);
        assertThat(ServerFigures.NONE.cpuSince(f)).isNull();
    }
}
