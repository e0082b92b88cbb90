package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default H2 file URL ({@link Database#DEFAULT_H2_URL}) as the server uses it: durable and bounded. */
class H2FileTest {
    private static final Party BUYER = new Party(PartyType.BUYER, "b1");

    @Test
    void writes_acknowledged_before_the_process_dies_are_in_the_file(@TempDir Path dir) throws Exception {
        String url = urlIn(dir);
        runCrashWriter(url, "300");

        try (Database db = new Database(url, "sa", "", 1)) {
            Jdbc jdbc = new Jdbc(db.dataSource());
            assertThat(jdbc.query("shops", "SELECT name FROM shops", rs -> rs.getString(1)))
                    .containsExactly("Crash Tea House");
            assertThat(new JdbcMessageStore(db, new ObjectMapper()).after("c1", 0, 1_000))
                    .extracting(Msg::seq)
                    .hasSize(300)
                    .endsWith(300L);
        }
    }

    @Test
    void commits_the_journal_never_took_are_in_the_file_once_made_durable(@TempDir Path dir) throws Exception {
        // What the message writer does for a message found stored by an attempt reported failed, before its ok.
        String url = urlIn(dir);
        runCrashWriter(url, "50", "committed-only");

        try (Database db = new Database(url, "sa", "", 1)) {
            assertThat(new JdbcMessageStore(db, new ObjectMapper()).after("c1", 0, 1_000))
                    .extracting(Msg::seq)
                    .hasSize(50)
                    .endsWith(50L);
        }
    }

    /** Runs {@link H2CrashWriter} with {@code url} and {@code args} in a child JVM until it dies, as a kill would. */
    private static void runCrashWriter(String url, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(javaCommand(), "-cp",
                System.getProperty("java.class.path"), H2CrashWriter.class.getName(), url));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("acknowledged " + args[0]);
    }

    /**
     * Every commit writes a new chunk of whole B-tree pages (~20 KB here for one message). Under
     * WRITE_DELAY=0 none was ever freed: these 4,000 commits left 82 MB, at any pace. Now an unused
     * chunk's space is reused after RETENTION_TIME, so the file holds about pace x retention of them
     * plus the data (~1.5 MB): 32 MB here. The writes are paced so that does not depend on the machine.
     */
    @Test
    void the_file_does_not_keep_a_chunk_for_every_commit(@TempDir Path dir) {
        int commits = 4_000;
        long gapNanos = TimeUnit.SECONDS.toNanos(1) / 500;
        try (Database db = new Database(urlIn(dir), "sa", "", 2)) {
            MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            String body = "x".repeat(200);
            long next = System.nanoTime();
            for (int seq = 1; seq <= commits; seq++) {
                // Spread over conversations as live traffic is, so commits touch index pages all over.
                String conv = "c" + (seq * 7919 % 1_000);
                store.insertBatch(List.of(new Msg(conv, seq, BUYER, "text", Body.text(body), seq, "cm" + seq)));
                next += gapNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            assertThat(fileSize(dir)).as("bytes after %d commits", commits).isLessThan(56L << 20);
        }
    }

    /**
     * H2's background writer (or a connection short of unsaved memory) may store a commit on H2's own
     * threads between the commit and the {@code CHECKPOINT} that follows it. Once that store has serialised
     * the pages, they count as saved: the {@code CHECKPOINT} found nothing left to store and returned while
     * the chunk was still queued for the file, so a crash after {@code ok} lost the batch (seen in the crash
     * test). Here H2's file writer is held after such a store, and {@code makeDurable} must not return until
     * the held write is in the file; without the wait it returned at once.
     */
    @Test
    void a_write_is_in_the_file_even_when_h2s_own_writer_took_it_first(@TempDir Path dir) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (Database db = new Database(urlIn(dir), "sa", "", 2); Connection c = db.dataSource().getConnection()) {
            Jdbc jdbc = new Jdbc(db.dataSource());
            jdbc.update("create", "CREATE TABLE probe(id INT)");
            MVStore mv = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
            ExecutorService serializer = h2Executor(mv, "serializationExecutor");
            ExecutorService fileWriter = h2Executor(mv, "bufferSaveExecutor");
            CountDownLatch hold = new CountDownLatch(1);
            fileWriter.submit(() -> {
                hold.await();
                return null;
            });
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO probe VALUES (42)");
            }
            mv.tryCommit();
            serializer.submit(() -> { }).get();

            Future<?> durable = caller.submit(() -> {
                jdbc.makeDurable(c);
                return null;
            });
            try {
                durable.get(300, TimeUnit.MILLISECONDS);
                hold.countDown();
                throw new AssertionError("makeDurable returned while H2 still held the write of the commit");
            } catch (TimeoutException expected) {
                hold.countDown();
            }
            durable.get(10, TimeUnit.SECONDS);

            Path image = dir.resolve("image");
            Files.createDirectories(image);
            Files.copy(dir.resolve("kefu.mv.db"), image.resolve("kefu.mv.db"));
            try (Connection copy = DriverManager.getConnection("jdbc:h2:file:" + image.resolve("kefu"), "sa", "");
                    Statement s = copy.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM probe")) {
                assertThat(rs.next()).as("the committed row in a copy of the file").isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        } finally {
            caller.shutdownNow();
        }
    }

    /** One of the two single-thread executors an H2 file store writes with (serialisation, then the file). */
    private static ExecutorService h2Executor(MVStore mv, String name) throws ReflectiveOperationException {
        Field field = FileStore.class.getDeclaredField(name);
        field.setAccessible(true);
        return (ExecutorService) field.get(mv.getFileStore());
    }

    private static long fileSize(Path dir) {
        try {
            return Files.size(dir.resolve("kefu.mv.db"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String urlIn(Path dir) {
        return Database.DEFAULT_H2_URL.replace("./data/kefu", dir.resolve("kefu").toString());
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
