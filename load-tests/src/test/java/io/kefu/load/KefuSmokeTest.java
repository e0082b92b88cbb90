package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.KefuServer;
import io.kefu.server.config.KefuConfig;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Short harness runs (a few hundred connections, a few seconds) against a real Kefu server started in
 * this JVM, and against the embedded baseline relay in the same run. They assert that nothing is lost,
 * duplicated or out of order and that everything connected; never timings (the lag limit is set out of
 * reach, so a busy build machine cannot fail them).
 */
@Timeout(180)
class KefuSmokeTest {
    private static final String ADMIN_KEY = "smoke-admin-key-0123456789";
    private static KefuServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = KefuServer.start(KefuConfig.builder().host("127.0.0.1").port(0).demo(false).adminKey(ADMIN_KEY)
                .jwtSecret("smoke-jwt-secret-0123456789-0123456789-abcdef")
                .dbUrl("jdbc:h2:mem:smoke-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").dbUser("sa").dbPassword("")
                .passwordIterations(1_000).ratePerSec(1_000).rateBurst(2_000).shutdownGraceSec(1).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private String[] args(String... more) {
        String[] base = {"--server", "http://127.0.0.1:" + server.port(), "--admin-key", ADMIN_KEY,
                "--shops", "2", "--agents-per-shop", "5", "--max-concurrent", "25",
                "--connect-rate", "2000", "--warmup", "1", "--duration", "2", "--drain", "15", "--max-lag", "60000",
                "--threads", "2"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "bin"})
    void kefuAndTheRelayDeliverEveryMessageOnceAndInOrder(String encoding) throws Exception {
        SmokeRuns.Result result = SmokeRuns.run(dir, args("--target", "kefu,relay", "--encoding", encoding,
                "--buyers", "200", "--rate", "400", "--relay-rate", "600", "--knee-p99", "60000"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        for (int i = 0; i < 2; i++) {
            JsonNode run = result.run(i);
            assertThat(run.path("verdict").asText()).isEqualTo("PASS");
            assertEverythingConnected(run, 210, 200);
            assertNothingLost(run.path("messages"));
            assertThat(run.path("steps").get(0).path("buyerToAgent").path("count").asLong()).isPositive();
            assertThat(run.path("steps").get(0).path("agentToBuyer").path("count").asLong()).isPositive();
        }
        JsonNode kefu = result.run(0);
        assertThat(kefu.path("target").asText()).isEqualTo("kefu");
        assertThat(kefu.path("messages").path("acked").asLong()).isEqualTo(kefu.path("messages").path("sent").asLong());
        assertThat(kefu.path("server").path("max").path("connections").asDouble()).isPositive();
        assertThat(result.run(1).path("target").asText()).isEqualTo("relay");
        assertThat(result.run(1).path("steps").get(0).path("offeredRate").asDouble()).as("its own rate").isEqualTo(600);
        assertThat(kefu.path("knee").path("rate").asDouble()).as("every step held a 60 s bound").isEqualTo(400);
        assertThat(kefu.path("knee").path("reached").asBoolean()).isFalse();
        assertThat(result.report().path("kefuKneeOfRelay").asDouble()).isCloseTo(400 / 600.0, within(1e-9));
        assertThat(result.output()).contains("knee: kefu at 66.7 % of the relay in this run");
    }

    @Test
    void slowConsumersAndChurnDoNotCostTheOtherConversationsAMessage() throws Exception {
        SmokeRuns.Result result = SmokeRuns.run(dir, args("--buyers", "260", "--conversations", "200",
                "--rate", "300,300", "--slow-agents", "10", "--slow-step", "2", "--churn-rate", "40", "--ping", "1"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode run = result.run(0);
        assertEverythingConnected(run, 270, 200);
        assertNothingLost(run.path("messages"));
        assertThat(run.path("slowConsumers").path("agents").asInt()).isEqualTo(1);
        assertThat(run.path("slowConsumers").path("conversations").asInt()).isPositive();
        assertThat(run.path("connections").path("churned").asLong()).isPositive();
        assertThat(run.path("connections").path("dropped").asLong()).isZero();
        assertThat(run.path("steps")).hasSize(2);
    }

    @Test
    void connectionsSpreadOverSeveralNodesAndEachNodeIsReported() throws Exception {
        // one server under two names stands for two nodes: the harness cannot tell them apart
        String[] base = args("--buyers", "60", "--rate", "120");
        for (int i = 0; i < base.length; i++) {
            if (base[i].equals("--server")) {
                base[i + 1] = "http://127.0.0.1:" + server.port() + ",http://localhost:" + server.port();
            }
        }
        SmokeRuns.Result result = SmokeRuns.run(dir, base);

        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonNode run = result.run(0);
        assertEverythingConnected(run, 70, 60);
        assertNothingLost(run.path("messages"));
        assertThat(run.path("url").asText()).contains("127.0.0.1", "localhost");
        assertThat(run.path("connections").path("nodes").asInt()).isEqualTo(2);
        assertThat(run.path("connections").path("crossNode").asInt()).isBetween(1, 60);
        JsonNode nodes = run.path("server").path("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(1).path("metricsUrl").asText()).contains("localhost");
        assertThat(nodes.get(0).path("max").path("connections").asDouble()).isPositive();
        assertThat(run.path("steps").get(0).path("serverCpu").path("nodeCores")).hasSize(2);
        assertThat(result.output()).contains("had buyer and agent on different nodes");
    }

    private static void assertEverythingConnected(JsonNode run, int connections, int conversations) {
        JsonNode c = run.path("connections");
        assertThat(c.path("planned").asInt()).isEqualTo(connections);
        assertThat(c.path("ready").asInt()).isEqualTo(connections);
        assertThat(c.path("failed").asLong()).isZero();
        assertThat(c.path("conversationsReady").asInt()).isEqualTo(conversations);
        assertThat(c.path("connect").path("count").asLong()).isEqualTo(connections);
    }

    private static void assertNothingLost(JsonNode m) {
        assertThat(m.path("sent").asLong()).isPositive();
        assertThat(m.path("delivered").asLong()).isEqualTo(m.path("sent").asLong());
        assertThat(m.path("unaccounted").asLong()).isZero();
        assertThat(m.path("rejected").asLong()).isZero();
        assertThat(m.path("duplicated").asLong()).isZero();
        assertThat(m.path("outOfOrder").asLong()).isZero();
        assertThat(m.path("seqGaps").asLong()).isZero();
        assertThat(m.path("seqRepeats").asLong()).isZero();
    }
}
