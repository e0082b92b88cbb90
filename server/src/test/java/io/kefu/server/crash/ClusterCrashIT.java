package io.kefu.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.kefu.server.cluster.TestRedis;
import io.kefu.server.crash.CrashShops.Shop;
import io.kefu.server.crash.JepsenCheck.Verdict;
import io.kefu.server.store.Database;
import io.kefu.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash test of cluster mode: three nodes in child JVMs on one embedded PostgreSQL and one Redis, behind a TCP
 * load balancer; buyers and staff of several shops talk, transfer, close and rate through it while the test kills a
 * random node with {@code kill -9} and starts it again, again and again (and, when asked, restarts Redis empty once). The clients of the killed node reconnect
 * through the balancer to the others and resume with {@code sync}; the shops it owned move to the others when its
 * lease runs out. At the end, the same Jepsen-style check as the one-node crash test: every {@code ok}'d message
 * stored exactly once, nothing stored that nobody sent, {@code seq} gap-free, every acknowledged close, transfer
 * and rating there.
 */
@Timeout(300)
class ClusterCrashIT {
    private static final Logger log = LoggerFactory.getLogger(ClusterCrashIT.class);
    private static final String ADMIN_KEY = "crash-admin-key-0123456789";
    private static final String JWT_SECRET = "crash-jwt-secret-0123456789-0123456789-abcdef";
    private static final int NODES = 3;
    private static final int LEASE_MS = 2_000;

    private final long seed = Long.getLong("kefu.crash.seed", System.nanoTime());
    private final int kills = Integer.getInteger("kefu.cluster.kills", 6);
    /** Also restart Redis empty once, half way (on unless {@code -Dkefu.cluster.redisRestart=false}). */
    private final boolean redisRestart = Boolean.parseBoolean(System.getProperty("kefu.cluster.redisRestart", "true"));

    @Test
    void killedNodesLoseNothingAcknowledged(@TempDir Path temp) throws Exception {
        // -Dkefu.crash.keep=<dir> keeps the nodes' logs there, to read after a failure.
        Path dir = System.getProperty("kefu.crash.keep") != null
                ? java.nio.file.Files.createDirectories(Path.of(System.getProperty("kefu.crash.keep"))) : temp;
        log.warn("cluster crash test: seed {} (replay with -Dkefu.crash.seed={}), {} kills", seed, seed, kills);
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        String url;
        try (Database db = TestDatabases.postgres()) {
            url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        }
        int done = 0;
        int redisRestarts = 0;
        long started = System.nanoTime();
        CrashWorkload.Counts counts;
        try (TestRedis redis = TestRedis.start()) {
            List<ChildServer> nodes = new ArrayList<>();
            for (int i = 1; i <= NODES; i++) {
                Map<String, String> settings = new HashMap<>(Map.ofEntries(Map.entry("KEFU_DB_URL", url),
                        Map.entry("KEFU_DB_USER", "postgres"), Map.entry("KEFU_DB_PASSWORD", ""),
                        Map.entry("KEFU_DB_POOL_SIZE", "4"), Map.entry("KEFU_ADMIN_KEY", ADMIN_KEY),
                        Map.entry("KEFU_JWT_SECRET", JWT_SECRET), Map.entry("KEFU_DEMO", "false"),
                        Map.entry("KEFU_DATA_DIR", dir.resolve("data" + i).toString()),
                        Map.entry("KEFU_PASSWORD_ITERATIONS", "1000"), Map.entry("KEFU_TOKEN_TTL_SEC", "86400"),
                        Map.entry("KEFU_RATE_PER_SEC", "10000"), Map.entry("KEFU_RATE_BURST", "10000"),
                        Map.entry("KEFU_STORE_THREADS", "2"), Map.entry("KEFU_ROUTER_THREADS", "2")));
                settings.put("KEFU_CLUSTER", "redis");
                settings.put("KEFU_REDIS_URL", redis.url());
                settings.put("KEFU_NODE_ID", Integer.toString(i));
                settings.put("KEFU_LEASE_MS", Integer.toString(LEASE_MS));
                settings.put("KEFU_BUS_TIMEOUT_MS", "2000");
                nodes.add(new ChildServer(settings, dir.resolve("node" + i + ".log")));
            }
            try {
                nodes.get(0).prepareClassArchive();
                nodes.forEach(ChildServer::start);
                try (TcpBalancer balancer = new TcpBalancer(nodes)) {
                    CrashShops setup = new CrashShops(nodes.get(0).baseUrl(), ADMIN_KEY);
                    List<Shop> created = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        created.add(setup.create("cluster crash shop " + i));
                    }
                    try (CrashWorkload workload = new CrashWorkload(balancer::wsUri, ledger)) {
                        workload.start(setup, created, 3, seed);
                        for (; done < kills; done++) {
                            long before = ledger.acks();
                            await("traffic before kill " + done).atMost(Duration.ofSeconds(60))
                                    .pollInterval(Duration.ofMillis(5)).until(() -> ledger.acks() > before + 20);
                            // The random moment of the kill: the point of the test, not a wait for a condition.
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(1_500)));
                            if (redisRestart && done == kills / 2) {
                                // Redis restarted empty under load: every lease and owner is gone at once.
                                redis.restart();
                                redisRestarts++;
                                continue;
                            }
                            ChildServer victim = nodes.get(random.nextInt(NODES));
                            victim.kill();
                            // Restarted at once: it waits for its old lease to run out before it serves.
                            victim.start();
                        }
                        long before = ledger.acks();
                        await("traffic after the last restart").atMost(Duration.ofSeconds(60))
                                .until(() -> ledger.acks() > before);
                        workload.stop(Duration.ofSeconds(120));
                        counts = workload.counts();
                    }
                }
            } finally {
                for (ChildServer node : nodes) {
                    node.kill();
                }
            }
        }
        Verdict v;
        try (Database db = new Database(url, "postgres", "", 2)) {
            v = JepsenCheck.run(db, ledger);
        }
        String summary = String.format("cluster crash test: seed=%d nodes=%d kills=%d redis-restarts=%d seconds=%d sent=%d acked=%d"
                        + " stored=%d lost=%d unexpected=%d duplicates=%d gaps=%d conversations=%d(lost %d)"
                        + " transfers=%d(lost %d) closes=%d(lost %d) ratings=%d(lost %d) client-order=%d client-gaps=%d"
                        + " client-mismatch=%d retries=%d sends-refused=%d sends-unanswered=%d",
                seed, NODES, done - redisRestarts, redisRestarts, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), v.sent(), v.acked(),
                v.stored(), v.lost(), v.unexpected(), v.duplicates(), v.gaps(), v.conversations(),
                v.conversationsLost(), v.transfersAcked(), v.transfersLost(), v.closesAcked(), v.closesLost(),
                v.ratingsAcked(), v.ratingsLost(), v.clientOrder(), v.clientGaps(), v.clientMismatch(),
                counts.retries.get(), counts.sendsRefused.get(), counts.sendsUnanswered.get());
        System.out.println(summary);
        if (!counts.refusals.isEmpty()) {
            System.out.println("refused requests (first 20): " + counts.refusals.subList(0,
                    Math.min(20, counts.refusals.size())));
        }
        assertThat(done - redisRestarts).as("kills").isGreaterThanOrEqualTo(redisRestart ? kills - 1 : kills);
        assertThat(redisRestarts).as("Redis restarts").isEqualTo(redisRestart ? 1 : 0);
        assertThat(v.acked()).as("acknowledged messages").isPositive();
        assertThat(v.problems()).as(summary).isEmpty();
        assertThat(v.clean()).as(summary).isTrue();
    }
}
