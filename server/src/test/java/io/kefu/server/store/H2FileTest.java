package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default H2 file URL ({@link Database#DEFAULT_H2_URL}) as the server uses it: durable and bounded. */
class H2FileTest {
    private static final Party BUYER = new Party(PartyType.BUYER, "b1");

    @Test
    void writes_acknowledged_before_the_process_dies_are_in_the_file(@TempDir Path dir) throws Exception {
        String url = urlIn(dir);
        Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                H2CrashWriter.class.getName(), url, "300")
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("acknowledged 300");

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
