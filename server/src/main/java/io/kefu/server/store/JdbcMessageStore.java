package io.kefu.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageStore} over JDBC; bodies are stored as JSON text. Runs on store threads and on the
 * {@link MessageBatchWriter}'s lane threads (it blocks on the database).
 */
public final class JdbcMessageStore implements MessageStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final String COLUMNS = "conv_id, seq, sender_type, sender_id, kind, body, ts, cmid";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";
    /** One row; also what {@link MessageJournal} replays with. */
    static final String INSERT = "INSERT INTO messages (" + COLUMNS + ") VALUES " + ROW;
    /** Where a sender's client message id is stored in a conversation: its seq and ts. */
    static final String FIND_CMID = "SELECT seq, ts FROM messages WHERE conv_id = ? AND sender_id = ? AND cmid = ?";
    /**
     * PostgreSQL: a batch of up to this many rows is one statement with a row of parameters each. The driver sends
     * each value once, where the arrays below cost it a copy of each value and of each array as it grows (about a
     * third of the message path's garbage on PostgreSQL, 2nd of December).
     */
    static final int ROWS_PER_VALUES = 64;
    /** {@code VALUES_INSERTS[n]}: the statement for {@code n} rows, {@code 1 <= n <= ROWS_PER_VALUES}. */
    private static final String[] VALUES_INSERTS = new String[ROWS_PER_VALUES + 1];

    static {
        StringBuilder sql = new StringBuilder(INSERT);
        VALUES_INSERTS[1] = sql.toString();
        for (int n = 2; n <= ROWS_PER_VALUES; n++) {
            VALUES_INSERTS[n] = sql.append(", ").append(ROW).toString();
        }
    }

    /**
     * PostgreSQL: a larger batch as one statement over arrays, one per column. Auto-committed, either is one round
     * trip to the database (the statements and then COMMIT are two) and still all or nothing.
     */
    private static final String INSERT_ARRAYS = "INSERT INTO messages (" + COLUMNS + ") SELECT * FROM unnest("
            + "?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[],"
            + " ?::varchar[])";

    private final Jdbc jdbc;
    private final BodyJson json;
    private final boolean postgres;
    /** H2 file database: batches are made durable by this journal instead of a {@code CHECKPOINT} each. */
    private final MessageJournal journal;

    public JdbcMessageStore(Database database, ObjectMapper mapper) {
        this(database.dataSource(), database.dialect(), mapper, database.messageJournal());
    }

    public JdbcMessageStore(DataSource dataSource, Database.Dialect dialect, ObjectMapper mapper) {
        this(dataSource, dialect, mapper, null);
    }

    private JdbcMessageStore(DataSource dataSource, Database.Dialect dialect, ObjectMapper mapper,
                             MessageJournal journal) {
        this.jdbc = new Jdbc(dataSource);
        this.json = new BodyJson(mapper);
        this.postgres = dialect == Database.Dialect.POSTGRESQL;
        this.journal = journal;
    }

    /** Cluster mode: this store's writes check {@code fence} first (see {@link WriteFence}). */
    public void fenceWith(WriteFence fence) {
        jdbc.fenceWith(fence);
    }

    /**
     * All or nothing: one auto-committed statement on PostgreSQL without a fence, else one transaction. Throws
     * {@link StoreException} when the database refuses the batch (nothing is stored), and
     * {@link IllegalArgumentException} when a body cannot be written as JSON (nothing is stored).
     */
    @Override
    public void insertBatch(List<Msg> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<String> bodies = new ArrayList<>(messages.size());
        for (Msg m : messages) {
            bodies.add(json.write(m.body()));
        }
        if (postgres && !jdbc.fenced()) {
            jdbc.withConnection("insert messages", c -> messages.size() <= ROWS_PER_VALUES
                    ? insertAsRows(c, messages, bodies) : insertAsArrays(c, messages, bodies));
            return;
        }
        boolean journaled = journal != null && !jdbc.fenced();
        jdbc.inTransaction("insert messages", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < messages.size(); i++) {
                    Msg m = messages.get(i);
                    Jdbc.bind(ps, m.conv(), m.seq(), m.from().type().wire(), m.from().id(), m.kind(),
                            bodies.get(i), m.ts(), m.cmid());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }, !journaled);
        if (journaled) {
            journal(messages, bodies);
        }
    }

    /** H2: one {@code CHECKPOINT} writes every commit to the file. PostgreSQL commits durably. */
    @Override
    public void makeCommittedDurable() {
        if (!postgres) {
            jdbc.checkpoint("make committed messages durable");
        }
    }

    /** After the H2 commit: the batch is durable once its record is in the journal (see {@link MessageJournal}). */
    private void journal(List<Msg> messages, List<String> bodies) {
        List<MessageJournal.Row> rows = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            rows.add(MessageJournal.Row.of(messages.get(i), bodies.get(i)));
        }
        try {
            journal.append(rows);
        } catch (java.io.IOException e) {
            // Committed but not journaled: made durable the slow way, or the batch fails (no ok).
            log.warn("message journal: append failed ({}); this batch is checkpointed instead", e.toString());
            jdbc.checkpoint("checkpoint messages the journal could not take");
        }
    }

    /** One auto-committed statement, a row of parameters a message: on disk when it returns. */
    private static Void insertAsRows(Connection c, List<Msg> messages, List<String> bodies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(VALUES_INSERTS[messages.size()])) {
            int p = 0;
            for (int i = 0; i < messages.size(); i++) {
                Msg m = messages.get(i);
                ps.setString(++p, m.conv());
                ps.setLong(++p, m.seq());
                ps.setString(++p, m.from().type().wire());
                setNullableString(ps, ++p, m.from().id());
                ps.setString(++p, m.kind());
                ps.setString(++p, bodies.get(i));
                ps.setLong(++p, m.ts());
                setNullableString(ps, ++p, m.cmid());
            }
            ps.executeUpdate();
        }
        return null;
    }

    private static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** One auto-committed statement: on disk when it returns (PostgreSQL commits before it answers). */
    private static Void insertAsArrays(Connection c, List<Msg> messages, List<String> bodies) throws SQLException {
        int n = messages.size();
        String[] convs = new String[n];
        Long[] seqs = new Long[n];
        String[] senderTypes = new String[n];
        String[] senderIds = new String[n];
        String[] kinds = new String[n];
        Long[] tss = new Long[n];
        String[] cmids = new String[n];
        for (int i = 0; i < n; i++) {
            Msg m = messages.get(i);
            convs[i] = m.conv();
            seqs[i] = m.seq();
            senderTypes[i] = m.from().type().wire();
            senderIds[i] = m.from().id();
            kinds[i] = m.kind();
            tss[i] = m.ts();
            cmids[i] = m.cmid();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ARRAYS)) {
            ps.setArray(1, c.createArrayOf("varchar", convs));
            ps.setArray(2, c.createArrayOf("int8", seqs));
            ps.setArray(3, c.createArrayOf("varchar", senderTypes));
            ps.setArray(4, c.createArrayOf("varchar", senderIds));
            ps.setArray(5, c.createArrayOf("varchar", kinds));
            ps.setArray(6, c.createArrayOf("varchar", bodies.toArray(String[]::new)));
            ps.setArray(7, c.createArrayOf("int8", tss));
            ps.setArray(8, c.createArrayOf("varchar", cmids));
            ps.executeUpdate();
        }
        return null;
    }

    @Override
    public List<Msg> before(String convId, long beforeSeq, int limit) {
        List<Msg> newestFirst = jdbc.query("read messages", "SELECT " + COLUMNS + " FROM messages"
                + " WHERE conv_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", this::msg, convId, beforeSeq, limit);
        List<Msg> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    @Override
    public List<Msg> after(String convId, long afterSeq, int limit) {
        return jdbc.query("read messages", "SELECT " + COLUMNS + " FROM messages"
                + " WHERE conv_id = ? AND seq > ? ORDER BY seq LIMIT ?", this::msg, convId, afterSeq, limit);
    }

    @Override
    public long lastSeq(String convId) {
        return jdbc.withConnection("read last seq", c -> lastSeq(c, convId));
    }

    @Override
    public Activity activity(String convId) {
        return jdbc.withConnection("read conversation activity", c -> {
            long last = Jdbc.query(c, "SELECT MAX(ts) FROM messages WHERE conv_id = ?", rs -> rs.getLong(1), convId)
                    .stream().findFirst().orElse(0L);
            long lastStaff = Jdbc.query(c, "SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conv_id = ?"
                    + " AND sender_type = 'agent'", rs -> rs.getLong(1), convId).stream().findFirst().orElse(0L);
            long unanswered = Jdbc.query(c, "SELECT MIN(ts) FROM messages WHERE conv_id = ? AND sender_type = 'buyer'"
                            + " AND seq > ?", rs -> rs.getLong(1), convId, lastStaff)
                    .stream().findFirst().orElse(0L);
            List<Long> requests = new ArrayList<>();
            boolean[] handedOff = {false};
            Jdbc.query(c, "SELECT sender_type, ts FROM messages WHERE conv_id = ? AND seq > ?"
                    + " AND sender_type IN ('buyer', 'bot') ORDER BY seq DESC LIMIT ?", rs -> {
                        if (!handedOff[0]) { // newest first: the buyer's messages back to the bot's last one
                            handedOff[0] = "bot".equals(rs.getString(1));
                            requests.add(rs.getLong(2));
                        }
                        return null;
                    }, convId, lastStaff, MAX_WAITING_REQUESTS);
            Collections.reverse(requests);
            return new Activity(last, unanswered, lastStaff > 0, requests);
        });
    }

    @Override
    public java.util.Optional<StoredCmid> findCmid(String convId, String senderId, String cmid) {
        return jdbc.queryOne("find a cmid", FIND_CMID, rs -> new StoredCmid(rs.getLong("seq"), rs.getLong("ts")),
                convId, senderId, cmid);
    }

    @Override
    public Map<String, StoredCmid> recentCmids(String convId, int limit) {
        Map<String, StoredCmid> cmids = new LinkedHashMap<>();
        jdbc.query("read recent cmids", "SELECT sender_id, cmid, seq, ts FROM messages WHERE conv_id = ?"
                + " ORDER BY seq DESC LIMIT ?", rs -> {
                    String cmid = rs.getString("cmid");
                    if (cmid != null) {
                        cmids.put(rs.getString("sender_id") + '\u0000' + cmid,
                                new StoredCmid(rs.getLong("seq"), rs.getLong("ts")));
                    }
                    return null;
                }, convId, limit);
        return cmids;
    }

    private static long lastSeq(Connection c, String convId) throws SQLException {
        List<Long> max = Jdbc.query(c, "SELECT MAX(seq) FROM messages WHERE conv_id = ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? 0L : v;
        }, convId);
        return max.isEmpty() ? 0 : max.get(0);
    }

    private Msg msg(ResultSet rs) throws SQLException {
        String senderType = rs.getString("sender_type");
        PartyType type = PartyType.fromWire(senderType);
        if (type == null) {
            throw new IllegalStateException("message " + rs.getString("conv_id") + "/" + rs.getLong("seq")
                    + " has an unknown sender type '" + senderType + "'");
        }
        return new Msg(rs.getString("conv_id"), rs.getLong("seq"), new Party(type, rs.getString("sender_id")),
                rs.getString("kind"), json.read(rs.getString("body")), rs.getLong("ts"), rs.getString("cmid"));
    }
}
