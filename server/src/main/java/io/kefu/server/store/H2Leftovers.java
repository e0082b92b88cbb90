package io.kefu.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.db.MVDelegateIndex;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVSecondaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.Transaction;
import org.h2.result.SearchRow;
import org.h2.table.Table;
import org.h2.value.Value;
import org.h2.value.ValueNull;
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

    /**
     * How long before the last chunk written the walk for index entries out of step with their rows looks: the
     * skew is in the pages of the last store (see {@link TableRepair#mendIndexes}); the margin is for the chunks
     * H2 writes right after it (its own metadata) and for a store that took long. Every row and index entry in
     * those pages is looked up: 1M messages' worth, all in the window, took a minute.
     */
    static final Duration SKEW_WINDOW = Duration.ofSeconds(2);

    /**
     * How many entries were rolled back, how many index entries were out of step with their committed rows and
     * mended, and how many pages were read to find them.
     */
    record Result(int entries, int mended, int pages) {
    }

    private H2Leftovers() {
    }

    /**
     * Rolls back every entry left by a transaction that is not open, in every table of the embedded H2 database
     * behind {@code c}, looking at the chunks written in the {@code window} before the last one written before
     * {@code openedAtMillis} (when this process opened the database). Nothing for any other database.
     */
    static Result rollBack(Connection c, long openedAtMillis, Duration window) throws SQLException {
        return rollBack(c, openedAtMillis, window, window.compareTo(SKEW_WINDOW) < 0 ? window : SKEW_WINDOW);
    }

    /**
     * {@link #rollBack(Connection, long, Duration)}, mending index entries on the pages of the chunks written in
     * {@code skewWindow} before the last one (a negative window: none, only the pages not yet written).
     */
    static Result rollBack(Connection c, long openedAtMillis, Duration window, Duration skewWindow)
            throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return new Result(0, 0, 0);
        }
        org.h2.engine.Database database = session.getDatabase();
        MVStore store = database.getStore().getMvStore();
        if (store.getFileStore() == null) {
            return new Result(0, 0, 0);
        }
        BitSet open = new BitSet();
        for (Transaction t : database.getStore().getTransactionStore().getOpenTransactions()) {
            open.set(t.getId());
        }
        MVStore.TxCounter pinned = store.registerVersionUsage(); // the chunks walked are not freed meanwhile
        try {
            Recent recent = recentChunks(store, openedAtMillis, window);
            Recent last = recentChunks(store, openedAtMillis, skewWindow);
            int entries = 0;
            int mended = 0;
            int pages = 0;
            for (Table table : database.getAllTablesAndViews()) {
                if (table instanceof MVTable mvTable) {
                    TableRepair repair = new TableRepair(mvTable, open, recent);
                    int inTable = repair.run();
                    if (inTable > 0) {
                        log.warn("H2 left {} entry(ies) of transactions that died while committing in table {}; "
                                + "rolled back", inTable, table.getName());
                    }
                    int mendedInTable = repair.mendIndexes(last);
                    if (mendedInTable > 0) {
                        log.warn("H2 left {} index entry(ies) out of step with the committed rows of table {}; "
                                + "mended", mendedInTable, table.getName());
                    }
                    pages += repair.pages;
                    entries += inTable;
                    mended += mendedInTable;
                }
            }
            return new Result(entries, mended, pages);
        } finally {
            store.deregisterVersionUsage(pinned);
        }
    }

    /**
     * The chunks a walk goes down into. Named by the older ones it leaves out, so that a chunk H2's background
     * writer stores after the listing (holding pages that were not yet written when it was taken) is walked too.
     */
    record Recent(BitSet older) {
        boolean contains(int chunk) {
            return !older.get(chunk);
        }
    }

    /**
     * The chunks written from {@code window} before the last chunk written before {@code openedAtMillis} on (those
     * this process wrote since included). Chunk times count from the file's creation.
     */
    static Recent recentChunks(MVStore store, long openedAtMillis, Duration window) {
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
        BitSet older = new BitSet();
        long from = last == Long.MIN_VALUE ? Long.MIN_VALUE : last - window.toMillis();
        times.forEach((id, time) -> {
            if (id >= 0 && time < from) {
                older.set(id);
            }
        });
        return new Recent(older);
    }

    /**
     * One table: finds the leftovers in its row map and in each of its indexes, then settles each row they touch as
     * a whole. The row map decides: a leftover row goes back to its committed version (or away); a committed row
     * stays. Then every index entry of that row that does not match the settled row goes, and the one that does is
     * there and committed, whichever of them the dead transaction had left half done.
     */
    private static final class TableRepair {
        private final MVMap<Long, VersionedValue<SearchRow>> rows;
        private final List<MVSecondaryIndex> indexes = new ArrayList<>();
        private final BitSet open;
        private final Recent recent;
        /** Row key to the row a leftover in the row map would have written (null: a delete), for each such row. */
        private final Map<Long, SearchRow> written = new HashMap<>();
        /** For each index (same order as {@link #indexes}): its leftover entries. */
        private final List<List<SearchRow>> leftIndexEntries = new ArrayList<>();
        private final Set<Long> touched = new HashSet<>();
        private int entries;
        int pages;

        TableRepair(MVTable table, BitSet open, Recent recent) {
            this.rows = ((MVPrimaryIndex) table.getScanIndex(null)).getMVMap();
            for (Index index : table.getIndexes()) {
                if (index instanceof MVSecondaryIndex secondary) {
                    indexes.add(secondary);
                } else if (!(index instanceof MVPrimaryIndex) && !(index instanceof MVDelegateIndex)) {
                    log.warn("H2 leftovers: index {} of table {} ({}) is not looked at", index.getName(),
                            table.getName(), index.getClass().getSimpleName());
                }
            }
            this.open = open;
            this.recent = recent;
        }

        int run() {
            visit(rows.getRootPage(), (key, value) -> {
                written.put(key, value.getCurrentValue());
                touched.add(key);
            });
            for (MVSecondaryIndex index : indexes) {
                List<SearchRow> left = new ArrayList<>();
                visit(index.getMVMap().getRootPage(), (key, value) -> {
                    left.add(key);
                    touched.add(key.getKey());
                });
                leftIndexEntries.add(left);
            }
            if (entries == 0) {
                return 0;
            }
            Map<Long, SearchRow> settled = new HashMap<>();
            for (Long key : touched) {
                VersionedValue<SearchRow> value = rows.get(key);
                SearchRow row = value == null ? null
                        : written.containsKey(key) ? value.getCommittedValue() : value.getCurrentValue();
                if (written.containsKey(key)) {
                    if (row == null) {
                        rows.remove(key);
                    } else {
                        rows.put(key, committedValue(row));
                    }
                }
                if (row != null) {
                    settled.put(key, row);
                }
            }
            for (int i = 0; i < indexes.size(); i++) {
                settleIndex(indexes.get(i), leftIndexEntries.get(i), settled);
            }
            return entries;
        }

        private void settleIndex(MVSecondaryIndex index, List<SearchRow> left, Map<Long, SearchRow> settled) {
            MVMap<SearchRow, VersionedValue<Value>> map = index.getMVMap();
            List<SearchRow> candidates = new ArrayList<>(left);
            written.forEach((key, row) -> {
                if (row != null) {
                    candidates.add(keyOf(index, key, row));
                }
            });
            Map<Long, SearchRow> wanted = new HashMap<>();
            settled.forEach((key, row) -> wanted.put(key, keyOf(index, key, row)));
            for (SearchRow candidate : candidates) {
                SearchRow keep = wanted.get(candidate.getKey());
                if (keep == null || map.getKeyType().compare(candidate, keep) != 0) {
                    map.remove(candidate);
                }
            }
            for (SearchRow keep : wanted.values()) {
                map.put(keep, H2Leftovers.<Value>committedValue(ValueNull.INSTANCE));
            }
        }

        /**
         * Makes the indexes match the committed rows where the last store may have taken them apart: removes an
         * index entry whose row is gone or says otherwise, adds the entry a committed row lacks (and then removes the
         * row's other entries in that index: those of its values before an update). Returns how many entries it
         * changed.
         *
         * <p>H2 takes each map's root for a store one map after the other while writers go on, so a row inserted
         * and committed between the two can be in the index's stored tree and not in the row map's (or the other
         * way round), both committed: nothing for {@link #run} to find. The next store takes both again, so only
         * the last store before the crash can leave such a skew, and its entries are on that store's pages: the
         * walk looks at the pages of the chunks in {@code last} only. Seen in the crash test: the journal's replay
         * of an acknowledged message found its row absent and its client message id taken, by an index entry
         * with no row, and the server could not start.
         *
         * <p>An index with more than a thousand entries out of step, more than half of those looked at, is left as
         * it is with an error in the log: that is not one store's skew but a disagreement of this code with H2's
         * (a new H2 version, an index kind it does not know), and mending would take the index apart.
         */
        int mendIndexes(Recent last) {
            List<Map.Entry<Long, SearchRow>> committed = new ArrayList<>();
            visitAll(rows.getRootPage(), last, (key, value) -> {
                if (value.getOperationId() == 0 && value.getCurrentValue() != null) {
                    committed.add(Map.entry(key, value.getCurrentValue()));
                }
            });
            int mended = 0;
            for (MVSecondaryIndex index : indexes) {
                MVMap<SearchRow, VersionedValue<Value>> map = index.getMVMap();
                List<SearchRow> stale = new ArrayList<>();
                int[] walked = {0};
                visitAll(map.getRootPage(), last, (entry, value) -> {
                    walked[0]++;
                    if (value.getOperationId() == 0 && !matchesItsRow(index, entry)) {
                        stale.add(entry);
                    }
                });
                List<SearchRow> missing = new ArrayList<>();
                for (Map.Entry<Long, SearchRow> row : committed) {
                    SearchRow entry = keyOf(index, row.getKey(), row.getValue());
                    if (map.get(entry) == null) {
                        missing.add(entry);
                    }
                }
                if (implausible(stale.size(), walked[0]) || implausible(missing.size(), committed.size())) {
                    // One store's skew is a batch or two; most of an index out of step is a mismatch of this code
                    // with H2's, and mending would take the index apart.
                    log.error("H2 index {}: {} of {} entries walked do not match their rows and {} of {} rows lack "
                            + "their entry; not mended", index.getName(), stale.size(), walked[0], missing.size(),
                            committed.size());
                    continue;
                }
                for (SearchRow entry : stale) {
                    map.remove(entry);
                    SearchRow row = currentRow(entry.getKey());
                    log.warn("H2 index {}: entry for row {} removed, its row is {}", index.getName(), entry.getKey(),
                            row == null ? "gone" : "different");
                    if (row != null) {
                        missing.add(keyOf(index, entry.getKey(), row));
                    }
                }
                mended += stale.size();
                Set<Long> lacking = new HashSet<>();
                for (SearchRow entry : missing) {
                    if (map.get(entry) == null) {
                        map.put(entry, H2Leftovers.<Value>committedValue(ValueNull.INSTANCE));
                        log.warn("H2 index {}: entry for row {} added, it had none", index.getName(), entry.getKey());
                        lacking.add(entry.getKey());
                        mended++;
                    }
                }
                mended += removeOthersOf(index, lacking);
            }
            return mended;
        }

        /** More than a thousand, and more than half of them: not what one store's skew leaves. */
        private static boolean implausible(int outOfStep, int of) {
            return outOfStep > 1_000 && outOfStep * 2 > of;
        }

        /**
         * A row that lacked its entry in {@code index} was changed by the last store's transaction, whose entry for
         * the row's old values may still be there, on a page the walk did not read: one pass over the whole index
         * (only when such a row was found) removes every entry of those rows that does not match them.
         */
        private int removeOthersOf(MVSecondaryIndex index, Set<Long> rowKeys) {
            if (rowKeys.isEmpty()) {
                return 0;
            }
            MVMap<SearchRow, VersionedValue<Value>> map = index.getMVMap();
            List<SearchRow> stale = new ArrayList<>();
            for (java.util.Iterator<SearchRow> it = map.keyIterator(null); it.hasNext(); ) {
                SearchRow entry = it.next();
                if (rowKeys.contains(entry.getKey()) && !matchesItsRow(index, entry)) {
                    stale.add(entry);
                }
            }
            for (SearchRow entry : stale) {
                map.remove(entry);
                log.warn("H2 index {}: entry for row {} removed, the row's values changed", index.getName(),
                        entry.getKey());
            }
            return stale.size();
        }

        /** Whether the row map holds the committed row an index entry points at, with the entry's values. */
        private boolean matchesItsRow(MVSecondaryIndex index, SearchRow entry) {
            SearchRow row = currentRow(entry.getKey());
            return row != null && index.getMVMap().getKeyType().compare(entry, keyOf(index, entry.getKey(), row)) == 0;
        }

        /** The row map's row of {@code key} as it stands (committed, once {@link #run} settled the leftovers), or null. */
        private SearchRow currentRow(long key) {
            VersionedValue<SearchRow> value = rows.get(key);
            return value == null ? null : value.getCurrentValue();
        }

        /** Down the pages of the chunks in {@code chunks} (and pages not yet written), every entry to {@code found}. */
        private <K, V> void visitAll(Page<K, VersionedValue<V>> page, Recent chunks,
                                     BiConsumer<K, VersionedValue<V>> found) {
            pages++;
            if (page.isLeaf()) {
                for (int i = 0; i < page.getKeyCount(); i++) {
                    found.accept(page.getKey(i), page.getValue(i));
                }
                return;
            }
            for (int i = 0; i < page.getRawChildPageCount(); i++) {
                long pos = page.getChildPagePos(i);
                if (!DataUtils.isPageSaved(pos) || chunks.contains(DataUtils.getPageChunkId(pos))) {
                    visitAll(page.getChildPage(i), chunks, found);
                }
            }
        }

        /** The index entry of a row; a row as the row map holds it does not carry its key, the map's key is it. */
        private static SearchRow keyOf(MVSecondaryIndex index, long rowKey, SearchRow row) {
            SearchRow entry = index.getRowFactory().createRow();
            entry.copyFrom(row);
            entry.setKey(rowKey);
            return entry;
        }

        /** Down the pages of recent chunks (and pages not yet written), handing each leftover to {@code found}. */
        private <K, V> void visit(Page<K, VersionedValue<V>> page, BiConsumer<K, VersionedValue<V>> found) {
            visitAll(page, recent, (key, value) -> {
                long operation = value.getOperationId();
                if (operation != 0 && !open.get((int) (operation >>> LOG_ID_BITS))) {
                    entries++;
                    found.accept(key, value);
                }
            });
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
