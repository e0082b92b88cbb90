package io.kefu.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a HikariCP pool (named {@value #POOL_NAME}) over H2 or PostgreSQL, migrated by Flyway
 * from {@code classpath:db/migration} when it is opened. Built once in {@code KefuServer}, closed last
 * at shutdown (after the writers that use it have drained).
 *
 * <p>The default, embedded database is an H2 file; use {@link #DEFAULT_H2_URL}:
 * <pre>jdbc:h2:file:./data/kefu;WRITE_DELAY=100;RETENTION_TIME=2000;FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE</pre>
 * <ul>
 *   <li>Durability: H2 keeps committed changes in memory until its background thread writes them, so
 *       on its own a crash loses commits already acknowledged. Message batches are therefore appended to
 *       a {@link MessageJournal} beside the file after their commit, and that journal is replayed when
 *       the database is opened (after {@link H2Leftovers} has rolled back what H2 left of transactions
 *       that died while committing); every other write is followed by {@code CHECKPOINT} and a wait for H2's
 *       own pending writes ({@code Jdbc}), before the server answers {@code ok}. Neither fsyncs: a commit
 *       survives a crash of the process, not a power failure or an OS crash. Use PostgreSQL where that
 *       matters.</li>
 *   <li>{@code WRITE_DELAY=100}, not 0: with 0 H2 writes on every commit itself but runs no background
 *       thread, and that thread is what frees and compacts old chunks. Every commit writes a new chunk
 *       of whole B-tree pages (tens of KB for one 200-byte message), so without it the file grew by
 *       ~33 KB per message and never shrank (5 GB after 150,000 messages).</li>
 *   <li>{@code RETENTION_TIME=2000}: how long a chunk that is no longer used is kept before its space
 *       is reused (H2's default is 45 s, which at a few thousand commits a second is gigabytes).</li>
 *   <li>{@code FILE_LOCK=FILE} (H2's default, spelled out so nobody "fixes" it to {@code NO}): a
 *       second process that opens the same file fails with "Database may be already in use" instead of
 *       writing to it concurrently and corrupting it. {@code AUTO_SERVER=TRUE} would let a second
 *       process share it, but opens a TCP port that accepts remote connections, so it is not the
 *       default.</li>
 *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while the
 *       server's graceful drain is still committing the last messages; the server closes this
 *       object itself, last.</li>
 * </ul>
 *
 * <p>Thread-safe; {@link #dataSource()} connections are used on store threads only.
 */
public final class Database implements AutoCloseable {

    /** The settings of an H2 file URL, explained in the class comment. */
    public static final String H2_FILE_OPTIONS =
            ";WRITE_DELAY=100;RETENTION_TIME=2000;FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE";
    /** The embedded default: an H2 file under {@code ./data}; see the class comment for the settings. */
    public static final String DEFAULT_H2_URL = "jdbc:h2:file:./data/kefu" + H2_FILE_OPTIONS;
    public static final String POOL_NAME = "kefu-db";
    /** The setting the URL comes from, named in error messages. */
    static final String URL_SETTING = "KEFU_DB_URL";

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Waiting longer for a connection only hides an unreachable database from the caller. */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;
    private static final String H2_DATABASE_CLOSED = "90121";

    /** The few places where H2 and PostgreSQL SQL differ. */
    public enum Dialect { H2, POSTGRESQL }

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final MessageJournal journal;

    /**
     * Opens the pool and migrates the schema. Fails with {@link IllegalArgumentException} naming
     * {@code KEFU_DB_URL} when the URL is neither H2 nor PostgreSQL, and with
     * {@link IllegalStateException} when the database cannot be reached or migrated.
     */
    public Database(String jdbcUrl, String user, String password, int poolSize) {
        this(jdbcUrl, user, password, poolSize, 0);
    }

    /**
     * {@link #Database(String, String, String, int)}, with PostgreSQL connections that give up on a database that
     * stopped answering (frozen, or a network that drops packets) after {@code socketTimeoutSec} (0: never), so
     * the pool replaces them and service comes back without a restart once the database does.
     */
    public Database(String jdbcUrl, String user, String password, int poolSize, int socketTimeoutSec) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("database pool size must be at least 1, was " + poolSize);
        }
        this.dialect = dialectOf(jdbcUrl);
        long opened = System.currentTimeMillis();
        this.pool = openPool(jdbcUrl, user, password, poolSize, socketTimeoutSec);
        Optional<Path> h2File = dialect == Dialect.H2 ? h2File() : Optional.empty();
        h2File.ifPresent(file -> rollBackH2Leftovers(file, opened));
        try {
            migrate(jdbcUrl, user, password);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the database at " + URL_SETTING + "="
                    + redacted(jdbcUrl) + ": " + e.getMessage(), e);
        }
        this.journal = h2File.map(this::openJournal).orElse(null);
        log.info("database {} ready ({} connections, {}{})", redacted(jdbcUrl), poolSize, dialect,
                journal != null ? ", message journal" : "");
    }

    /** The file of an embedded H2 file database; empty for an in-memory or remote one. */
    private Optional<Path> h2File() {
        try (Connection c = pool.getConnection()) {
            return Jdbc.h2File(c);
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("open the H2 file", e);
        }
    }

    /**
     * When the last process to use this H2 file did not close it (its journal is still there): rolls back what H2
     * left of transactions that were committing when it died ({@link H2Leftovers}), before anything else runs.
     * Skipped when a journal of this JVM has the file open: that {@code Database} did it and is using it.
     */
    private void rollBackH2Leftovers(Path file, long openedAtMillis) {
        try (Connection c = pool.getConnection()) {
            if (!MessageJournal.leftBehind(file).isEmpty() && !MessageJournal.openInThisJvm(file)) {
                long start = System.nanoTime();
                H2Leftovers.Result r = H2Leftovers.rollBack(c, openedAtMillis, H2Leftovers.WINDOW);
                log.info("H2 file was not closed by the last process: {} leftover entry(ies) rolled back, {} index "
                        + "entry(ies) mended, {} pages read in {} ms", r.entries(), r.mended(), r.pages(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("roll back what the last process left in the H2 file", e);
        } catch (java.io.IOException e) {
            pool.close();
            throw new java.io.UncheckedIOException("cannot list the message journal beside the H2 file", e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** An H2 file database's {@link MessageJournal}, after replaying what a crashed process left in it. */
    private MessageJournal openJournal(Path file) {
        try {
            return MessageJournal.open(pool, file, MessageJournal.DEFAULT_ROTATE_BYTES);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The journal that makes message batches durable on an H2 file database; {@code null} on any other. */
    MessageJournal messageJournal() {
        return journal;
    }

    /** The dialect of a JDBC URL; the message of the exception names {@code KEFU_DB_URL}. */
    public static Dialect dialectOf(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return Dialect.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw new IllegalArgumentException(URL_SETTING + " must be an H2 (jdbc:h2:...) or PostgreSQL "
                + "(jdbc:postgresql://...) JDBC URL, was '" + redacted(jdbcUrl) + "'");
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Closes every connection. An in-memory H2 database is dropped. */
    @Override
    public void close() {
        if (pool.isClosed()) {
            return;
        }
        if (journal != null) {
            journal.close();
        }
        if (dialect == Dialect.H2 && shutdownH2() && journal != null) {
            journal.deleteAll(); // SHUTDOWN wrote every commit to the file
        }
        pool.close();
    }

    private static HikariDataSource openPool(String url, String user, String password, int poolSize,
                                             int socketTimeoutSec) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        if (dialectOf(url) == Dialect.POSTGRESQL) {
            // Turns a JDBC batch of inserts into multi-row INSERTs: the message writer's group commit
            // costs one round trip instead of one per row.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            if (socketTimeoutSec > 0) {
                config.addDataSourceProperty("socketTimeout", Integer.toString(socketTimeoutSec));
                config.addDataSourceProperty("connectTimeout", Integer.toString(socketTimeoutSec));
            }
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database at " + URL_SETTING + "="
                    + redacted(url) + ": " + rootMessage(e), e);
        }
    }

    /**
     * Flyway holds two connections at once (its lock and the migration), so it gets its own rather
     * than deadlock a pool of one. The pool is opened first: its connections keep an in-memory H2
     * database alive between Flyway's.
     */
    private static void migrate(String url, String user, String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /**
     * H2 drops an in-memory database (kept open by {@code DB_CLOSE_DELAY=-1}) and closes a file
     * database cleanly only on {@code SHUTDOWN}.
     */
    private boolean shutdownH2() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // The pool's clean-up of the connection that ran SHUTDOWN meets a closed database.
            if (!H2_DATABASE_CLOSED.equals(e.getSQLState())) {
                log.warn("H2 shutdown failed (SQLState {}); closing the pool anyway", e.getSQLState());
                return false;
            }
        }
        return true;
    }

    /** The URL without its parameters, which may hold a password. */
    static String redacted(String url) {
        if (url == null) {
            return "";
        }
        int cut = url.length();
        for (char c : new char[] {'?', ';', '&'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return cut < url.length() ? url.substring(0, cut) + "..." : url;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
