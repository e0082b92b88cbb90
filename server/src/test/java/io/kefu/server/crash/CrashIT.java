package io.kefu.server.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.crash.CrashShops.Shop;
import io.kefu.server.crash.JepsenCheck.Verdict;
import io.kefu.server.store.Database;
import io.kefu.server.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash test (issue 15): the real server runs in a child JVM; SDK buyers and agents of several shops
 * talk, transfer, close and rate while the test kills the child with {@code kill -9} at random moments
 * and restarts it on the same database, at least {@value #DEFAULT_KILLS} times per run, once on an H2
 * file and once on the embedded PostgreSQL. Then a Jepsen-style check ({@link JepsenCheck}) of the
 * history against the database. One summary line per run; a failure names the seed to replay
 * ({@code -Dkefu.crash.seed=...}). Longer runs: {@code docs/reliability.md} ("The crash test").
 *
 * <p>A kill comes a random 0–{@value #MAX_UPTIME_MS} ms after traffic flows again following a restart
 * (at least one new {@code ok}), so kills land amid requests, commits and answers.
 */
class CrashIT {
    private static final Logger log = LoggerFactory.getLogger(CrashIT.class);
    private static final String ADMIN_KEY = "crash-admin-key-0123456789";
    private static final String JWT_SECRET = "crash-jwt-secret-0123456789-0123456789-abcdef";
    static final int DEFAULT_KILLS = 20;
    static final int MAX_UPTIME_MS = 500;
    /** Warnings and errors of the child's log printed when a run fails; the whole log is kept in a file. */
    private static final int LOG_LINES_SHOWN = 200;

    private final long seed = Long.getLong("kefu.crash.seed", System.nanoTime());
    private final int kills = Integer.getInteger("kefu.crash.kills", DEFAULT_KILLS);
    private final int shops = Integer.getInteger("kefu.crash.shops", 3);
    private final int buyersPerShop = Integer.getInteger("kefu.crash.buyers", 3);

    /**
     * An agent's SDK client keeps every conversation it ever saw and, after each reconnect, tries to sync
     * the ones since transferred away from it, logging a warning per refusal: hundreds of lines per run
     * that say nothing about the server. Quieted for this class only.
     */
    private static final String TRACKER_LOGGER = "io.kefu.client.ConversationTracker";
    private static ch.qos.logback.classic.Level trackerLevel;

    @BeforeAll
    static void quietTheTracker() {
        ch.qos.logback.classic.Logger tracker = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TRACKER_LOGGER);
        trackerLevel = tracker.getLevel();
        tracker.setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    @AfterAll
    static void restoreTheTracker() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TRACKER_LOGGER)).setLevel(trackerLevel);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void h2File(@TempDir Path dir) throws Exception {
        String url = KefuConfig.h2FileUrl(dir.resolve("db"));
        run("h2", dir, url, "sa");
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void postgres(@TempDir Path dir) throws Exception {
        String url;
        try (Database db = TestDatabases.postgres()) {
            url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        }
        run("postgresql", dir, url, "postgres");
    }

    /** {@link #check}, keeping the child's log (it lives in a temporary directory) when the run fails. */
    private void run(String name, Path dir, String url, String user) throws Exception {
        try {
            check(name, dir, url, user);
        } catch (Exception | AssertionError e) {
            keepChildLog(name, dir.resolve("child.log"));
            throw e;
        }
    }

    /**
     * Copies the child's log to {@code target/crash-logs} and prints its warnings and errors (at most
     * {@value #LOG_LINES_SHOWN}), so a failure seen only in CI's output still shows what the server said.
     */
    private void keepChildLog(String name, Path childLog) {
        try {
            Path kept = Path.of("target", "crash-logs", name + "-" + seed + ".log");
            Files.createDirectories(kept.getParent());
            Files.copy(childLog, kept, StandardCopyOption.REPLACE_EXISTING);
            List<String> notable;
            try (Stream<String> lines = Files.lines(childLog, StandardCharsets.UTF_8)) {
                notable = lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"))
                        .limit(LOG_LINES_SHOWN).toList();
            }
            System.out.println("crash test " + name + ": the child's log is kept in " + kept.toAbsolutePath()
                    + "; its warnings and errors:\n" + String.join("\n", notable));
        } catch (IOException | UncheckedIOException e) {
            System.out.println("crash test " + name + ": the child's log could not be kept: " + e);
        }
    }

    /**
     * How many starts found entries of transactions that died while committing in the H2 file and rolled them
     * back, and how many entries in all; then the same for index entries out of step with their rows, mended
     * ({@code H2Leftovers}): how often the crash test reaches those paths.
     */
    private static String h2Leftovers(Path childLog) throws IOException {
        java.util.regex.Pattern line =
                java.util.regex.Pattern.compile(": (\\d+) leftover entr\\S+ rolled back(, (\\d+) index)?");
        int starts = 0;
        long entries = 0;
        int mendedStarts = 0;
        long mended = 0;
        try (Stream<String> lines = Files.lines(childLog, StandardCharsets.UTF_8)) {
            for (String l : (Iterable<String>) lines::iterator) {
                java.util.regex.Matcher m = line.matcher(l);
                if (!m.find()) {
                    continue;
                }
                if (Long.parseLong(m.group(1)) > 0) {
                    starts++;
                    entries += Long.parseLong(m.group(1));
                }
                if (m.group(3) != null && Long.parseLong(m.group(3)) > 0) {
                    mendedStarts++;
                    mended += Long.parseLong(m.group(3));
                }
            }
        }
        return starts + "/" + entries + " h2-index-mended=" + mendedStarts + "/" + mended;
    }

    private void check(String name, Path dir, String url, String user) throws Exception {
        log.warn("crash test {}: seed {} (replay with -Dkefu.crash.seed={}), {} kills", name, seed, seed, kills);
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        Map<String, String> settings = Map.ofEntries(Map.entry("KEFU_DB_URL", url), Map.entry("KEFU_DB_USER", user),
                Map.entry("KEFU_DB_PASSWORD", ""), Map.entry("KEFU_DB_POOL_SIZE", "4"),
                Map.entry("KEFU_ADMIN_KEY", ADMIN_KEY), Map.entry("KEFU_JWT_SECRET", JWT_SECRET),
                Map.entry("KEFU_DEMO", "false"), Map.entry("KEFU_DATA_DIR", dir.resolve("data").toString()),
                Map.entry("KEFU_PASSWORD_ITERATIONS", "1000"), Map.entry("KEFU_TOKEN_TTL_SEC", "86400"),
                Map.entry("KEFU_RATE_PER_SEC", "10000"), Map.entry("KEFU_RATE_BURST", "10000"),
                Map.entry("KEFU_STORE_THREADS", "2"), Map.entry("KEFU_ROUTER_THREADS", "2"));
        int done = 0;
        long started = System.nanoTime();
        CrashWorkload.Counts counts;
        String startTimes;
        boolean archived;
        try (ChildServer server = new ChildServer(settings, dir.resolve("child.log"))) {
            archived = server.prepareClassArchive();
            server.start();
            CrashShops setup = new CrashShops(server.baseUrl(), ADMIN_KEY);
            List<Shop> created = new ArrayList<>();
            for (int i = 0; i < shops; i++) {
                created.add(setup.create("crash shop " + i));
            }
            try (CrashWorkload workload = new CrashWorkload(server, ledger)) {
                workload.start(setup, created, buyersPerShop, seed);
                for (; done < kills; done++) {
                    long before = ledger.acks();
                    await("traffic after restart " + done).atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(5)).until(() -> ledger.acks() > before);
                    // The random moment of the kill: the point of the test, not a wait for a condition.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(MAX_UPTIME_MS + 1)));
                    server.kill();
                    server.start();
                }
                long before = ledger.acks();
                await("traffic after the last restart").atMost(Duration.ofSeconds(60))
                        .until(() -> ledger.acks() > before);
                workload.stop(Duration.ofSeconds(120));
                counts = workload.counts();
            }
            // One last kill: the database is read as the next start would find it.
            server.kill();
            done++;
            startTimes = server.startTimes();
        }
        Verdict v;
        try (Database db = new Database(url, user, "", 2)) {
            v = JepsenCheck.run(db, ledger);
        }
        String summary = String.format("crash test %s: seed=%d kills=%d seconds=%d sent=%d acked=%d stored=%d lost=%d"
                        + " unexpected=%d duplicates=%d gaps=%d conversations=%d(lost %d) transfers=%d(lost %d)"
                        + " closes=%d(lost %d) ratings=%d(lost %d) client-order=%d client-gaps=%d client-mismatch=%d"
                        + " retries=%d sends-refused=%d sends-unanswered=%d start-ms(mean/max)=%s cds=%s"
                        + " h2-leftovers=%s",
                name, seed, done, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), v.sent(), v.acked(),
                v.stored(), v.lost(), v.unexpected(), v.duplicates(), v.gaps(), v.conversations(),
                v.conversationsLost(), v.transfersAcked(), v.transfersLost(), v.closesAcked(), v.closesLost(),
                v.ratingsAcked(), v.ratingsLost(), v.clientOrder(), v.clientGaps(), v.clientMismatch(),
                counts.retries.get(), counts.sendsRefused.get(), counts.sendsUnanswered.get(), startTimes, archived,
                h2Leftovers(dir.resolve("child.log")));
        System.out.println(summary);
        List<String> refusedAfterClose = refusedAfterAcknowledgedClose(ledger);
        System.out.println("crash test " + name + ": state changes refused: " + refusedStates(ledger)
                + "; after an acknowledged close: " + refusedAfterClose.size()
                + (refusedAfterClose.isEmpty() ? "" : " e.g. " + refusedAfterClose.subList(0,
                        Math.min(5, refusedAfterClose.size()))));
        if (!counts.refusals.isEmpty()) {
            System.out.println("refused requests (first 20): " + counts.refusals.subList(0,
                    Math.min(20, counts.refusals.size())));
        }
        assertThat(done).as("kills").isGreaterThanOrEqualTo(kills);
        assertThat(v.acked()).as("acknowledged messages").isPositive();
        assertThat(v.problems()).as(summary).isEmpty();
        assertThat(v.clean()).as(summary).isTrue();
    }

    /** Refused transfers, closes and ratings by kind and error: expected ones (agent offline...) and others. */
    private static Map<String, Long> refusedStates(Ledger ledger) {
        return ledger.conversations().values().stream().flatMap(h -> h.ops().stream())
                .filter(op -> op.outcome() == Ledger.Outcome.REFUSED)
                .collect(java.util.stream.Collectors.groupingBy(op -> op.kind() + " " + op.detail().split(":")[0],
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    /** Requests refused on a conversation whose close was acknowledged: a rating the buyer could not give. */
    private static List<String> refusedAfterAcknowledgedClose(Ledger ledger) {
        List<String> found = new ArrayList<>();
        for (Ledger.ConvHistory h : ledger.conversations().values()) {
            boolean closed = false;
            for (Ledger.StateOp op : h.ops()) {
                if (closed && op.outcome() == Ledger.Outcome.REFUSED && op.kind() == Ledger.OpKind.RATE) {
                    found.add(h.conv + " " + op.kind() + ": " + op.detail());
                }
                closed |= op.kind() == Ledger.OpKind.CLOSE && op.outcome() == Ledger.Outcome.ACKED;
            }
        }
        return found;
    }
}
