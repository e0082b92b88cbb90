package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.store.Database.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcMessageStoreTest {
    private static final Party BUYER = new Party(PartyType.BUYER, "b1");
    private static final Party AGENT = new Party(PartyType.AGENT, "a1");
    private static final Party SYSTEM = new Party(PartyType.SYSTEM, null);

    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private MessageStore store(Dialect d) {
        return new JdbcMessageStore(databases.get(d), new ObjectMapper());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_batch_reads_back_in_seq_order_with_sender_kind_body_ts_and_cmid(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        List<Msg> batch = List.of(
                new Msg(conv, 1, SYSTEM, "system", Body.text("Welcome"), 1_000, null),
                new Msg(conv, 2, BUYER, "order", Body.of("orderNo", "O-1"), 1_001, "c-1"),
                new Msg(conv, 3, AGENT, "text", Body.text("Hello"), 1_002, "c-1"));

        store.insertBatch(batch);

        assertThat(store.after(conv, 0, 50)).containsExactlyElementsOf(batch);
        assertThat(store.lastSeq(conv)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void body_numbers_come_back_as_long_or_double_and_nested_values_survive(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", "https://img/1.png");
        fields.put("durationMs", 3_200);
        fields.put("ratio", 1.5f);
        fields.put("big", 9_007_199_254_740_993L);
        fields.put("ok", true);
        fields.put("items", List.of(1, "two", Map.of("three", 3)));

        store.insertBatch(List.of(new Msg(conv, 1, BUYER, "image", new Body(fields), 1_000, null)));

        Body body = store.after(conv, 0, 1).get(0).body();
        assertThat(body.fields()).containsExactly(
                Map.entry("url", "https://img/1.png"),
                Map.entry("durationMs", 3_200L),
                Map.entry("ratio", 1.5d),
                Map.entry("big", 9_007_199_254_740_993L),
                Map.entry("ok", true),
                Map.entry("items", List.of(1L, "two", Map.of("three", 3L))));
        assertThat(body.durationMs()).isEqualTo(3_200L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void before_and_after_page_through_history_oldest_first(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        store.insertBatch(texts(conv, 1, 10));
        store.insertBatch(texts(newConv(), 1, 3));

        assertThat(seqs(store.before(conv, 100, 3))).containsExactly(8L, 9L, 10L);
        assertThat(seqs(store.before(conv, 8, 3))).containsExactly(5L, 6L, 7L);
        assertThat(seqs(store.before(conv, 3, 5))).containsExactly(1L, 2L);
        assertThat(seqs(store.after(conv, 4, 3))).containsExactly(5L, 6L, 7L);
        assertThat(seqs(store.after(conv, 9, 50))).containsExactly(10L);
        assertThat(store.after(conv, 10, 50)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void last_seq_is_zero_for_a_conversation_without_messages(Dialect d) {
        assertThat(store(d).lastSeq(newConv())).isZero();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void recent_cmids_maps_sender_and_cmid_of_the_newest_messages_to_their_seq(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        store.insertBatch(List.of(
                new Msg(conv, 1, BUYER, "text", Body.text("a"), 1, "old"),
                new Msg(conv, 2, BUYER, "text", Body.text("b"), 2, "x"),
                new Msg(conv, 3, SYSTEM, "system", Body.text("c"), 3, null),
                new Msg(conv, 4, AGENT, "text", Body.text("d"), 4, "x")));

        assertThat(store.recentCmids(conv, 3)).containsOnly(
                Map.entry("b1\u0000x", new StoredCmid(2L, 2L)),
                Map.entry("a1\u0000x", new StoredCmid(4L, 4L)));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_repeated_cmid_of_the_same_sender_fails_the_whole_batch(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        store.insertBatch(List.of(new Msg(conv, 1, BUYER, "text", Body.text("hi"), 1, "c-1")));

        assertThatThrownBy(() -> store.insertBatch(List.of(
                new Msg(conv, 2, BUYER, "text", Body.text("fine"), 2, "c-2"),
                new Msg(conv, 3, BUYER, "text", Body.text("again"), 3, "c-1"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUniqueViolation()).isTrue());

        assertThat(store.lastSeq(conv)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_cmid_is_unique_per_sender_and_conversation_only(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        String other = newConv();

        store.insertBatch(List.of(
                new Msg(conv, 1, BUYER, "text", Body.text("a"), 1, "c-1"),
                new Msg(conv, 2, AGENT, "text", Body.text("b"), 2, "c-1"),
                new Msg(other, 1, BUYER, "text", Body.text("c"), 3, "c-1")));

        assertThat(store.lastSeq(conv)).isEqualTo(2);
        assertThat(store.lastSeq(other)).isEqualTo(1);
    }

    /** Time-ordered cmids (the SDK's) then add to the end of the index rather than to random pages of it. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_cmid_index_is_ordered_by_cmid_first(Dialect d) throws Exception {
        List<String> columns = new ArrayList<>();
        try (var c = databases.get(d).dataSource().getConnection()) {
            var meta = c.getMetaData();
            String table = d == Dialect.H2 ? "MESSAGES" : "messages";
            try (var rs = meta.getIndexInfo(null, null, table, true, false)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    if (index != null && index.toLowerCase(java.util.Locale.ROOT).startsWith("messages_cmid")) {
                        columns.add(rs.getShort("ORDINAL_POSITION") + ":"
                                + rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }

        assertThat(columns).containsExactlyInAnyOrder("1:cmid", "2:sender_id", "3:conv_id");
    }

    /**
     * PostgreSQL writes up to {@link JdbcMessageStore#ROWS_PER_VALUES} rows as one statement with a row of parameters
     * each, and more over arrays: both sides of that line, each all or nothing, with what they stored read back.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void batches_on_both_sides_of_the_row_statements_limit_are_stored_whole_or_not_at_all(Dialect d) {
        MessageStore store = store(d);
        for (int size : new int[] {JdbcMessageStore.ROWS_PER_VALUES, JdbcMessageStore.ROWS_PER_VALUES + 1}) {
            String conv = newConv();
            List<Msg> failing = texts(conv, 1, size);
            failing.set(size - 1, new Msg(conv, 1, BUYER, "text", Body.text("seq 1 again"), size, "c-dup"));
            assertThatThrownBy(() -> store.insertBatch(failing)).isInstanceOf(StoreException.class);
            assertThat(store.lastSeq(conv)).isZero();

            List<Msg> batch = new ArrayList<>(texts(conv, 1, size - 1));
            batch.add(new Msg(conv, size, AGENT, "order", Body.of("orderNo", "O-" + size), 5_000 + size, "c-" + size));
            store.insertBatch(batch);
            assertThat(store.after(conv, 0, 500)).containsExactlyElementsOf(batch);
        }
    }

    /** More rows than one rewritten INSERT takes (128 on PostgreSQL), so the batch is several statements. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_batch_of_several_statements_is_stored_all_or_none(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        List<Msg> batch = texts(conv, 1, 300);
        batch.set(299, new Msg(conv, 1, BUYER, "text", Body.text("seq 1 again"), 300, null));

        assertThatThrownBy(() -> store.insertBatch(batch))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUniqueViolation()).isTrue());
        assertThat(store.lastSeq(conv)).isZero();

        store.insertBatch(texts(conv, 1, 300));
        assertThat(store.lastSeq(conv)).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_repeated_seq_fails_and_says_so(Dialect d) {
        MessageStore store = store(d);
        String conv = newConv();
        store.insertBatch(texts(conv, 1, 1));

        assertThatThrownBy(() -> store.insertBatch(texts(conv, 1, 1)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.isUniqueViolation()).isTrue();
                    assertThat(e.isDataError()).isTrue();
                });
    }

    private static String newConv() {
        return "conv-" + UUID.randomUUID();
    }

    private static List<Msg> texts(String conv, long fromSeq, int count) {
        List<Msg> messages = new ArrayList<>();
        for (long seq = fromSeq; seq < fromSeq + count; seq++) {
            messages.add(new Msg(conv, seq, BUYER, "text", Body.text("m" + seq), seq, null));
        }
        return messages;
    }

    private static List<Long> seqs(List<Msg> messages) {
        return messages.stream().map(Msg::seq).toList();
    }
}
