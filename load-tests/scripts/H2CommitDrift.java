import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;

/**
 * Does an H2 commit get slower as the messages table grows? The message writer's work alone, without the server:
 * batches of 5 messages in random conversations of 10,000 (a soak's shape) inserted into a fresh H2 file with the
 * server's URL settings, each batch committed and followed by CHECKPOINT as {@code Jdbc} does; every 25,000
 * messages it prints the mean time per commit and the file's size. The table is {@code messages} of V1__init.sql.
 * Not run in CI.
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar load-tests/scripts/H2CommitDrift.java \
 *     /tmp/h2drift ";WRITE_DELAY=100;RETENTION_TIME=2000;FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE" 300000
 * </pre>
 * Arguments: a directory (its kefu.mv.db is replaced), the URL's settings (Database.H2_FILE_OPTIONS), messages.
 */
public final class H2CommitDrift {
    private static final int CONVERSATIONS = 10_000;
    private static final int BATCH = 5;
    private static final int REPORT_EVERY = 25_000;

    public static void main(String[] args) throws SQLException {
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
            insert(c, dir, total);
        }
    }

    private static void insert(Connection c, String dir, int total) throws SQLException {
        Random random = new Random(1);
        String[] ids = new String[CONVERSATIONS];
        long[] seq = new long[CONVERSATIONS];
        for (int i = 0; i < CONVERSATIONS; i++) {
            ids[i] = Long.toString(600_000_000_000_000_000L + random.nextInt(Integer.MAX_VALUE) * 997L);
        }
        String body = "{\"text\":\"" + ".".repeat(200) + "\"}";
        long start = System.nanoTime();
        long commitNanos = 0;
        int commits = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             Statement checkpoint = c.createStatement()) {
            for (int m = 0; m < total; ) {
                for (int b = 0; b < BATCH; b++, m++) {
                    int k = random.nextInt(CONVERSATIONS);
                    long s = ++seq[k];
                    String side = s % 2 == 0 ? "agent" : "buyer";
                    ps.setString(1, ids[k]);
                    ps.setLong(2, s);
                    ps.setString(3, side);
                    ps.setString(4, side + "-" + k);
                    ps.setString(5, "text");
                    ps.setString(6, body);
                    ps.setLong(7, System.currentTimeMillis());
                    ps.setString(8, k + side.substring(0, 1) + s);
                    ps.addBatch();
                }
                long t = System.nanoTime();
                ps.executeBatch();
                c.commit();
                checkpoint.execute("CHECKPOINT");
                commitNanos += System.nanoTime() - t;
                commits++;
                if (m % REPORT_EVERY == 0) {
                    System.out.printf(Locale.ROOT, "%8d messages  %6.2f ms/commit  file %5.0f MB  %5.0f s%n", m,
                            commitNanos / 1e6 / commits, new File(dir, "kefu.mv.db").length() / 1048576.0,
                            (System.nanoTime() - start) / 1e9);
                    commitNanos = 0;
                    commits = 0;
                }
            }
        }
    }
}
