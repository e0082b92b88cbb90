import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * What does an H2 commit wait for while the file grows? The message writer's work alone, without the server: batches
 * of messages in random conversations of 10,000, inserted at a fixed rate into a fresh H2 file, each batch committed
 * and followed by CHECKPOINT as {@code Jdbc} does. Every report it prints the commit's p50, p99, p99.9 and max, the
 * writer's busy time per message, the file's size and H2's fill rates. With {@code -DcompactKb=N} a thread of its own
 * calls {@code MVStore.compact(compactFill, N KB)} every {@code compactMs} (to compare with H2's own housekeeping,
 * switched off with AUTO_COMPACT_FILL_RATE=0 in the settings). The table is {@code messages} of V1__init.sql.
 * Not run in CI.
 * <pre>
 * taskset -c 0 java -Xmx1g -DgapUs=2000 -Dbatch=8 -Dreport=50000 \
 *     -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar load-tests/scripts/H2CommitStalls.java \
 *     /tmp/h2stalls ";WRITE_DELAY=100;RETENTION_TIME=2000;FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE" 400000
 * </pre>
 * Arguments: a directory (its kefu.mv.db is replaced), the URL's settings (Database.H2_FILE_OPTIONS), messages.
 * {@code -DgapUs}: the time between two commits' starts (batch 8 every 2,000 µs is 4,000 messages a second).
 */
public final class H2CommitStalls {
    private static final int CONVERSATIONS = 10_000;
    private static final int BATCH = Integer.getInteger("batch", 8);
    private static final int REPORT_EVERY = Integer.getInteger("report", 100_000);
    private static final int COMPACT_KB = Integer.getInteger("compactKb", 0);
    private static final int COMPACT_MS = Integer.getInteger("compactMs", 100);
    private static final int COMPACT_FILL = Integer.getInteger("compactFill", 60);
    private static final long GAP_US = Long.getLong("gapUs", 0);

    private static final AtomicLong COMPACTIONS = new AtomicLong();
    private static final AtomicLong LONGEST_COMPACTION = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        String settings = args[1];
        int total = Integer.parseInt(args[2]);
        new File(dir, "kefu.mv.db").delete();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/kefu" + settings, "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE messages (conv_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL,"
                        + " sender_type VARCHAR(16) NOT NULL, sender_id VARCHAR(64), kind VARCHAR(32) NOT NULL,"
                        + " body VARCHAR NOT NULL, ts BIGINT NOT NULL, cmid VARCHAR(128), PRIMARY KEY (conv_id, seq),"
                        + " CONSTRAINT messages_cmid UNIQUE (conv_id, sender_id, cmid))");
            }
            c.setAutoCommit(false);
            // H2's own objects: the only way to its MVStore's fill rates and compaction from JDBC.
            MVStore mv = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                    .getMvStore();
            Thread compactor = COMPACT_KB > 0 ? compactor(mv) : null;
            insert(c, dir, total, mv);
            if (compactor != null) {
                compactor.interrupt();
                compactor.join();
            }
        }
    }

    private static Thread compactor(MVStore mv) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(COMPACT_MS);
                } catch (InterruptedException e) {
                    return;
                }
                long start = System.nanoTime();
                mv.compact(COMPACT_FILL, COMPACT_KB * 1024);
                LONGEST_COMPACTION.accumulateAndGet(System.nanoTime() - start, Math::max);
                COMPACTIONS.incrementAndGet();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void insert(Connection c, String dir, int total, MVStore mv) throws Exception {
        Random random = new Random(1);
        String[] ids = new String[CONVERSATIONS];
        long[] seq = new long[CONVERSATIONS];
        for (int i = 0; i < CONVERSATIONS; i++) {
            ids[i] = "conv-" + UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)});
        }
        String body = "{\"text\":\"" + ".".repeat(200) + "\"}";
        long start = System.nanoTime();
        long[] commits = new long[REPORT_EVERY / BATCH + 1];
        int n = 0;
        long busy = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             Statement checkpoint = c.createStatement()) {
            long next = System.nanoTime();
            for (int m = 0; m < total; ) {
                if (GAP_US > 0) {
                    next += GAP_US * 1000;
                    for (long w = next - System.nanoTime(); w > 0; w = next - System.nanoTime()) {
                        LockSupport.parkNanos(w);
                    }
                }
                for (int b = 0; b < BATCH; b++, m++) {
                    int k = random.nextInt(CONVERSATIONS);
                    long s = ++seq[k];
                    String side = s % 2 == 0 ? "agent" : "buyer";
                    ps.setString(1, ids[k]);
                    ps.setLong(2, s);
                    ps.setString(3, side);
                    ps.setString(4, side + "-" + UUID.nameUUIDFromBytes(new byte[] {(byte) k}));
                    ps.setString(5, "text");
                    ps.setString(6, body);
                    ps.setLong(7, System.currentTimeMillis());
                    ps.setString(8, "cmid-" + k + side.charAt(0) + s + "-0123456789abcdef");
                    ps.addBatch();
                }
                long t = System.nanoTime();
                ps.executeBatch();
                c.commit();
                checkpoint.execute("CHECKPOINT");
                long took = System.nanoTime() - t;
                busy += took;
                if (n < commits.length) {
                    commits[n++] = took;
                }
                if (m % REPORT_EVERY == 0) {
                    long[] a = Arrays.copyOf(commits, n);
                    Arrays.sort(a);
                    System.out.printf(Locale.ROOT, "%8d msgs %5.0f s | commit ms mean %.2f p50 %.2f p99 %.1f p99.9 %.1f max %.1f"
                                    + " | busy %.0f us/msg | file %5.0f MB fill %d%% chunks %d%% | compactions %d,"
                                    + " longest %.1f ms%n",
                            m, (System.nanoTime() - start) / 1e9, busy / 1e6 / n, a[n / 2] / 1e6, a[(int) (n * 0.99)] / 1e6,
                            a[(int) (n * 0.999)] / 1e6, a[n - 1] / 1e6, busy / 1e3 / (n * BATCH),
                            new File(dir, "kefu.mv.db").length() / 1048576.0, mv.getFileStore().getFillRate(),
                            mv.getFileStore().getChunksFillRate(), COMPACTIONS.getAndSet(0),
                            LONGEST_COMPACTION.getAndSet(0) / 1e6);
                    n = 0;
                    busy = 0;
                }
            }
        }
    }
}
