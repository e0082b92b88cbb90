package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file database's message journal: its records, their replay after a crash, and its rotation. */
class MessageJournalTest {
    private static final Party BUYER = new Party(PartyType.BUYER, "b1");

    @Test
    void records_read_back_as_written_with_nulls_and_any_text(@TempDir Path dir) throws Exception {
        try (Database db = new Database(urlIn(dir), "sa", "", 2)) {
            MessageJournal journal = MessageJournal.open(db.dataSource(), dir.resolve("other.mv.db"), 1L << 30);
            List<MessageJournal.Row> first = List.of(row("c1", 1, "cm1"),
                    new MessageJournal.Row("c1", 2, "system", null, "event", "{\"t\":\"客服 ✓\"}", 5L, null));
            List<MessageJournal.Row> second = List.of(
                    new MessageJournal.Row("c2", 7, "buyer", "b9", "text", "x".repeat(100_000), 9L, "cm-long"));
            journal.append(first);
            journal.append(second);
            Path file = journal.files().get(0);
            journal.close();

            List<MessageJournal.Row> all = new ArrayList<>(first);
            all.addAll(second);
            assertThat(MessageJournal.read(file)).containsExactlyElementsOf(all);
        }
    }

    @Test
    void a_record_torn_or_damaged_by_the_crash_ends_the_file_and_what_came_before_is_kept(@TempDir Path dir)
            throws Exception {
        try (Database db = new Database(urlIn(dir), "sa", "", 2)) {
            MessageJournal journal = MessageJournal.open(db.dataSource(), dir.resolve("other.mv.db"), 1L << 30);
            journal.append(List.of(row("c1", 1, "cm1")));
            Path file = journal.files().get(0);
            long firstEnd = Files.size(file);
            journal.append(List.of(row("c1", 2, "cm2"), row("c1", 3, "cm3")));
            journal.close();
            long end = Files.size(file);

            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end - 3);
            }
            assertThat(MessageJournal.read(file)).containsExactly(row("c1", 1, "cm1"));

            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(firstEnd);
                ch.position(firstEnd);
                byte[] damaged = Files.readAllBytes(file);
                ch.write(java.nio.ByteBuffer.wrap(damaged)); // a copy of record 1 ...
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), firstEnd + 12); // ... with a byte changed
            }
            assertThat(MessageJournal.read(file)).containsExactly(row("c1", 1, "cm1"));
        }
    }

    @Test
    void a_journal_left_by_a_dead_process_is_replayed_when_the_database_opens(@TempDir Path dir) throws Exception {
        String url = urlIn(dir);
        try (Database db = new Database(url, "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            store.insertBatch(List.of(msg("c1", 1, "cm1"), msg("c1", 2, "cm2")));
            // What a process that died would leave: a journal with rows the database has (1, 2) and has not (3, 4).
            MessageJournal dead = MessageJournal.open(db.dataSource(), dir.resolve("kefu.mv.db"), 1L << 30);
            dead.append(List.of(row("c1", 1, "cm1"), row("c1", 2, "cm2")));
            dead.append(List.of(row("c1", 3, "cm3"), row("c2", 1, "cm4")));
            Path left = dead.files().get(0);
            dead.close();

            try (Database reopened = new Database(url, "sa", "", 2)) {
                MessageStore again = new JdbcMessageStore(reopened, new ObjectMapper());
                assertThat(again.after("c1", 0, 10)).extracting(Msg::seq).containsExactly(1L, 2L, 3L);
                assertThat(again.after("c2", 0, 10)).extracting(Msg::cmid).containsExactly("cm4");
                assertThat(left).doesNotExist();
            }
        }
    }

    @Test
    void a_full_file_is_checkpointed_and_deleted_so_the_journal_stays_small(@TempDir Path dir) throws Exception {
        try (Database db = new Database(urlIn(dir), "sa", "", 2)) {
            MessageJournal journal = MessageJournal.open(db.dataSource(), dir.resolve("kefu.mv.db"), 2_000);
            List<Path> seen = new ArrayList<>();
            for (int seq = 1; seq <= 200; seq++) {
                journal.append(List.of(row("c1", seq, "cm" + seq)));
                for (Path p : journal.files()) {
                    if (!seen.contains(p)) {
                        seen.add(p);
                    }
                }
            }
            assertThat(seen).as("files the journal went through").hasSizeGreaterThan(1);
            // A sealed file goes once its checkpoint is done; a new one is sealed only after that.
            await().atMost(Duration.ofSeconds(30)).until(() -> journal.files().size() == 1);
            Path current = journal.files().get(0);
            assertThat(seen.subList(0, seen.indexOf(current))).as("sealed files").allSatisfy(p ->
                    assertThat(p).doesNotExist());
            assertThat(current).exists();
            journal.close();
        }
    }

    @Test
    void the_message_store_on_an_h2_file_journals_each_batch_and_a_clean_close_leaves_no_journal(@TempDir Path dir)
            throws Exception {
        String url = urlIn(dir);
        try (Database db = new Database(url, "sa", "", 2)) {
            assertThat(db.messageJournal()).isNotNull();
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            store.insertBatch(List.of(msg("c1", 1, "cm1"), msg("c1", 2, "cm2")));
            Path file = db.messageJournal().files().get(0);
            assertThat(MessageJournal.read(file)).extracting(MessageJournal.Row::cmid).containsExactly("cm1", "cm2");
            // A refused batch is rolled back in H2 and never reaches the journal.
            assertThatThrownBy(() -> store.insertBatch(List.of(msg("c1", 3, "cm1"))))
                    .isInstanceOf(StoreException.class);
            assertThat(MessageJournal.read(file)).hasSize(2);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".journal."));
        }
        try (Database db = new Database(url, "sa", "", 2)) {
            assertThat(new JdbcMessageStore(db, new ObjectMapper()).after("c1", 0, 10)).hasSize(2);
        }
    }

    @Test
    void a_failed_append_is_checkpointed_instead_and_the_next_batch_goes_to_a_new_file(@TempDir Path dir)
            throws Exception {
        try (Database db = new Database(urlIn(dir), "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            store.insertBatch(List.of(msg("c1", 1, "cm1")));
            MessageJournal journal = db.messageJournal();
            Path first = journal.files().get(0);
            // As a failing disk would: the next write to this file throws.
            java.lang.reflect.Field channel = MessageJournal.class.getDeclaredField("channel");
            channel.setAccessible(true);
            ((FileChannel) channel.get(journal)).close();

            store.insertBatch(List.of(msg("c1", 2, "cm2"))); // committed, then checkpointed: no exception
            store.insertBatch(List.of(msg("c1", 3, "cm3")));

            Path last = journal.files().get(journal.files().size() - 1);
            assertThat(last).isNotEqualTo(first);
            assertThat(MessageJournal.read(last)).extracting(MessageJournal.Row::cmid).containsExactly("cm3");
            assertThat(store.after("c1", 0, 10)).extracting(Msg::seq).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void an_in_memory_database_has_no_journal() {
        try (Database db = TestDatabases.h2()) {
            assertThat(db.messageJournal()).isNull();
        }
    }

    private static MessageJournal.Row row(String conv, long seq, String cmid) {
        return new MessageJournal.Row(conv, seq, "buyer", "b1", "text", "{\"text\":\"m" + seq + "\"}", seq, cmid);
    }

    private static Msg msg(String conv, long seq, String cmid) {
        return new Msg(conv, seq, BUYER, "text", Body.text("m" + seq), seq, cmid);
    }

    private static String urlIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Database.DEFAULT_H2_URL.replace("./data/kefu", dir.resolve("kefu").toString());
    }
}
