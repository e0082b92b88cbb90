package io.kefu.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
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
 * <p>So, when the last process did not close the database (its journal is still there), every such entry is put
 * back to its committed value (removed when it had none), as H2's rollback would. An acknowledged message among them
 * is not lost: it is in the journal, replayed next.
 *
 * <p>Where to look: an entry is written to the file only while its transaction is open, and the B-tree is copied on
 * write, so a page that holds a leftover, and every page above it, is in a chunk written after the transaction's
 * first write, at most the longest transaction before the crash. The walk goes down only into pages of chunks
 * written in that window (and pages not yet written), so it reads what the last minutes changed, not the whole
 * file.
 *
 * <p>Only for an embedded H2 database that nothing else uses yet: a transaction that begins while this runs would
 * be taken for a dead one.
 */
final class H2Leftovers {
    /** Longer than any transaction of the server lasts (they take milliseconds; the store timeout is seconds). */
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(H2Leftovers.class);
    /** An operation id is the transaction id above the undo log id's 40 bits ({@code Transaction.LOG_ID_BITS}). */
    private static final int LOG_ID_BITS = 40;

    /** How many entries were rolled back, and how many pages were read to find them. */
    record Result(int entries, int pages) {
    }

    private H2Leftovers() {
    }

    /**
     * Rolls back every entry left by a transaction that is not open, in every table of the embedded H2 database
     * behind {@code c}, looking at the chunks written in the {@code window} before the last one written before
     * {@code openedAtMillis} (when this process opened the database). Nothing for any other database.
     */
    static Result rollBack(Connection c, long openedAtMillis, Duration window) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return new Result(0, 0);
        }
        org.h2.engine.Database database = session.getDatabase();
        MVStore store = database.getStore().getMvStore();
        if (store.getFileStore() == null) {
            return new Result(0, 0);
        }
        BitSet open = new BitSet();
        for (Transaction t : database.getStore().getTransactionStore().getOpenTransactions()) {
            open.set(t.getId());
        }
        MVStore.TxCounter pinned = store.registerVersionUsage(); // the chunks walked are not freed meanwhile
        try {
            BitSet recent = recentChunks(store, openedAtMillis, window);
            Map<MVMap<?, ?>, Boolean> seen = new IdentityHashMap<>();
            int entries = 0;
            int pages = 0;
            for (Table table : database.getAllTablesAndViews()) {
                if (!(table instanceof MVTable)) {
                    continue;
                }
                int inTable = 0;
                for (Index index : table.getIndexes()) {
                    if (index instanceof MVIndex<?, ?> mv && seen.put(mv.getMVMap(), Boolean.TRUE) == null) {
                        Walk<?, ?> walk = new Walk<>(mv.getMVMap(), open, recent);
                        inTable += walk.rollBack();
                        pages += walk.pages;
                    }
                }
                if (inTable > 0) {
                    log.warn("H2 left {} entry(ies) of transactions that died while committing in table {}; "
                            + "rolled back", inTable, table.getName());
                }
                entries += inTable;
            }
            return new Result(entries, pages);
        } finally {
            store.deregisterVersionUsage(pinned);
        }
    }

    /**
     * The chunks written from {@code window} before the last chunk written before {@code openedAtMillis} on (those
     * this process wrote since included). Chunk times count from the file's creation.
     */
    private static BitSet recentChunks(MVStore store, long openedAtMillis, Duration window) {
        long opened = openedAtMillis - store.getFileStore().getCreationTime();
        Map<Integer, Long> times = new HashMap<>();
        long last = Long.MIN_VALUE;
        for (Map.Entry<String, String> e : store.getLayoutMap().entrySet()) {
            if (!e.getKey().startsWith(DataUtils.META_CHUNK)) {
                continue;
            }
            Map<String, String> chunk = DataUtils.parseMap(e.getValue());
            int id = (int) DataUtils.readHexLong(chunk, "chunk", -1);
            long time = DataUtils.readHexLong(chunk, "time", 0);
            times.put(id, time);
            if (time < opened) {
                last = Math.max(last, time);
            }
        }
        BitSet recent = new BitSet();
        long from = last == Long.MIN_VALUE ? Long.MIN_VALUE : last - window.toMillis();
        times.forEach((id, time) -> {
            if (id >= 0 && time >= from) {
                recent.set(id);
            }
        });
        return recent;
    }

    /** One map's walk: down the pages of recent chunks, collecting the leftovers of its leaves, then fixing them. */
    private static final class Walk<K, V> {
        private final MVMap<K, VersionedValue<V>> map;
        private final BitSet open;
        private final BitSet recent;
        private final List<K> keys = new ArrayList<>();
        private final List<V> committed = new ArrayList<>();
        private int pages;

        Walk(MVMap<K, VersionedValue<V>> map, BitSet open, BitSet recent) {
            this.map = map;
            this.open = open;
            this.recent = recent;
        }

        int rollBack() {
            visit(map.getRootPage());
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

        private void visit(Page<K, VersionedValue<V>> page) {
            pages++;
            if (page.isLeaf()) {
                for (int i = 0; i < page.getKeyCount(); i++) {
                    VersionedValue<V> value = page.getValue(i);
                    long operation = value.getOperationId();
                    if (operation != 0 && !open.get((int) (operation >>> LOG_ID_BITS))) {
                        keys.add(page.getKey(i));
                        committed.add(value.getCommittedValue());
                    }
                }
                return;
            }
            for (int i = 0; i < page.getRawChildPageCount(); i++) {
                long pos = page.getChildPagePos(i);
                if (!DataUtils.isPageSaved(pos) || recent.get(DataUtils.getPageChunkId(pos))) {
                    visit(page.getChildPage(i));
                }
            }
        }
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
