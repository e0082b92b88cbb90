package io.kefu.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * The harness's command-line options (picocli), turned into a validated {@link Scenario}. Each option's
 * description is the reference; {@code load-tests/README.md} shows them per scenario.
 */
final class LoadOptions {
    @Option(names = "--target", split = ",", defaultValue = "kefu",
            description = "What to drive: kefu, relay, or kefu,relay (both in turn, same scenario). Default ${DEFAULT-VALUE}.")
    List<Scenario.Target> targets;

    @Option(names = "--server", split = ",", defaultValue = "http://127.0.0.1:8080",
            description = "Kefu's base URL (API, /ws, /metrics), or several nodes' separated by commas: set-up "
                    + "goes through the first, connections are spread over all (buyers round robin from the first, "
                    + "agents from the second). Default ${DEFAULT-VALUE}.")
    List<URI> servers;

    @Option(names = "--admin-key", defaultValue = "${env:KEFU_ADMIN_KEY}",
            description = "Kefu's admin key, for set-up. Default: $KEFU_ADMIN_KEY.")
    String adminKey;

    @Option(names = "--relay", defaultValue = Scenario.EMBEDDED_RELAY,
            description = "The relay's WebSocket URL (e.g. ws://10.0.0.5:9090/relay), or 'embedded' to start the "
                    + "baseline relay inside the harness. Default ${DEFAULT-VALUE}.")
    String relay;

    @Option(names = "--relay-threads", defaultValue = "0",
            description = "Event loops of the embedded relay (0 = 2 x cores). Default ${DEFAULT-VALUE}.")
    int relayThreads;

    @Option(names = "--metrics-url", description = "Kefu's metrics page(s), comma-separated, or 'none'. Default: "
            + "<server>/metrics of every --server node.")
    String metricsUrl;

    @Option(names = "--relay-metrics-url", description = "The relay's metrics page, or 'none'. Default: "
            + "http://<relay host:port>/metrics.")
    String relayMetricsUrl;

    @Option(names = "--shops", defaultValue = "1", description = "Shops. Default ${DEFAULT-VALUE}.")
    int shops;

    @Option(names = "--agents-per-shop", defaultValue = "10", description = "Agents per shop. Default ${DEFAULT-VALUE}.")
    int agentsPerShop;

    @Option(names = "--max-concurrent", defaultValue = "10",
            description = "Each agent's maxConcurrent (conversations at once). Default ${DEFAULT-VALUE}.")
    int maxConcurrent;

    @Option(names = "--buyers", defaultValue = "100", description = "Buyers, each one connection. Default ${DEFAULT-VALUE}.")
    int buyers;

    @Option(names = "--conversations", defaultValue = "-1",
            description = "Conversations (buyer x shop pairs that chat). Default: one per buyer.")
    int conversations;

    @Option(names = "--rate", split = ",", defaultValue = "100",
            description = "Messages per second over all conversations, both directions together (half each way). "
                    + "Several values run as consecutive steps. Default ${DEFAULT-VALUE}.")
    List<Double> rates;

    @Option(names = "--relay-rate", split = ",",
            description = "The relay's own rate steps when --target has both (a relay that stores nothing reaches its "
                    + "knee far above Kefu's). Default: --rate's.")
    List<Double> relayRates;

    @Option(names = "--knee-p99", defaultValue = "20",
            description = "The knee is the highest rate step whose delivery p99 (both ways) is at most this many ms, "
                    + "every lower step holding too. Default ${DEFAULT-VALUE}.")
    double kneeP99Ms;

    @Option(names = "--schedule", defaultValue = "poisson",
            description = "Send times per conversation and direction: fixed or poisson. Default ${DEFAULT-VALUE}.")
    SendSchedule.Kind schedule;

    @Option(names = "--size", defaultValue = "200",
            description = "Message size in bytes: Kefu's text body; the whole frame in relay mode. Default ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--encoding", defaultValue = "json",
            description = "json or bin (Kefu: kefu.v1.json / kefu.v1.bin; relay: text / binary frames). Default ${DEFAULT-VALUE}.")
    Scenario.Encoding encoding;

    @Option(names = "--connect-rate", defaultValue = "500",
            description = "Connections (and conversation opens) started per second. Default ${DEFAULT-VALUE}.")
    double connectRate;

    @Option(names = "--duration", defaultValue = "30", description = "Measured seconds per rate step. Default ${DEFAULT-VALUE}.")
    int duration;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Seconds at the start of each step whose samples are discarded. Default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--lead-in", defaultValue = "0",
            description = "Seconds added to the first step's warm-up, so that the server's JIT and its first "
                    + "collections settle before anything is measured (on one core: 180-240). Default ${DEFAULT-VALUE}.")
    int leadIn;

    @Option(names = "--sources", split = ",",
            description = "Local source addresses to spread connections over (e.g. 127.0.0.2,127.0.0.3), ~28k each. "
                    + "Default: the system's choice.")
    List<String> sources = List.of();

    @Option(names = "--threads", description = "Harness event loops. Default: the number of cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--ping", defaultValue = "0",
            description = "Seconds between application pings per connection (0: rely on the server's WebSocket pings). "
                    + "Default ${DEFAULT-VALUE}.")
    int ping;

    @Option(names = "--slow-agents", defaultValue = "0",
            description = "Percentage of agents that stop reading (slow consumers), spread evenly. Default ${DEFAULT-VALUE}.")
    double slowAgents;

    @Option(names = "--slow-step", defaultValue = "1",
            description = "The rate step at whose start slow agents stop reading. Default ${DEFAULT-VALUE}.")
    int slowStep;

    @Option(names = "--churn-rate", defaultValue = "0",
            description = "Idle buyers disconnected and reconnected per second during the chat. Default ${DEFAULT-VALUE}.")
    double churnRate;

    @Option(names = "--drain", defaultValue = "10",
            description = "Seconds to wait after the last step for messages still in flight. Default ${DEFAULT-VALUE}.")
    int drain;

    @Option(names = "--setup-timeout", defaultValue = "600",
            description = "Seconds allowed for the API set-up, and for stragglers after each ramp. Default ${DEFAULT-VALUE}.")
    int setupTimeout;

    @Option(names = "--http-concurrency", defaultValue = "32",
            description = "API calls in flight during set-up. Default ${DEFAULT-VALUE}.")
    int httpConcurrency;

    @Option(names = "--max-lag", defaultValue = "25",
            description = "Sender lag p99 (ms) above which a step is invalid: the harness fell behind. Default ${DEFAULT-VALUE}.")
    double maxLag;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the Poisson schedules. Default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--run-id", description = "Names this run's shops, agents and buyers. Default: random.")
    String runId = UUID.randomUUID().toString().substring(0, 8);

    @Option(names = "--report", description = "The JSON report file. Default: kefu-load-<run id>.json.")
    Path report;

    @Option(names = "--no-reply-timers",
            description = "Turn the shops' no-answer transfer and idle close off (noAnswerSec, idleCloseSec 0): the "
                    + "harness's agents answer at random, so in a long run the timers move and close conversations.")
    boolean noReplyTimers;

    Scenario scenario() {
        return new Scenario(targets, servers, adminKey, relay, metricsUrl, shops, agentsPerShop, maxConcurrent, buyers,
                conversations < 0 ? buyers : conversations, rates, schedule, size, encoding, connectRate, duration,
                warmup, sources, threads, ping, slowAgents, slowStep, churnRate, drain, setupTimeout, httpConcurrency,
                maxLag, seed, runId, report == null ? Path.of("kefu-load-" + runId + ".json") : report, !noReplyTimers,
                leadIn, relayRates, kneeP99Ms);
    }

    /** Kefu's metrics pages: {@code --metrics-url} (several, comma-separated; none), else {@code otherwise}. */
    List<URI> metricsUrls(List<URI> otherwise) {
        if (metricsUrl == null) {
            return otherwise;
        }
        if (Scenario.NO_METRICS.equals(metricsUrl.strip())) {
            return List.of();
        }
        return java.util.Arrays.stream(metricsUrl.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .map(LoadOptions::metricsUri).toList();
    }

    private static URI metricsUri(String given) {
        URI uri = URI.create(given);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--metrics-url: give http://host:port/metrics (or 'none'), got " + given);
        }
        return uri;
    }

    URI relayMetricsUrl(URI otherwise) {
        return url(relayMetricsUrl, otherwise);
    }

    int relayThreads() {
        return relayThreads;
    }

    private static URI url(String given, URI otherwise) {
        if (given == null) {
            return otherwise;
        }
        return Scenario.NO_METRICS.equals(given) ? null : URI.create(given);
    }
}
