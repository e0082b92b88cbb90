package io.kefu.server.store;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under load and comes back, with the server left running (issue: sends hung for as
 * long as PostgreSQL was frozen, hello timed out, and nothing recovered without a restart). PostgreSQL is first
 * stopped, then frozen with SIGSTOP; buyers keep sending and retry every failure with the same cmid. Checked at
 * the end against the database: every acknowledged message stored exactly once at the seq its ok named,
 * nothing stored that was not sent, seq gap-free; failures were answered (overloaded or internal) instead of
 * hanging; service came back by itself.
 */
@Timeout(180)
class OutageIT {
    private static final int STORE_TIMEOUT_MS = 1_000;

    @TempDir
    Path dir;

    private EmbeddedPostgres pg;
    private int port;

    private EmbeddedPostgres startPostgres() throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setServerConfig("fsync", "off").setServerConfig("max_connections", "50");
        if (port != 0) {
            b.setPort(port);
        }
        EmbeddedPostgres started = b.start();
        port = started.getPort();
        return started;
    }

    @Test
    void stoppedThenFrozenPostgresLosesNothingAcknowledgedAndServiceComesBackByItself() throws Exception {
        pg = startPostgres();
        String url = pg.getJdbcUrl("postgres", "postgres");
        TestServer server = TestServer.postgresAt(url, b -> b.storeTimeoutMs(STORE_TIMEOUT_MS)
                .ratePerSec(10_000).rateBurst(10_000));
        server.start();
        Load[] running = new Load[1];
        try (TestClients clients = new TestClients(server, Encoding.BINARY)) {
            List<Sender> senders = new ArrayList<>();
            List<Agent> agents = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                ShopFixture shop = server.newShop();
                Agent agent = clients.agent(shop.agent1(), true);
                Buyer buyer = clients.buyer("buyer-" + UUID.randomUUID());
                String conv = join(buyer.session().open(shop.shopId(), null, null)).conv();
                agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
                senders.add(new Sender(buyer, conv));
                agents.add(agent);
            }
            Load load = new Load(senders);
            running[0] = load;
            load.start();
            load.awaitAcked(20);

            // 1. stopped
            pg.close();
            int before = load.acked();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.failures.get() >= 4);
            System.out.printf("OutageIT: PostgreSQL stopped: %d sends failed so far%n", load.failures.get());
            pg = startPostgres();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acked() >= before + 20);
            System.out.printf("OutageIT: recovered %d ms after PostgreSQL came back%n", (System.nanoTime() - restarted) / 1_000_000);

            // 2. frozen
            List<Long> pids = postgresProcesses();
            signal("-STOP", pids);
            int frozenAt = load.acked();
            int failuresAtFreeze = load.failures.get();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> load.failures.get() >= failuresAtFreeze + 4);
            } finally {
                signal("-CONT", pids);
            }
            long thawed = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acked() >= frozenAt + 20);
            System.out.printf("OutageIT: recovered %d ms after PostgreSQL was thawed%n", (System.nanoTime() - thawed) / 1_000_000);
            load.stop();

            // an acknowledged close after the outage is in the database
            join(agents.get(0).session().close(senders.get(0).conv, "resolved"));
            assertThat(server.server().services().conversations().find(senders.get(0).conv).orElseThrow().state())
                    .isEqualTo(ConvState.CLOSED);

            assertThat(load.unexpectedErrors).as("failures other than overloaded/internal/timeouts").isEmpty();
            check(url, senders);
        } finally {
            if (running[0] != null) {
                running[0].stop();
            }
            server.stop();
            pg.close();
        }
    }

    private static void check(String url, List<Sender> senders) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            for (Sender s : senders) {
                Map<String, Long> stored = new ConcurrentHashMap<>();
                List<Long> seqs = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(
                        "SELECT seq, cmid FROM messages WHERE conv_id = ? ORDER BY seq")) {
                    st.setString(1, s.conv);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            seqs.add(rs.getLong(1));
                            String cmid = rs.getString(2);
                            assertThat(stored.put(cmid, rs.getLong(1))).as("duplicate cmid %s", cmid).isNull();
                        }
                    }
                }
                for (int i = 0; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).as("gap-free seq in %s", s.conv).isEqualTo(i + 1L);
                }
                s.acked.forEach((cmid, seq) -> assertThat(stored.get(cmid)).as("acked %s stored at its seq", cmid)
                        .isEqualTo(seq));
                assertThat(s.attempted.keySet()).as("nothing stored that was not sent").containsAll(stored.keySet());
                System.out.printf("OutageIT: conv %s: %d acked, %d stored, lost 0, duplicates 0, gaps 0%n", s.conv,
                        s.acked.size(), stored.size());
            }
        }
    }

    /** The postmaster (from postmaster.pid in the data directory) and every process it started. */
    private List<Long> postgresProcesses() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("postmaster.pid")).get(0).trim());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kill", signal));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }

    /** A buyer sending numbered messages into their conversation. */
    private static final class Sender {
        final Buyer buyer;
        final String conv;
        final Map<String, Long> acked = new ConcurrentHashMap<>();
        final Map<String, Boolean> attempted = new ConcurrentHashMap<>();

        Sender(Buyer buyer, String conv) {
            this.buyer = buyer;
            this.conv = conv;
        }
    }

    /** One thread per sender: send, and on any failure send the same cmid again until it is acknowledged. */
    private static final class Load {
        final List<Sender> senders;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger failures = new AtomicInteger();
        final List<String> unexpectedErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();

        Load(List<Sender> senders) {
            this.senders = senders;
        }

        void start() {
            for (Sender s : senders) {
                Thread t = new Thread(() -> run(s), "outage-load-" + s.conv);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        int acked() {
            return senders.stream().mapToInt(s -> s.acked.size()).sum();
        }

        void awaitAcked(int n) {
            await().atMost(Duration.ofSeconds(30)).until(() -> acked() >= n);
        }

        private void run(Sender s) {
            int i = 0;
            while (running.get()) {
                String cmid = "m-" + i;
                s.attempted.put(cmid, true);
                try {
                    SendResult r = s.buyer.session().send(s.conv, "text", Body.text("消息 " + i), cmid).join();
                    s.acked.put(cmid, r.seq());
                    i++;
                    Thread.sleep(20);
                } catch (CompletionException e) {
                    failures.incrementAndGet();
                    Throwable cause = e.getCause();
                    if (cause instanceof KefuClientException k && k.code() != ErrorCode.OVERLOADED
                            && k.code() != ErrorCode.INTERNAL) {
                        unexpectedErrors.add(k.code() + ": " + k.getMessage());
                    }
                    sleepQuietly(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        private static void sleepQuietly(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
