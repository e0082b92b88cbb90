package io.kefu.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one harness run does, as given on the command line ({@link LoadRunner} documents each
 * option), validated on construction with messages that name the option. Immutable; written into the
 * JSON report as {@link #redacted()}, and {@link #toString()} leaves the admin key out too.
 *
 * <p>Who talks to whom: conversation {@code i} belongs to buyer {@code i % buyers} and shop
 * {@code (buyer + i / buyers) % shops}, so no buyer has two conversations with one shop (Kefu allows
 * one open conversation per buyer and shop) and shops get even shares. Kefu's routing picks the
 * agent; in relay mode the harness does, round-robin within the shop. Buyers without a conversation
 * stay connected and idle; {@code churnRate} reconnects only those.
 */
public record Scenario(
        List<Target> targets, List<URI> servers, String adminKey, String relay, String metricsUrl,
        int shops, int agentsPerShop, int maxConcurrent, int buyers, int conversations,
        List<Double> rates, SendSchedule.Kind schedule, int messageSize, Encoding encoding,
        double connectRate, int durationSec, int warmupSec, List<String> sources, int threads,
        int pingSec, double slowAgentsPercent, int slowStep, double churnRate,
        int drainSec, int setupTimeoutSec, int httpConcurrency, double maxLagMs, long seed, String runId,
        Path report, boolean replyTimers, int leadInSec, List<Double> relayRates, double kneeP99Ms) {

    /** What the harness drives. */
    public enum Target { KEFU, RELAY }

    /** How messages travel: Kefu's sub-protocols, or text/binary frames of the relay protocol. */
    public enum Encoding { JSON, BIN }

    /** Start an in-process {@link BaselineRelay} instead of driving one at an address. */
    public static final String EMBEDDED_RELAY = "embedded";
    /** Do not read server metrics. */
    public static final String NO_METRICS = "none";

    public Scenario {
        targets = List.copyOf(targets);
        servers = servers == null ? List.of() : List.copyOf(servers);
        rates = List.copyOf(rates);
        relayRates = relayRates == null ? List.of() : List.copyOf(relayRates);
        sources = List.copyOf(sources);
        require(!targets.isEmpty(), "--target", "name at least one target");
        require(shops >= 1, "--shops", "must be at least 1");
        require(agentsPerShop >= 1, "--agents-per-shop", "must be at least 1");
        require(maxConcurrent >= 1, "--max-concurrent", "must be at least 1");
        require(buyers >= 0 && conversations >= 0, "--buyers/--conversations", "must not be negative");
        require((long) conversations <= (long) buyers * shops, "--conversations",
                "at most --buyers x --shops (" + (long) buyers * shops + "): a buyer has one conversation per shop");
        require(!rates.isEmpty() && rates.stream().allMatch(r -> r >= 0), "--rate", "give one or more rates >= 0");
        require(conversations > 0 || rates.stream().allMatch(r -> r == 0), "--rate",
                "messages need conversations: set --conversations or --rate 0");
        require(relayRates.stream().allMatch(r -> r >= 0), "--relay-rate", "give rates >= 0");
        require(relayRates.isEmpty() || slowStep <= relayRates.size(), "--slow-step",
                "a step number, 1.." + relayRates.size() + " (--relay-rate's steps)");
        require(kneeP99Ms > 0, "--knee-p99", "must be above 0 ms");
        require(messageSize >= 1 && messageSize <= 60_000, "--size", "must be 1..60000 bytes");
        require(connectRate > 0, "--connect-rate", "must be above 0");
        require(durationSec >= 1 && warmupSec >= 0, "--duration/--warmup", "duration >= 1 s, warm-up >= 0 s");
        require(leadInSec >= 0, "--lead-in", "must be >= 0 s");
        require(threads >= 1 && pingSec >= 0, "--threads/--ping", "threads >= 1, ping >= 0");
        require(slowAgentsPercent >= 0 && slowAgentsPercent <= 100, "--slow-agents", "a percentage, 0..100");
        require(slowStep >= 1 && slowStep <= rates.size(), "--slow-step", "a step number, 1.." + rates.size());
        require(churnRate >= 0 && (churnRate == 0 || buyers > conversations), "--churn-rate",
                "churn reconnects idle buyers: have more --buyers than --conversations");
        require(drainSec >= 0 && setupTimeoutSec >= 1 && httpConcurrency >= 1 && maxLagMs > 0,
                "--drain/--setup-timeout/--http-concurrency/--max-lag", "must be positive");
        require(!targets.contains(Target.KEFU) || (adminKey != null && !adminKey.isBlank()), "--admin-key",
                "required to set up Kefu (or set KEFU_ADMIN_KEY)");
        require(runId != null && runId.matches("[A-Za-z0-9-]{1,32}"), "--run-id", "1..32 letters, digits or '-'");
        require(!servers.isEmpty(), "--server", "give one or more http://host:port, separated by commas");
        for (URI server : servers) {
            require("http".equals(server.getScheme()) && server.getHost() != null, "--server",
                    "give http://host:port (TLS is not supported), got " + server);
        }
        require(servers.stream().map(URI::getRawAuthority).distinct().count() == servers.size(), "--server",
                "each node once, got " + servers);
        require(EMBEDDED_RELAY.equals(relay) || (relay != null && relay.startsWith("ws://")), "--relay",
                "give ws://host:port/path or 'embedded', got " + relay);
        checkCapacity(conversations, buyers, shops, agentsPerShop, maxConcurrent);
    }

    /** This scenario with the admin key replaced by a placeholder: what reports and logs may show. */
    public Scenario redacted() {
        return new Scenario(targets, servers, adminKey == null ? null : "(redacted)", relay, metricsUrl, shops,
                agentsPerShop, maxConcurrent, buyers, conversations, rates, schedule, messageSize, encoding, connectRate,
                durationSec, warmupSec, sources, threads, pingSec, slowAgentsPercent, slowStep, churnRate, drainSec,
                setupTimeoutSec, httpConcurrency, maxLagMs, seed, runId, report, replyTimers, leadInSec, relayRates,
                kneeP99Ms);
    }

    /**
     * This scenario as run against {@code target}: the relay runs {@code --relay-rate}'s steps when given (a relay
     * that stores nothing reaches its knee at rates many times Kefu's), everything else is the same.
     */
    public Scenario forTarget(Target target) {
        if (target != Target.RELAY || relayRates.isEmpty()) {
            return this;
        }
        return new Scenario(targets, servers, adminKey, relay, metricsUrl, shops, agentsPerShop, maxConcurrent, buyers,
                conversations, relayRates, schedule, messageSize, encoding, connectRate, durationSec, warmupSec,
                sources, threads, pingSec, slowAgentsPercent, slowStep, churnRate, drainSec, setupTimeoutSec,
                httpConcurrency, maxLagMs, seed, runId, report, replyTimers, leadInSec, relayRates, kneeP99Ms);
    }

    @Override
    public String toString() {
        return "Scenario" + java.util.Arrays.toString(new Object[] {targets, servers, relay, shops, agentsPerShop,
                maxConcurrent, buyers, conversations, rates, schedule, messageSize, encoding, connectRate, durationSec,
                warmupSec, sources, threads, pingSec, slowAgentsPercent, slowStep, churnRate, runId, leadInSec,
                relayRates, kneeP99Ms});
    }

    /** The first Kefu node: set-up goes through its API. */
    public URI server() {
        return servers.get(0);
    }

    /** Kefu nodes the connections are spread over. */
    public int nodes() {
        return servers.size();
    }

    /**
     * The node (index into {@link #servers()}) an agent's or buyer's connection goes to: buyers round robin
     * from node 0, agents from node 1, so that with several nodes a buyer and the agent routing gives it
     * are mostly on different nodes and the latency measured is mostly cross-node. One node: always 0.
     */
    public int nodeOf(boolean agent, int index) {
        return (int) (((long) index + (agent ? 1 : 0)) % servers.size());
    }

    public int agents() {
        return shops * agentsPerShop;
    }

    /** Connections the run opens and holds: every agent and every buyer. */
    public int connections() {
        return agents() + buyers;
    }

    public int buyerOf(int conversation) {
        return conversation % buyers;
    }

    public int shopOf(int conversation) {
        return shopOf(conversation, buyers, shops);
    }

    private static int shopOf(int conversation, int buyers, int shops) {
        return (conversation % buyers + conversation / buyers) % shops;
    }

    /** The agent (global index, {@code shop * agentsPerShop + k}) the relay mode pairs a conversation with. */
    public int relayAgentOf(int conversation) {
        return shopOf(conversation) * agentsPerShop + (conversation / shops) % agentsPerShop;
    }

    /** Buyers with no conversation: held idle, and the only ones churn reconnects. */
    public int idleBuyers() {
        return Math.max(0, buyers - conversations);
    }

    public boolean isIdleBuyer(int buyer) {
        return buyer >= conversations;
    }

    /** Agents that stop reading: {@code slowAgentsPercent} of them, spread evenly over the agents. */
    public int slowAgentCount() {
        return (int) Math.round(agents() * slowAgentsPercent / 100.0);
    }

    public boolean isSlowAgent(int agent) {
        int slow = slowAgentCount();
        if (slow == 0) {
            return false;
        }
        // agent j is slow when the even spacing agents/slow lands on it
        return (long) agent * slow / agents() != ((long) agent + 1) * slow / agents();
    }

    /**
     * Frames a second the busiest connection sends at the highest step: an agent's share of conversations
     * (routing spreads them evenly) times one side's rate, plus pings. Servers limit this per connection
     * (Kefu: {@code KEFU_RATE_PER_SEC}, 20 by default).
     */
    public double busiestConnectionRate() {
        if (conversations == 0) {
            return pingSec == 0 ? 0 : 1.0 / pingSec;
        }
        double perSide = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0) / (2.0 * conversations);
        int perConnection = Math.max(ceilDiv(conversations, agents()), ceilDiv(conversations, buyers));
        return perSide * perConnection + (pingSec == 0 ? 0 : 1.0 / pingSec);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** The plan of the chat part, starting at {@code chatStart}. */
    public RatePlan plan(long chatStart) {
        return new RatePlan(chatStart, rates, warmupSec * 1_000_000L, durationSec * 1_000_000L, 2 * conversations,
                leadInSec * 1_000_000L);
    }

    /**
     * Each shop's conversations must fit its agents' capacity, or some would wait in the queue forever.
     * Static, with the constructor's parameters: a record's fields are not set until its constructor ends.
     */
    private static void checkCapacity(int conversations, int buyers, int shops, int agentsPerShop, int maxConcurrent) {
        if (conversations == 0) {
            return;
        }
        int[] perShop = new int[shops];
        for (int i = 0; i < conversations; i++) {
            perShop[shopOf(i, buyers, shops)]++;
        }
        int most = java.util.Arrays.stream(perShop).max().orElse(0);
        require((long) agentsPerShop * maxConcurrent >= most, "--max-concurrent",
                "a shop has up to " + most + " conversations but only " + agentsPerShop + " agents x "
                        + maxConcurrent + " = " + (long) agentsPerShop * maxConcurrent + " places");
    }

    private static void require(boolean ok, String option, String message) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": " + message);
        }
    }
}
