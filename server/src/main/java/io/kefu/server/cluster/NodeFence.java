package io.kefu.server.cluster;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.WriteFence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's fence in PostgreSQL (table {@code cluster_nodes}): the token of its current lease. Every write of a
 * router's state checks, in its own transaction, that the row still holds this token, and keeps a key-share lock on
 * the row until it commits. A node taking over a dead node's shops first clears that node's token under an update
 * lock, which waits for the dead node's writes already under way; from then on its late writes are refused. So the
 * new owner loads the shops only after the last write of the old one, and no write of the old one lands after.
 *
 * <p>{@link #check} runs on store threads; {@link #register} and {@link #revoke} on the cluster thread (blocking JDBC is
 * fine there). Thread-safe.
 */
final class NodeFence implements WriteFence {
    private static final Logger log = LoggerFactory.getLogger(NodeFence.class);
    private static final KefuException FENCED = new KefuException(ErrorCode.OVERLOADED,
            "this node no longer holds its cluster lease, so it may not write; retry (another node serves the shop)");

    private final DataSource db;
    private final int node;
    private volatile String token;
    /** Whether this node's lease is surely alive now: no write may commit without it. */
    private volatile java.util.function.BooleanSupplier leaseValid = () -> false;

    NodeFence(DataSource db, int node) {
        this.db = db;
        this.node = node;
    }

    /** Writes {@code token} as this node's fence (a new lease); writes check it from now on. Blocks. */
    void register(String token, long now) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_nodes (node_id, token, registered_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET token = EXCLUDED.token,"
                    + " registered_at = EXCLUDED.registered_at")) {
                ps.setInt(1, node);
                ps.setString(2, token);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write node " + node + "'s fence to the database: " + e.getMessage(),
                    e);
        }
        this.token = token;
    }

    void leaseFrom(java.util.function.BooleanSupplier valid) {
        this.leaseValid = valid;
    }

    /** This node lost its lease: every write from now on is refused until it takes a new one. */
    void drop() {
        token = null;
    }

    /**
     * Clears dead node {@code other}'s fence before its shops are taken over: the token it was last seen with, or,
     * when none was seen, whatever it registered more than {@code staleBefore} (epoch ms) ago. Waits for its writes
     * under way. Blocks; returns whether a fence was cleared.
     */
    boolean revoke(String other, String lastToken, long staleBefore) {
        int id = Integer.parseInt(other);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                String current = null;
                long registeredAt = Long.MAX_VALUE;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT token, registered_at FROM cluster_nodes WHERE node_id = ? FOR UPDATE")) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            current = rs.getString(1);
                            registeredAt = rs.getLong(2);
                        }
                    }
                }
                boolean clear = current != null
                        && (lastToken != null ? current.equals(lastToken) : registeredAt < staleBefore);
                if (clear) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE cluster_nodes SET token = NULL WHERE node_id = ?")) {
                        ps.setInt(1, id);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                if (clear) {
                    log.info("fenced off node {}: its late writes are refused", other);
                }
                return clear;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fence off node " + other + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void check(Connection c) throws SQLException {
        String mine = token;
        if (mine == null || !leaseValid.getAsBoolean()) {
            throw FENCED;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT token FROM cluster_nodes WHERE node_id = ? FOR KEY SHARE")) {
            ps.setInt(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !mine.equals(rs.getString(1))) {
                    throw FENCED;
                }
            }
        }
        // The router this write is for may have stopped while the write waited (for a connection, say); this node
        // may even hold a new lease by now, which the token check above would let pass.
        if (io.kefu.server.store.WriteGuard.retired()) {
            throw FENCED;
        }
    }

    /**
     * Checked again just before the commit: a write that took long (a slow database) must not commit after this
     * node's lease may have run out, when another node may be loading the shop.
     */
    @Override
    public void beforeCommit() {
        if (token == null || !leaseValid.getAsBoolean() || io.kefu.server.store.WriteGuard.retired()) {
            throw FENCED;
        }
    }
}
