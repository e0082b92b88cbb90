package io.kefu.server.store;

import io.kefu.protocol.Msg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a batch of messages durable on an H2 file database without a {@code CHECKPOINT} per commit: an
 * append-only file beside the database ({@code <name>.journal.<id>}), one record per batch.
 *
 * <p>On H2 every {@code CHECKPOINT} writes a chunk of whole B-tree pages (tens of KB for one message) and waits for
 * H2's housekeeping, which holds the store's lock for up to hundreds of milliseconds. The message writer therefore
 * commits a batch to H2 without one and then appends the batch here; the {@code ok} goes out when the record is in
 * the file. H2's background writer stores the commits every {@code WRITE_DELAY} (100 ms), many batches a chunk.
 * The guarantee is the {@code CHECKPOINT}'s: a record written survives a crash of the process (the operating system
 * has it), not a power failure; PostgreSQL is the store for that.
 *
 * <p>The order is what makes it safe: a batch is committed to H2 <em>before</em> its record is appended. When a
 * file reaches {@link #DEFAULT_ROTATE_BYTES}, appends move to a new one, and a thread of the journal's own runs one
 * {@code CHECKPOINT} (waiting for H2's own pending writes too), after which every batch recorded in the old file is
 * in the database file, and the old file is deleted. On opening, the database replays every journal file left by a
 * process that died (rows already there are skipped: a message's {@code (conv_id, seq)} is its key, and messages are
 * never changed), checkpoints, and deletes them. A record torn by the crash (a short or mismatched tail) was never
 * acknowledged and is dropped.
 *
 * <p>Record: {@code int length, int crc32c, payload}; payload: {@code int rows}, then per row {@code conv, long seq,
 * senderType, senderId, kind, body, long ts, cmid}, each string an {@code int} byte length (-1 for null) and UTF-8.
 *
 * <p>Thread-safe: writer lanes append concurrently (one record each, whole); the checkpoint runs on its own thread.
 */
final class MessageJournal implements AutoCloseable {
    /** A journal file is handed to a checkpoint and a new one started at this size. */
    static final long DEFAULT_ROTATE_BYTES = 8L << 20;

    /** One stored message as its columns, the body already JSON. */
    record Row(String conv, long seq, String senderType, String senderId, String kind, String body, long ts,
               String cmid) {
        static Row of(Msg m, String body) {
            return new Row(m.conv(), m.seq(), m.from().type().wire(), m.from().id(), m.kind(), body, m.ts(), m.cmid());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MessageJournal.class);
    private static final String MARK = ".journal.";
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 256 << 20;
    /** Journal files open in this JVM: a second {@code Database} on the same file must not replay or delete them. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger FILES = new AtomicInteger();
    private static final String EXISTS = "SELECT 1 FROM messages WHERE conv_id = ? AND seq = ?";
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 << 10));
    private static final int SCRATCH_KEPT = 1 << 20;

    private final DataSource dataSource;
    private final Path dir;
    private final String prefix;
    private final long rotateBytes;
    private final ExecutorService checkpointer;
    private final AtomicBoolean checkpointing = new AtomicBoolean();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private FileChannel channel;
    private Path current;
    private long written;
    private final List<Path> sealed = new ArrayList<>();
    private boolean closed;

    private MessageJournal(DataSource dataSource, Path h2File, long rotateBytes) throws IOException {
        this.dataSource = dataSource;
        this.dir = h2File.toAbsolutePath().getParent();
        this.prefix = prefixOf(h2File);
        this.rotateBytes = rotateBytes;
        this.checkpointer = Executors.newSingleThreadExecutor(BoundedStoreExecutor.daemonThreads("kefu-journal"));
        synchronized (lock) {
            startFile();
        }
    }

    /**
     * Replays what an earlier process left in the journal of the H2 file {@code h2File} into the database, then
     * opens a new journal. Fails when a journal cannot be read or replayed: the messages in it were acknowledged.
     */
    static MessageJournal open(DataSource dataSource, Path h2File, long rotateBytes) {
        try {
            replay(dataSource, h2File);
            return new MessageJournal(dataSource, h2File, rotateBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message journal beside " + h2File, e);
        } catch (SQLException e) {
            throw new StoreException("replay the message journal beside " + h2File, e);
        }
    }

    /** Appends one batch, committed to H2 before; returns once the record is in the file. */
    void append(List<Row> rows) throws IOException {
        ByteBuffer record = encode(rows);
        boolean seal = false;
        synchronized (lock) {
            if (closed) {
                throw new IOException("the message journal is closed");
            }
            try {
                if (channel == null) {
                    startFile();
                }
                while (record.hasRemaining()) {
                    written += channel.write(record);
                }
            } catch (IOException e) {
                abandonFile();
                throw e;
            }
            if (written >= rotateBytes && !checkpointing.get()) {
                channel.close();
                sealed.add(current);
                startFile();
                seal = true;
            }
        }
        if (seal && checkpointing.compareAndSet(false, true)) {
            checkpointer.execute(this::checkpoint);
        }
    }

    /** The journal files in use or waiting for their checkpoint (for tests and the log). */
    List<Path> files() {
        synchronized (lock) {
            List<Path> all = new ArrayList<>(sealed);
            all.add(current);
            return all;
        }
    }

    /** After H2's {@code SHUTDOWN}, which wrote everything to the file: the journal is no longer needed. */
    @Override
    public void close() {
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                log.warn("closing the message journal {} failed: {}", current, e.toString());
            }
            LIVE.remove(current);
        }
    }

    /** Forgets the journal files once H2's own file holds everything committed (call after {@code SHUTDOWN}). */
    void deleteAll() {
        List<Path> all;
        synchronized (lock) {
            all = new ArrayList<>(sealed);
            all.add(current);
            sealed.clear();
        }
        for (Path p : all) {
            deleteQuietly(p);
            LIVE.remove(p);
        }
    }

    /**
     * After a failed write: the file may end in part of a record, and a reader stops there, so nothing more is
     * appended to it. It is checkpointed and deleted like a full one; the next append starts a new file.
     */
    private void abandonFile() {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // the write failed already; the file is left to the checkpoint either way
        }
        channel = null;
        sealed.add(current);
    }

    private void startFile() throws IOException {
        do { // a file of a dead process with the same pid that could not be deleted is never reused
            current = dir.resolve(prefix + MARK + ProcessHandle.current().pid() + "-" + FILES.incrementAndGet());
        } while (Files.exists(current));
        LIVE.add(current);
        channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        written = 0;
    }

    /** On the journal's thread: one checkpoint, then the sealed files go. A failure keeps them for the next. */
    private void checkpoint() {
        List<Path> done;
        synchronized (lock) {
            done = new ArrayList<>(sealed);
        }
        try (Connection c = dataSource.getConnection()) {
            Jdbc.checkpointH2(c);
            for (Path p : done) {
                deleteQuietly(p);
                LIVE.remove(p);
            }
            synchronized (lock) {
                sealed.removeAll(done);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("message journal: checkpoint failed, {} file(s) kept for the next one: {}", done.size(),
                    e.toString());
        } finally {
            checkpointing.set(false);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("message journal: cannot delete {}: {}", p, e.toString());
        }
    }

    static ByteBuffer encode(List<Row> rows) {
        ByteBuffer b = SCRATCH.get();
        b.clear();
        b.position(HEADER);
        b = ensure(b, 4);
        b.putInt(rows.size());
        for (Row r : rows) {
            b = putString(b, r.conv());
            b = ensure(b, 8);
            b.putLong(r.seq());
            b = putString(b, r.senderType());
            b = putString(b, r.senderId());
            b = putString(b, r.kind());
            b = putString(b, r.body());
            b = ensure(b, 8);
            b.putLong(r.ts());
            b = putString(b, r.cmid());
        }
        int end = b.position();
        CRC32C crc = new CRC32C();
        crc.update(b.array(), HEADER, end - HEADER);
        b.putInt(0, end - HEADER);
        b.putInt(4, (int) crc.getValue());
        b.flip();
        if (b.capacity() > SCRATCH_KEPT) {
            SCRATCH.remove();
        } else {
            SCRATCH.set(b);
        }
        return b;
    }

    private static ByteBuffer putString(ByteBuffer b, String s) {
        if (s == null) {
            b = ensure(b, 4);
            b.putInt(-1);
            return b;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b = ensure(b, 4 + bytes.length);
        b.putInt(bytes.length);
        b.put(bytes);
        return b;
    }

    private static ByteBuffer ensure(ByteBuffer b, int more) {
        if (b.remaining() >= more) {
            return b;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    /** The whole records of one file, up to the first short or damaged one (a crash's torn tail). */
    static List<Row> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Row> rows = new ArrayList<>();
        while (b.remaining() >= HEADER) {
            int length = b.getInt();
            int crc = b.getInt();
            if (length < 4 || length > MAX_RECORD || length > b.remaining()) {
                break;
            }
            CRC32C check = new CRC32C();
            check.update(b.array(), b.position(), length);
            if ((int) check.getValue() != crc) {
                break;
            }
            ByteBuffer record = b.slice(b.position(), length);
            b.position(b.position() + length);
            int count = record.getInt();
            for (int i = 0; i < count; i++) {
                rows.add(new Row(getString(record), record.getLong(), getString(record), getString(record),
                        getString(record), getString(record), record.getLong(), getString(record)));
            }
        }
        return rows;
    }

    private static String getString(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0) {
            return null;
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    /** {@code kefu} for {@code .../kefu.mv.db}: what the journal's file names start with. */
    private static String prefixOf(Path h2File) {
        String name = h2File.getFileName().toString();
        return name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
    }

    /**
     * The journal files beside the H2 file {@code h2File} that no journal in this JVM has open: left by a process
     * that did not close the database (a clean close deletes its journal).
     */
    static List<Path> leftBehind(Path h2File) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(h2File.toAbsolutePath().getParent(),
                p -> isJournalOf(h2File, p) && !LIVE.contains(p))) {
            found.forEach(files::add);
        }
        return files;
    }

    /** Whether a journal of this JVM is in use beside the H2 file {@code h2File}. */
    static boolean openInThisJvm(Path h2File) {
        return LIVE.stream().anyMatch(p -> isJournalOf(h2File, p));
    }

    /** Whether {@code file} is a journal file of the H2 file {@code h2File}: beside it, named after it. */
    private static boolean isJournalOf(Path h2File, Path file) {
        return h2File.toAbsolutePath().getParent().equals(file.toAbsolutePath().getParent())
                && file.getFileName().toString().startsWith(prefixOf(h2File) + MARK);
    }

    /**
     * For a replay that failed: where the database has the message's client message id, or that it has none
     * (then another key is what failed). Never a body.
     */
    private static String holderOf(Connection c, Row r) {
        if (r.cmid() == null) {
            return "it has no client message id";
        }
        try (PreparedStatement find = c.prepareStatement(JdbcMessageStore.FIND_CMID)) {
            find.setString(1, r.conv());
            find.setString(2, r.senderId());
            find.setString(3, r.cmid());
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() ? "its client message id is stored as seq " + rs.getLong(1) + ", ts " + rs.getLong(2)
                        + " against " + r.ts() + " in the journal" : "no row holds its client message id";
            }
        } catch (SQLException e) {
            return "its client message id cannot be looked up: " + SqlErrors.describe(e);
        }
    }

    /** Puts every row of every journal file left beside {@code h2File} (none open in this JVM) into the database. */
    private static void replay(DataSource dataSource, Path h2File) throws IOException, SQLException {
        List<Path> files = leftBehind(h2File);
        if (files.isEmpty()) {
            return;
        }
        int replayed = 0;
        int present = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement exists = c.prepareStatement(EXISTS);
                    PreparedStatement insert = c.prepareStatement(JdbcMessageStore.INSERT)) {
                for (Path file : files) {
                    for (Row r : read(file)) {
                        exists.setString(1, r.conv());
                        exists.setLong(2, r.seq());
                        boolean there;
                        try (ResultSet rs = exists.executeQuery()) {
                            there = rs.next();
                        }
                        if (there) {
                            present++;
                            continue;
                        }
                        Jdbc.bind(insert, r.conv(), r.seq(), r.senderType(), r.senderId(), r.kind(), r.body(), r.ts(),
                                r.cmid());
                        try {
                            insert.executeUpdate();
                        } catch (SQLException e) {
                            throw new StoreException("replay the message journal beside " + h2File + ": message "
                                    + r.conv() + "/" + r.seq() + " of " + file.getFileName() + " is not in the database"
                                    + " by its seq, and cannot be put back (" + holderOf(c, r) + ")", e);
                        }
                        replayed++;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) { // the pool closes a connection after a timeout: say why
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            Jdbc.checkpointH2(c);
        }
        for (Path file : files) {
            deleteQuietly(file);
        }
        log.info("message journal: {} message(s) replayed into the database, {} already there, from {} file(s)",
                replayed, present, files.size());
    }
}
