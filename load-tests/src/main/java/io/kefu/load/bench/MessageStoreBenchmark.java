package io.kefu.load.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.client.ConversationSession;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcMessageStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What storing a message costs in the store alone: {@code --messages} text messages of 200 characters to
 * {@code --conversations} conversations (each message to one at random, buyer and agent in turn), written through
 * {@link JdbcMessageStore#insertBatch} in batches of {@code --batch} from one thread, as the message writer would
 * write them (on an H2 file that includes the journal). Client message ids are version 7 UUIDs as the SDK makes them
 * ({@code --cmids time}) or random ones ({@code --cmids random}). The first fifth is warm-up; over the rest it prints
 * the process's CPU time per message (every thread, H2's own background writers included) and the wall time, and
 * at the end the size of the database's directory when it is an H2 file.
 *
 * <pre>
 * java -jar load-tests/target/kefu-load.jar message-store --db-url 'jdbc:h2:file:/tmp/msgbench/kefu' \
 *     [--db-user sa] [--db-password ''] [--messages 300000] [--conversations 10000] [--batch 4] [--cmids time]
 * </pre>
 * Single-threaded; blocks on the database throughout. Use a fresh database each run.
 */
public final class MessageStoreBenchmark {
    private MessageStoreBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = KpiReportBenchmark.options(args);
        String url = o.getOrDefault("db-url", "jdbc:h2:file:./msgbench/kefu");
        if (url.startsWith("jdbc:h2:file:") && !url.contains(";")) {
            url += Database.H2_FILE_OPTIONS;
        }
        int messages = Integer.parseInt(o.getOrDefault("messages", "300000"));
        int conversations = Integer.parseInt(o.getOrDefault("conversations", "10000"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "4"));
        String cmids = o.getOrDefault("cmids", "time");
        if (!cmids.equals("time") && !cmids.equals("random")) {
            throw new IllegalArgumentException("--cmids must be time or random, was " + cmids);
        }
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        IdGenerator ids = new IdGenerator(1);
        String[] convs = new String[conversations];
        long[] seqs = new long[conversations];
        for (int i = 0; i < conversations; i++) {
            convs[i] = ids.next();
        }
        Body body = Body.text("x".repeat(200));
        SplittableRandom random = new SplittableRandom(42);
        int warmUp = messages / 5;
        long cpu0 = 0;
        long t0 = 0;
        try (Database db = new Database(url, o.getOrDefault("db-user", "sa"), o.getOrDefault("db-password", ""), 2)) {
            JdbcMessageStore store = new JdbcMessageStore(db, new ObjectMapper());
            List<Msg> rows = new ArrayList<>(batch);
            for (int n = 0; n < messages; ) {
                if (n == warmUp) {
                    cpu0 = cpu.getProcessCpuTime();
                    t0 = System.nanoTime();
                }
                rows.clear();
                for (int k = 0; k < batch && n < messages; k++, n++) {
                    int c = random.nextInt(conversations);
                    long seq = ++seqs[c];
                    Party from = seq % 2 == 1 ? new Party(PartyType.BUYER, "b" + c) : new Party(PartyType.AGENT, "a1");
                    String cmid = cmids.equals("time") ? ConversationSession.newCmid() : UUID.randomUUID().toString();
                    rows.add(new Msg(convs[c], seq, from, "text", body, System.currentTimeMillis(), cmid));
                }
                store.insertBatch(rows);
            }
            long measured = messages - warmUp;
            System.out.printf("%s, %,d messages to %,d conversations in batches of %d, cmids %s:"
                    + " %.1f µs of CPU and %.1f µs of wall time a message%n", url, messages, conversations, batch,
                    cmids, (cpu.getProcessCpuTime() - cpu0) / 1e3 / measured,
                    (System.nanoTime() - t0) / 1e3 / measured);
        }
        if (url.startsWith("jdbc:h2:file:")) {
            Path dir = Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0]).toAbsolutePath().getParent();
            try (Stream<Path> files = Files.walk(dir)) {
                long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                System.out.printf("database directory %s after closing: %.1f MB (%.0f bytes a message)%n",
                        dir, bytes / 1e6, (double) bytes / messages);
            }
        }
    }
}
