package io.kefu.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.Transaction;
import org.h2.table.Table;
import org.h2.value.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls back what H2 left of transactions that died with the process while they committed.
 *
 * <p>H2 (2.3) stores its maps one after the other while other threads go on, so a store taken while a transaction
 * commits can hold that transaction's table and index entries still marked uncommitted and its undo log already
 * cleared. After a {@code kill -9} the file opens with those entries owned by a transaction that no longer exists:
 * invisible to reads, but a unique index check takes them for a concurrent writer and waits for it until the lock
 * timeout, every time. Seen in the crash test: the message journal's replay of an acknowledged message failed on
 * the message's own keys, and the server could not start. H2 itself rolls such an entry back only when a write hits
 * the same key, which an insert with a new row id never does; and a session that happens to get the dead
 * transaction's id sees them as its own.
 *
 * <p>So, when the last process did not close the database (its journal is still there), every entry of every table
 * and index whose transaction is not open is put back to its committed value (removed when it had none), as H2's
 * rollback would. That costs a read of every table once, and only after a crash. An acknowledged message among them
 * is not lost: it is in the journal, replayed next.
 *
 * <p>Only for an embedded H2 database that nothing else uses yet: a transaction that begins while this runs would
 * be taken for a dead one.
 */
final class H2Leftovers {
    private static final Logger log = LoggerFactory.getLogger(H2Leftovers.class);
    /** An operation id is the transaction id above the undo log id's 40 bits ({@code Transaction.LOG_ID_BITS}). */
    private static final int LOG_ID_BITS = 40;

    private H2Leftovers() {
    }

    /**
     * Rolls back every entry left by a transaction that is not open, in every table of the embedded H2 database
     * behind {@code c}; returns how many. Nothing for any other database.
     */
    static int rollBack(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return 0;
        }
        org.h2.engine.Database database = session.getDatabase();
        BitSet open = new BitSet();
        for (Transaction t : database.getStore().getTransactionStore().getOpenTransactions()) {
            open.set(t.getId());
        }
        Map<MVMap<?, ?>, Boolean> seen = new IdentityHashMap<>();
        int total = 0;
        for (Table table : database.getAllTablesAndViews()) {
            if (!(table instanceof MVTable)) {
                continue;
            }
            int rows = 0;
            for (Index index : table.getIndexes()) {
                if (index instanceof MVIndex<?, ?> mv && seen.put(mv.getMVMap(), Boolean.TRUE) == null) {
                    rows += rollBack(mv.getMVMap(), open);
                }
            }
            if (rows > 0) {
                log.warn("H2 left {} entry(ies) of transactions that died while committing in table {}; "
                        + "rolled back", rows, table.getName());
            }
            total += rows;
        }
        return total;
    }

    private static <K, V> int rollBack(MVMap<K, VersionedValue<V>> map, BitSet open) {
        List<K> keys = new ArrayList<>();
        List<V> committed = new ArrayList<>();
        for (Cursor<K, VersionedValue<V>> it = map.cursor(null); it.hasNext(); ) {
            K key = it.next();
            VersionedValue<V> value = it.getValue();
            long operation = value.getOperationId();
            if (operation != 0 && !open.get((int) (operation >>> LOG_ID_BITS))) {
                keys.add(key);
                committed.add(value.getCommittedValue());
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            V value = committed.get(i);
            if (value == null) {
                map.remove(keys.get(i));
            } else {
                map.put(keys.get(i), committedValue(value));
            }
        }
        return keys.size();
    }

    /** A committed value as H2 stores it: its values are their own committed versions (see VersionedValue). */
    @SuppressWarnings("unchecked")
    private static <V> VersionedValue<V> committedValue(V value) {
        if (value instanceof VersionedValue<?> versioned && versioned.getOperationId() == 0) {
            return (VersionedValue<V>) versioned;
        }
        throw new IllegalStateException("an H2 value that is not its own committed version: " + value.getClass());
    }
}
