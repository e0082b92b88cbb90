package io.kefu.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Cluster mode: checked at the start of every write transaction of a router's state (messages, conversations), in
 * that transaction. It throws when this node may no longer write (it lost its lease and another node took its
 * shops over), and it holds what it read until the commit, so that the node taking over waits for writes already
 * under way. On one node there is no fence ({@link #NONE}) and writes stay single auto-committed statements.
 */
@FunctionalInterface
public interface WriteFence {
    WriteFence NONE = c -> { };

    /** Throws (an {@code overloaded} {@code KefuException}) when this node may no longer write. Store threads only. */
    void check(Connection c) throws SQLException;

    /** Throws when the write may no longer commit; called just before the commit. */
    default void beforeCommit() {
    }
}
