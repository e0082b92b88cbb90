package io.kefu.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;

/**
 * The JDBC plumbing the repositories share: connections, transactions, parameter binding, row
 * mapping, and wrapping {@link SQLException} into {@link StoreException}. Runs on the caller's (store)
 * thread.
 *
 * <p>Every write is on disk when its method returns. PostgreSQL's commit is; an H2 file database runs
 * with a write delay (see {@link Database}), so on H2 each write is followed by {@code CHECKPOINT},
 * which writes the committed changes to the file, and a wait for any write of them H2 had already started
 * on its own threads, before the caller acknowledges anything. Message batches on an H2 file are the
 * exception: {@link MessageJournal} makes them durable instead.
 */
final class Jdbc {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    /** Whether writes need a {@code CHECKPOINT}: known from the first connection (null until then). */
    private volatile Boolean checkpointAfterWrite;
    private volatile WriteFence fence = WriteFence.NONE;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether writes check a fence (cluster mode), so that they need a transaction of their own. */
    boolean fenced() {
        return fence != WriteFence.NONE;
    }

    /** Cluster mode: every write from now on checks {@code fence} first, in its transaction. */
    void fenceWith(WriteFence fence) {
        this.fence = fence;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        return inTransaction(what, work, true);
    }

    /**
     * {@link #inTransaction(String, Work)}; with {@code durable} false, an H2 commit is left to H2's background
     * writer (no {@code CHECKPOINT}): for a caller that makes the change durable itself ({@link MessageJournal}).
     */
    <T> T inTransaction(String what, Work<T> work, boolean durable) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                fence.check(c);
                T result = work.run(c);
                fence.beforeCommit();
                c.commit();
                if (durable) {
                    makeDurable(c);
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** Runs {@code work} on one auto-commit connection. */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(what, c -> query(c, sql, mapper, params));
    }

    <T> Optional<T> queryOne(String what, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(what, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** One auto-committed write, on disk when this returns (with a fence: one transaction, the fence checked first). */
    int update(String what, String sql, Object... params) {
        if (fence != WriteFence.NONE) {
            return inTransaction(what, c -> update(c, sql, params));
        }
        return withConnection(what, c -> {
            int rows = update(c, sql, params);
            makeDurable(c);
            return rows;
        });
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Binds by position; {@code null} binds an untyped NULL, which both databases accept. */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    /** A nullable BIGINT column as a long, 0 for NULL (the records' "not yet"). */
    static long longOrZero(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? 0 : v;
    }

    /** The records' "0 = not yet" as the column's NULL. */
    static Long zeroAsNull(long v) {
        return v == 0 ? null : v;
    }

    /** Puts what {@code c} committed on disk: nothing to do on PostgreSQL, whose commit is durable. */
    void makeDurable(Connection c) throws SQLException {
        Boolean checkpoint = checkpointAfterWrite;
        if (checkpoint == null) {
            checkpoint = "H2".equals(c.getMetaData().getDatabaseProductName());
            checkpointAfterWrite = checkpoint;
        }
        if (checkpoint) {
            checkpointH2(c);
        }
    }

    /** H2: {@link #checkpointH2} on a connection of the pool. */
    void checkpoint(String what) {
        withConnection(what, c -> {
            checkpointH2(c);
            return null;
        });
    }

    /** H2: writes every change committed so far to the file, and returns once it is there. */
    static void checkpointH2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        awaitPendingH2Writes(c);
    }

    /** The file of an embedded H2 file database ({@code .../name.mv.db}), empty for any other database. */
    static Optional<Path> h2File(Connection c) throws SQLException {
        FileStore<?> file = h2FileStore(c);
        return file == null ? Optional.empty() : Optional.of(Path.of(file.getFileName()));
    }

    private static FileStore<?> h2FileStore(Connection c) throws SQLException {
        if (c.isWrapperFor(JdbcConnection.class)
                && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            return session.getDatabase().getStore().getMvStore().getFileStore();
        }
        return null;
    }

    /**
     * Waits until every write H2 has started to its file is in the file. {@code CHECKPOINT} alone is not
     * enough: it stores only changes not yet serialised, and H2's background writer (or another connection
     * short of unsaved memory) may have taken this transaction's changes a moment before. That store
     * serialises the pages on one H2 thread and writes them to the file on another, without waiting; once
     * serialised they count as saved, so {@code CHECKPOINT} returned at once while the chunk was still
     * queued for the file, and a crash after {@code ok} lost the acknowledged batch (seen in the crash test;
     * reproduced in {@code H2FileTest}). Both H2 threads are single-thread executors;
     * {@code executeFileStoreOperation} waits for both to drain. Embedded (file) databases only: a remote H2
     * server writes on its own side, and an in-memory one has no file.
     */
    private static void awaitPendingH2Writes(Connection c) throws SQLException {
        FileStore<?> file = h2FileStore(c);
        if (file != null) {
            file.executeFileStoreOperation(() -> { });
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
