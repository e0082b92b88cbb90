package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVSecondaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.result.SearchRow;
import org.h2.value.Value;
import org.h2.value.ValueNull;
import org.h2.value.VersionedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What H2 can leave in its file when the process is killed while a transaction commits: the transaction's rows
 * written as uncommitted, and its undo log already gone (H2 stores its maps one after the other while a commit
 * runs; seen in the crash test, where the journal's replay then failed on the message's own unique keys).
 */
class H2LeftoversTest {
    private static final Party BUYER = new Party(PartyType.BUYER, "b1");

    @Test
    void rows_of_a_transaction_that_died_while_committing_do_not_block_the_replay_or_a_retry(@TempDir Path dir)
            throws Exception {
        String url = urlIn(dir);
        Path left;
        try (Database db = new Database(url, "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            store.insertBatch(List.of(msg("c1", 1, "cm1")));
            try (Connection first = inTransaction(db.dataSource())) { // so the dead one is transaction 2
                // Acknowledged (in the journal) but left half committed in H2's file: it must come back.
                leaveHalfCommitted(db.dataSource(), "c1", 2, "cm2");
                // Never acknowledged (not in the journal), left the same way: its sender retries it.
                leaveHalfCommitted(db.dataSource(), "c2", 1, "cm3");
            }
            left = deadJournal(db, dir, msg("c1", 2, "cm2"));
        }
        assertThat(left).exists();

        try (Database reopened = new Database(url, "sa", "", 2)) {
            try (Connection one = inTransaction(reopened.dataSource());
                    Connection two = inTransaction(reopened.dataSource())) { // transactions 1 and 2
                assertThat(rowsOf(one, "c1")).isEqualTo(2);
                assertThat(rowsOf(two, "c1")).isEqualTo(2);
                assertThat(rowsOf(one, "c2")).isZero();
                assertThat(rowsOf(two, "c2")).as("rows of the dead transaction 2, seen by the new one").isZero();
            }
            assertReplayedAndRetried(reopened, left);
        }
    }

    @Test
    void a_clean_start_does_not_look_for_leftovers_and_finds_none_when_asked(@TempDir Path dir) throws Exception {
        String url = urlIn(dir);
        try (Database db = new Database(url, "sa", "", 2)) {
            new JdbcMessageStore(db, new ObjectMapper()).insertBatch(List.of(msg("c1", 1, "cm1")));
        }
        try (Database db = new Database(url, "sa", "", 2); Connection c = db.dataSource().getConnection()) {
            assertThat(H2Leftovers.rollBack(c, System.currentTimeMillis(), H2Leftovers.WINDOW).entries()).isZero();
            assertThat(new JdbcMessageStore(db, new ObjectMapper()).after("c1", 0, 10)).hasSize(1);
        }
    }

    @Test
    void a_row_left_uncommitted_whose_index_entries_were_stored_committed_goes_whole_and_comes_back_from_the_journal(
            @TempDir Path dir) throws Exception {
        // The failure of H2FileTest's crash: the store took the index maps after the commit and the row map before.
        assertComesBackAfter(dir, c -> {
            leaveEntriesOf(c, "c1", 2, true, false);
            leaveEntriesOf(c, "c2", 1, true, false);
        });
    }

    @Test
    void index_entries_left_uncommitted_for_a_committed_row_are_kept(@TempDir Path dir) throws Exception {
        String url = urlIn(dir);
        try (Database db = new Database(url, "sa", "", 2)) {
            new JdbcMessageStore(db, new ObjectMapper()).insertBatch(List.of(msg("c1", 1, "cm1"), msg("c1", 2, "cm2")));
            try (Connection c = db.dataSource().getConnection()) {
                leaveEntriesOf(c, "c1", 2, false, true);
            }
            deadJournal(db, dir); // an empty journal: the last process died
        }
        try (Database reopened = new Database(url, "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(reopened, new ObjectMapper());
            assertThat(store.after("c1", 0, 10)).extracting(Msg::cmid).containsExactly("cm1", "cm2");
            assertThat(store.findCmid("c1", "b1", "cm2")).map(StoredCmid::seq).contains(2L);
            assertThat(store.lastSeq("c1")).isEqualTo(2);
            try (Connection c = reopened.dataSource().getConnection()) {
                assertThat(H2Leftovers.rollBack(c, System.currentTimeMillis(), H2Leftovers.WINDOW).entries())
                        .isZero();
            }
        }
    }

    @Test
    void index_entries_whose_row_the_last_store_missed_go_and_the_message_comes_back_from_the_journal(
            @TempDir Path dir) throws Exception {
        // CrashIT.h2File in CI: the store took the row map before an insert committed and the index maps after it,
        // all committed; the replay of the acknowledged message then met its own client message id.
        assertComesBackAfter(dir, c -> {
            removeEntriesOf(c, "c1", 2, true, "PRIMARY_KEY"); // the CI shape: absent by its seq, its cmid taken
            removeEntriesOf(c, "c2", 1, true, null);
        });
    }

    @Test
    void a_committed_row_the_last_store_took_without_its_index_entries_gets_them_back(@TempDir Path dir)
            throws Exception {
        String url = urlIn(dir);
        Path left;
        try (Database db = new Database(url, "sa", "", 2)) {
            new JdbcMessageStore(db, new ObjectMapper()).insertBatch(List.of(msg("c1", 1, "cm1"), msg("c1", 2, "cm2")));
            try (Connection c = db.dataSource().getConnection()) {
                removeEntriesOf(c, "c1", 2, false, "");
            }
            left = deadJournal(db, dir, msg("c1", 2, "cm2")); // found there by its seq: not replayed again
        }
        try (Database reopened = new Database(url, "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(reopened, new ObjectMapper());
            assertThat(store.after("c1", 0, 10)).extracting(Msg::cmid).containsExactly("cm1", "cm2");
            assertThat(store.findCmid("c1", "b1", "cm2")).map(StoredCmid::seq).contains(2L);
            assertThat(store.lastSeq("c1")).isEqualTo(2);
            try (Connection c = reopened.dataSource().getConnection()) {
                assertThat(rowsScanned(c)).as("rows, read without an index").isEqualTo(2);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.insertBatch(List.of(msg("c1", 2, "cm9"))))
                    .isInstanceOf(StoreException.class).matches(e -> ((StoreException) e).isUniqueViolation());
            assertThat(left).doesNotExist();
            try (Connection c = reopened.dataSource().getConnection()) {
                H2Leftovers.Result again = H2Leftovers.rollBack(c, System.currentTimeMillis(), H2Leftovers.WINDOW);
                assertThat(again.entries()).isZero();
                assertThat(again.mended()).isZero();
            }
        }
    }

    @Test
    void an_update_the_last_store_took_in_the_row_and_not_in_the_unique_index_is_mended(@TempDir Path dir)
            throws Exception {
        String url = urlIn(dir);
        try (Database db = new Database(url, "sa", "", 2)) {
            try (Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE TABLE skew (id INT PRIMARY KEY, v VARCHAR(8) NOT NULL UNIQUE)");
                s.execute("INSERT INTO skew VALUES (1, 'old'), (2, 'other')");
                s.execute("UPDATE skew SET v = 'new' WHERE id = 1");
                // the index as the store took it before the update: the entry of 'old', none of 'new'
                SessionLocal session = (SessionLocal) unwrapSession(c);
                MVTable table = (MVTable) session.getDatabase().getSchema("PUBLIC").findTableOrView(session, "SKEW");
                MVSecondaryIndex unique = table.getIndexes().stream().filter(i -> i instanceof MVSecondaryIndex)
                        .map(MVSecondaryIndex.class::cast).findFirst().orElseThrow();
                SearchRow entry = unique.getRowFactory().createRow();
                entry.setValue(1, org.h2.value.ValueVarchar.get("new"));
                entry.setKey(1);
                assertThat(unique.getMVMap().remove(entry)).isNotNull();
                entry = unique.getRowFactory().createRow();
                entry.setValue(1, org.h2.value.ValueVarchar.get("old"));
                entry.setKey(1);
                unique.getMVMap().put(entry, committed(ValueNull.INSTANCE));
            }
            deadJournal(db, dir);
        }
        try (Database reopened = new Database(url, "sa", "", 2);
                Connection c = reopened.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM skew WHERE v = 'new'")) {
                assertThat(rs.next()).as("found by its new value").isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.executeUpdate("INSERT INTO skew VALUES (3, 'old')")).as("its old value is free").isEqualTo(1);
        }
    }

    @Test
    void an_updated_row_without_its_entry_loses_the_entry_of_its_old_values_on_a_page_the_walk_skips(
            @TempDir Path dir) throws Exception {
        String url = urlIn(dir).replace("WRITE_DELAY=100", "WRITE_DELAY=0"); // chunks only at the checkpoints
        try (Database db = new Database(url, "sa", "", 2);
                Connection c = db.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE skew (id INT PRIMARY KEY, v VARCHAR(16) NOT NULL UNIQUE)");
            s.execute("INSERT INTO skew SELECT x, 'v' || x FROM SYSTEM_RANGE(1, 5000)");
            Jdbc.checkpointH2(c);
            // the update of row 1 to 'new' as the last store took it: in the row map, not in the index
            SessionLocal session = (SessionLocal) unwrapSession(c);
            MVTable table = (MVTable) session.getDatabase().getSchema("PUBLIC").findTableOrView(session, "SKEW");
            MVMap<Long, VersionedValue<SearchRow>> rows = ((MVPrimaryIndex) table.getScanIndex(session)).getMVMap();
            SearchRow updated = table.createRow(new Value[] {org.h2.value.ValueInteger.get(1),
                    org.h2.value.ValueVarchar.get("new")}, SearchRow.MEMORY_CALCULATE);
            rows.put(1L, committed(updated));

            // No chunk is walked (H2 may rewrite any page into the newest one), only the pages not yet written:
            // the row's, not the index's, which holds the entry of 'v1'.
            H2Leftovers.Result r = H2Leftovers.rollBack(c, System.currentTimeMillis() + 1, H2Leftovers.WINDOW,
                    java.time.Duration.ofMillis(-1));

            assertThat(r.entries()).isZero();
            assertThat(r.mended()).as("the entry of 'new' added, the one of 'v1' removed").isEqualTo(2);
            try (ResultSet rs = s.executeQuery("SELECT id FROM skew WHERE v = 'new'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.executeUpdate("INSERT INTO skew VALUES (0, 'v1')")).as("the old value is free").isEqualTo(1);
        }
    }

    @Test
    void most_of_an_index_out_of_step_is_left_alone(@TempDir Path dir) throws Exception {
        // Not a store's skew but a disagreement with H2 (as a new H2 version might bring): mending would wreck it.
        try (Database db = new Database(urlIn(dir), "sa", "", 2);
                Connection c = db.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE skew (id INT PRIMARY KEY, v VARCHAR(16) NOT NULL UNIQUE)");
            s.execute("INSERT INTO skew SELECT x, 'v' || x FROM SYSTEM_RANGE(1, 2000)");
            SessionLocal session = (SessionLocal) unwrapSession(c);
            MVTable table = (MVTable) session.getDatabase().getSchema("PUBLIC").findTableOrView(session, "SKEW");
            MVMap<Long, VersionedValue<SearchRow>> rows = ((MVPrimaryIndex) table.getScanIndex(session)).getMVMap();
            for (long key = 1; key <= 1500; key++) {
                rows.remove(key);
            }

            H2Leftovers.Result r = H2Leftovers.rollBack(c, System.currentTimeMillis() + 1, H2Leftovers.WINDOW,
                    H2Leftovers.WINDOW);

            assertThat(r.mended()).isZero();
            MVSecondaryIndex unique = table.getIndexes().stream().filter(i -> i instanceof MVSecondaryIndex)
                    .map(MVSecondaryIndex.class::cast).findFirst().orElseThrow();
            assertThat(unique.getMVMap().sizeAsLong()).as("the index as it was").isEqualTo(2000);
        }
    }

    @Test
    void a_chunk_stored_after_the_listing_is_walked(@TempDir Path dir) throws Exception {
        // H2's background writer may store the pages not yet written between the listing of the chunks and the walk
        // (seen once in CI: the walk then skipped them and saw a quarter of an index).
        String url = urlIn(dir).replace("WRITE_DELAY=100", "WRITE_DELAY=0");
        try (Database db = new Database(url, "sa", "", 2);
                Connection c = db.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Jdbc.checkpointH2(c);
            MVStore mv = ((SessionLocal) unwrapSession(c)).getDatabase().getStore().getMvStore();
            int before = lastChunk(mv);
            H2Leftovers.Recent none = H2Leftovers.recentChunks(mv, System.currentTimeMillis() + 1,
                    java.time.Duration.ofMillis(-1));
            s.execute("INSERT INTO t VALUES (1)");
            Jdbc.checkpointH2(c);
            int after = lastChunk(mv);

            assertThat(after).isNotEqualTo(before);
            assertThat(none.contains(before)).as("a chunk written before the listing").isFalse();
            assertThat(none.contains(after)).as("a chunk written after it").isTrue();
        }
    }

    @Test
    void the_walk_reads_only_the_pages_of_recent_chunks(@TempDir Path dir) throws Exception {
        // No background writer: its compaction would move old pages into new chunks while the test runs.
        String url = urlIn(dir).replace("WRITE_DELAY=100", "WRITE_DELAY=0");
        assertThat(url).contains("WRITE_DELAY=0");
        try (Database db = new Database(url, "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            for (int batch = 0; batch < 200; batch++) {
                List<Msg> msgs = new java.util.ArrayList<>();
                for (int i = 1; i <= 100; i++) {
                    msgs.add(msg("c" + (i % 50), batch * 100L + i, "cm" + batch + "-" + i));
                }
                store.insertBatch(msgs);
            }
            try (Connection c = db.dataSource().getConnection()) {
                Jdbc.checkpointH2(c);
            }
            Thread.sleep(5); // the next chunk is written at a later time (chunk times are in milliseconds)
            store.insertBatch(List.of(msg("c1", 1_000_000, "last")));
            try (Connection c = db.dataSource().getConnection()) {
                Jdbc.checkpointH2(c);
                long now = System.currentTimeMillis() + 1;
                int all = H2Leftovers.rollBack(c, now, java.time.Duration.ofDays(1)).pages();
                int recent = H2Leftovers.rollBack(c, now, java.time.Duration.ZERO).pages();
                assertThat(all).isGreaterThan(100);
                assertThat(recent).isPositive().isLessThan(all / 10);
            }
        }
    }

    private static int lastChunk(MVStore mv) {
        return mv.getLayoutMap().keySet().stream().filter(k -> k.startsWith(org.h2.mvstore.DataUtils.META_CHUNK))
                .mapToInt(k -> Integer.parseInt(k.substring(org.h2.mvstore.DataUtils.META_CHUNK.length()), 16))
                .max().orElseThrow();
    }

    /**
     * Inserts a message row and then drops its transaction's undo log before the rollback, so the rows stay
     * written by a transaction that no longer exists: the state a killed process leaves when H2 had stored its
     * table maps before the commit reached them and its undo log after the commit had cleared it.
     */
    static void leaveHalfCommitted(DataSource ds, String conv, long seq, String cmid) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(JdbcMessageStore.INSERT)) {
                Jdbc.bind(insert, conv, seq, "buyer", "b1", "text", "{\"text\":\"m" + seq + "\"}", seq, cmid);
                insert.executeUpdate();
            }
            SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
            assertThat(session.getTransaction().getId()).isEqualTo(2);
            MVStore mv = session.getDatabase().getStore().getMvStore();
            String undoLog = mv.getMetaMap().get("name.undoLog." + session.getTransaction().getId());
            mv.getMap(Integer.parseInt(undoLog, 16)).clear();
            c.rollback();
        }
    }

    /**
     * Marks the stored entries of message {@code (conv, seq)} in the row map and/or in the indexes of the messages
     * table as written by transaction 9, which does not exist: as an insert of it whose commit H2 stored halfway.
     */
    static void leaveEntriesOf(Connection c, String conv, long seq, boolean row, boolean indexes) throws Exception {
        Stored stored = stored(c, conv, seq);
        MVTable table = stored.table();
        MVMap<Long, VersionedValue<SearchRow>> rows = stored.rows();
        long key = stored.key();
        SearchRow found = stored.row();
        java.lang.reflect.Method uncommitted = Class.forName("org.h2.mvstore.tx.VersionedValueUncommitted")
                .getDeclaredMethod("getInstance", long.class, Object.class, Object.class);
        uncommitted.setAccessible(true);
        long operation = 9L << 40;
        if (row) {
            rows.put(key, uncommittedValue(uncommitted, operation, found));
        }
        if (indexes) {
            for (org.h2.index.Index index : table.getIndexes()) {
                if (index instanceof MVSecondaryIndex secondary) {
                    SearchRow entry = secondary.getRowFactory().createRow();
                    entry.copyFrom(found);
                    entry.setKey(key);
                    MVMap<SearchRow, VersionedValue<Value>> map = secondary.getMVMap();
                    assertThat(map.containsKey(entry)).isTrue();
                    map.put(entry, uncommittedValue(uncommitted, operation, ValueNull.INSTANCE));
                }
            }
        }
    }

    /**
     * Removes the committed row of message {@code (conv, seq)} from the messages table's row map and/or its entries
     * from the table's indexes whose names contain {@code indexes} (none when null), behind H2's back: as a store
     * that took some maps before the message's insert and the others after its commit.
     */
    static void removeEntriesOf(Connection c, String conv, long seq, boolean row, String indexes) {
        Stored stored = stored(c, conv, seq);
        MVTable table = stored.table();
        MVMap<Long, VersionedValue<SearchRow>> rows = stored.rows();
        long key = stored.key();
        SearchRow found = stored.row();
        if (indexes != null) {
            for (org.h2.index.Index index : table.getIndexes()) {
                if (index instanceof MVSecondaryIndex secondary && index.getName().contains(indexes)) {
                    SearchRow entry = secondary.getRowFactory().createRow();
                    entry.copyFrom(found);
                    entry.setKey(key);
                    assertThat(secondary.getMVMap().remove(entry)).isNotNull();
                }
            }
        }
        if (row) {
            assertThat(rows.remove(key)).isNotNull();
        }
    }

    /** The messages table's rows counted by a scan of its row map (the body has no index). */
    private static int rowsScanned(Connection c) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM messages WHERE body LIKE '%'");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A message as H2 stores it: the messages table, its row map, the row's key in it and the row. */
    private record Stored(MVTable table, MVMap<Long, VersionedValue<SearchRow>> rows, long key, SearchRow row) {
    }

    private static Stored stored(Connection c, String conv, long seq) {
        SessionLocal session = (SessionLocal) unwrapSession(c);
        MVTable table = (MVTable) session.getDatabase().getSchema("PUBLIC").findTableOrView(session, "MESSAGES");
        MVMap<Long, VersionedValue<SearchRow>> rows = ((MVPrimaryIndex) table.getScanIndex(session)).getMVMap();
        for (Cursor<Long, VersionedValue<SearchRow>> it = rows.cursor(null); it.hasNext(); ) {
            long k = it.next();
            SearchRow r = it.getValue().getCurrentValue();
            if (r.getValue(0).getString().equals(conv) && r.getValue(1).getLong() == seq) {
                return new Stored(table, rows, k, r);
            }
        }
        throw new AssertionError("message " + conv + "/" + seq + " is not in the row map");
    }

    private static Object unwrapSession(Connection c) {
        try {
            return c.unwrap(JdbcConnection.class).getSession();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> VersionedValue<V> committed(V value) {
        return (VersionedValue<V>) value; // H2's committed values are their own versions
    }

    @SuppressWarnings("unchecked")
    private static <V> VersionedValue<V> uncommittedValue(java.lang.reflect.Method factory, long operation, Object value)
            throws Exception {
        return (VersionedValue<V>) factory.invoke(null, operation, value, null);
    }

    /** The journal a dead process leaves beside the database: {@code acknowledged} in it, and not in use. */
    private static Path deadJournal(Database db, Path dir, Msg... acknowledged) {
        MessageJournal dead = MessageJournal.open(db.dataSource(), dir.resolve("kefu.mv.db"), 1L << 30);
        try {
            for (Msg m : acknowledged) {
                dead.append(List.of(MessageJournal.Row.of(m, "{\"text\":\"m" + m.seq() + "\"}")));
            }
            return dead.files().get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            dead.close();
        }
    }

    /** What a test does to H2's maps behind its back. */
    @FunctionalInterface
    private interface Damage {
        void apply(Connection c) throws Exception;
    }

    /**
     * Stores c1/1, c1/2 and c2/1, lets {@code damage} leave c1/2 (acknowledged: in the dead process's journal) and
     * c2/1 (not acknowledged: its sender retries) as a crash would, and checks the reopened database.
     */
    private static void assertComesBackAfter(Path dir, Damage damage) throws Exception {
        String url = urlIn(dir);
        Path left;
        try (Database db = new Database(url, "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            store.insertBatch(List.of(msg("c1", 1, "cm1"), msg("c1", 2, "cm2"), msg("c2", 1, "cm3")));
            try (Connection c = db.dataSource().getConnection()) {
                damage.apply(c);
            }
            left = deadJournal(db, dir, msg("c1", 2, "cm2"));
        }
        try (Database reopened = new Database(url, "sa", "", 2)) {
            assertReplayedAndRetried(reopened, left);
        }
    }

    /** c1's acknowledged seq 2 (cm2) is back once; c2's unacknowledged cm3 is gone and its retry is stored. */
    private static void assertReplayedAndRetried(Database reopened, Path left) {
        MessageStore store = new JdbcMessageStore(reopened, new ObjectMapper());
        assertThat(store.after("c1", 0, 10)).extracting(Msg::cmid).containsExactly("cm1", "cm2");
        assertThat(store.findCmid("c1", "b1", "cm2")).map(StoredCmid::seq).contains(2L);
        assertThat(store.after("c2", 0, 10)).isEmpty();
        assertThat(store.findCmid("c2", "b1", "cm3")).isEmpty();
        store.insertBatch(List.of(msg("c2", 1, "cm3"))); // the retry
        assertThat(store.after("c2", 0, 10)).extracting(Msg::cmid).containsExactly("cm3");
        assertThat(left).doesNotExist();
    }

    /** A connection whose transaction is open (H2 gives it the lowest free transaction id). */
    private static Connection inTransaction(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        rowsOf(c, "none");
        return c;
    }

    private static int rowsOf(Connection c, String conv) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM messages WHERE conv_id = ?")) {
            count.setString(1, conv);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Msg msg(String conv, long seq, String cmid) {
        return new Msg(conv, seq, BUYER, "text", Body.text("m" + seq), seq, cmid);
    }

    private static String urlIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Database.DEFAULT_H2_URL.replace("./data/kefu", dir.resolve("kefu").toString());
    }
}
