package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.load.setup.Provisioned;
import io.kefu.protocol.Codecs;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --server} with several nodes: parsing, which node each connection goes to, the metrics pages. */
class NodeSpreadTest {
    private static final String THREE = "http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083";

    private static Scenario kefu(String... more) {
        String[] args = java.util.Arrays.copyOf(new String[] {"--admin-key", "k"}, 2 + more.length);
        System.arraycopy(more, 0, args, 2, more.length);
        return LoadRunner.parse(args);
    }

    private static LoadOptions options(String... args) {
        LoadRunner runner = new LoadRunner();
        new CommandLine(runner).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return runner.options;
    }

    @Test
    void oneServerIsTheDefaultAndEveryConnectionGoesToIt() {
        Scenario s = kefu();

        assertThat(s.servers()).containsExactly(URI.create("http://127.0.0.1:8080"));
        assertThat(s.server()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(s.nodes()).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            assertThat(s.nodeOf(true, i)).isZero();
            assertThat(s.nodeOf(false, i)).isZero();
        }
    }

    @Test
    void severalNodesAreCommaSeparatedAndSetUpUsesTheFirst() {
        Scenario s = kefu("--server", THREE);

        assertThat(s.nodes()).isEqualTo(3);
        assertThat(s.server()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(s.servers()).extracting(URI::getPort).containsExactly(8081, 8082, 8083);
    }

    @Test
    void buyersGoRoundRobinFromTheFirstNodeAndAgentsFromTheSecond() {
        Scenario s = kefu("--server", THREE);

        assertThat(java.util.stream.IntStream.range(0, 6).map(i -> s.nodeOf(false, i)).toArray())
                .containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(java.util.stream.IntStream.range(0, 6).map(i -> s.nodeOf(true, i)).toArray())
                .containsExactly(1, 2, 0, 1, 2, 0);
        // buyer k and agent k (the same place in their lists) never share a node
        for (int k = 0; k < 30; k++) {
            assertThat(s.nodeOf(true, k)).isNotEqualTo(s.nodeOf(false, k));
        }
    }

    @Test
    void theKefuDialectAddressesEachEndpointsNode() {
        Scenario s = kefu("--server", THREE, "--buyers", "4", "--agents-per-shop", "2", "--max-concurrent", "2");
        TargetAddress target = TargetAddress.kefu(s.servers(), List.of());
        RunState run = new RunState(s, MicroClock.system(), new ConvBook(new ConvTrack[0]));
        KefuDialect dialect = new KefuDialect(run, Codecs.json(), target.nodes(),
                new Provisioned(List.of(), List.of(), List.of()));

        assertThat(target.nodes()).extracting(URI::toString).containsExactly("ws://127.0.0.1:8081/ws",
                "ws://127.0.0.1:8082/ws", "ws://127.0.0.1:8083/ws");
        assertThat(target.api()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(dialect.uri(new Endpoint(Endpoint.Role.BUYER, 0, null, null, false)).getPort()).isEqualTo(8081);
        assertThat(dialect.uri(new Endpoint(Endpoint.Role.BUYER, 4, null, null, false)).getPort()).isEqualTo(8082);
        assertThat(dialect.uri(new Endpoint(Endpoint.Role.AGENT, 0, null, null, false)).getPort()).isEqualTo(8082);
        assertThat(dialect.uri(new Endpoint(Endpoint.Role.AGENT, 2, null, null, false)).getPort()).isEqualTo(8081);
    }

    @Test
    void metricsAreEveryNodesPageUnlessGiven() {
        List<URI> beside = kefu("--server", THREE).servers().stream().map(TargetAddress::metricsBeside).toList();

        assertThat(options("--server", THREE).metricsUrls(beside)).extracting(URI::toString).containsExactly(
                "http://127.0.0.1:8081/metrics", "http://127.0.0.1:8082/metrics", "http://127.0.0.1:8083/metrics");
        assertThat(options("--metrics-url", "none").metricsUrls(beside)).isEmpty();
        assertThat(options("--metrics-url", "http://a:1/metrics, http://b:2/m").metricsUrls(beside))
                .extracting(URI::toString).containsExactly("http://a:1/metrics", "http://b:2/m");
        assertThatThrownBy(() -> options("--metrics-url", "a:1/metrics").metricsUrls(beside))
                .hasMessageStartingWith("--metrics-url:");
    }

    @Test
    void badNodeListsAreNamedInTheMessage() {
        assertThatThrownBy(() -> kefu("--server", "http://127.0.0.1:8081,https://127.0.0.1:8082"))
                .hasMessageStartingWith("--server:").hasMessageContaining("https://127.0.0.1:8082");
        assertThatThrownBy(() -> kefu("--server", "http://127.0.0.1:8081,http://127.0.0.1:8081"))
                .hasMessageStartingWith("--server:").hasMessageContaining("each node once");
    }

    @Test
    void badOptionsExitWithTheUsageCode() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);

        assertThat(LoadRunner.run(out, "--admin-key", "k", "--server", "http://a:1,http://a:1"))
                .isEqualTo(LoadRunner.EXIT_USAGE);
        assertThat(LoadRunner.run(out, "--admin-key", "k", "--metrics-url", "ftp://a/metrics"))
                .isEqualTo(LoadRunner.EXIT_USAGE);
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("--server:", "--metrics-url:");
    }
}
