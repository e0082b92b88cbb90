package io.kefu.server.store;

import io.kefu.protocol.ConvState;
import io.kefu.server.base.KefuException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ConversationStore} over JDBC. Runs on store threads only (it blocks on the database).
 * The records' "0 = not yet" times are stored as NULL.
 */
public final class JdbcConversationStore implements ConversationStore {
    private static final String COLUMNS = "id, shop_id, buyer_id, state, group_id, agent_id, entry_type,"
            + " entry_ref, created_at, assigned_at, closed_at, closed_by, close_reason, rating, rating_comment,"
            + " priority, queued_at, queue_key";
    /** Spelled as a list of the open states, not {@code <> 'closed'}, so the (.., state) index serves it. */
    private static final String OPEN = " state IN ('bot', 'queued', 'assigned')";

    private final Jdbc jdbc;

    public JdbcConversationStore(Database database) {
        this(database.dataSource());
    }

    public JdbcConversationStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Cluster mode: this store's writes check {@code fence} first (see {@link WriteFence}). */
    public void fenceWith(WriteFence fence) {
        jdbc.fenceWith(fence);
    }

    @Override
    public void insert(ConversationRecord c) {
        jdbc.update("insert conversation", "INSERT INTO conversations (" + COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), c.shopId(), c.buyerId(), c.state().wire(), c.groupId(), c.agentId(), c.entryType(),
                c.entryRef(), c.createdAt(), Jdbc.zeroAsNull(c.assignedAt()), Jdbc.zeroAsNull(c.closedAt()),
                c.closedBy(), c.closeReason(), c.rating(), c.ratingComment(), c.priority(),
                Jdbc.zeroAsNull(c.queuedAt()), c.queueKey());
    }

    @Override
    public void update(ConversationRecord c) {
        int rows = jdbc.update("update conversation", "UPDATE conversations SET state = ?, group_id = ?,"
                        + " agent_id = ?, assigned_at = ?, closed_at = ?, closed_by = ?, close_reason = ?,"
                        + " rating = ?, rating_comment = ?, priority = ?, queued_at = ?, queue_key = ? WHERE id = ?",
                c.state().wire(), c.groupId(), c.agentId(), Jdbc.zeroAsNull(c.assignedAt()),
                Jdbc.zeroAsNull(c.closedAt()), c.closedBy(), c.closeReason(), c.rating(), c.ratingComment(),
                c.priority(), Jdbc.zeroAsNull(c.queuedAt()), c.queueKey(), c.id());
        if (rows == 0) {
            throw KefuException.notFound("conversation " + c.id() + " not found");
        }
    }

    @Override
    public Optional<ConversationRecord> find(String convId) {
        return jdbc.queryOne("find conversation", "SELECT " + COLUMNS + " FROM conversations WHERE id = ?",
                JdbcConversationStore::conversation, convId);
    }

    @Override
    public Optional<ConversationRecord> findOpen(String shopId, String buyerId) {
        // Newest first: should a bug ever leave two open, the router sees the one it made last.
        return jdbc.queryOne("find open conversation", "SELECT " + COLUMNS + " FROM conversations"
                        + " WHERE buyer_id = ? AND shop_id = ? AND" + OPEN
                        + " ORDER BY created_at DESC, id DESC LIMIT 1",
                JdbcConversationStore::conversation, buyerId, shopId);
    }

    @Override
    public Optional<String> lastAgent(String shopId, String buyerId, long sinceMillis) {
        return jdbc.queryOne("find last agent", "SELECT agent_id FROM conversations WHERE buyer_id = ? AND shop_id = ?"
                        + " AND state = 'closed' AND agent_id IS NOT NULL AND closed_at >= ?"
                        + " ORDER BY closed_at DESC, id DESC LIMIT 1",
                rs -> rs.getString(1), buyerId, shopId, sinceMillis);
    }

    @Override
    public List<ConversationRecord> openForShop(String shopId) {
        return jdbc.query("list open conversations", "SELECT " + COLUMNS + " FROM conversations"
                        + " WHERE shop_id = ? AND" + OPEN + " ORDER BY created_at, id",
                JdbcConversationStore::conversation, shopId);
    }

    @Override
    public List<ConversationRecord> openForBuyer(String buyerId) {
        return jdbc.query("list open conversations", "SELECT " + COLUMNS + " FROM conversations"
                        + " WHERE buyer_id = ? AND" + OPEN + " ORDER BY created_at, id",
                JdbcConversationStore::conversation, buyerId);
    }

    private static ConversationRecord conversation(ResultSet rs) throws SQLException {
        String stateText = rs.getString("state");
        ConvState state = ConvState.fromWire(stateText);
        if (state == null) {
            throw new IllegalStateException("conversation " + rs.getString("id") + " has an unknown state '"
                    + stateText + "'");
        }
        int rating = rs.getInt("rating");
        Integer ratingOrNull = rs.wasNull() ? null : rating;
        return new ConversationRecord(rs.getString("id"), rs.getString("shop_id"), rs.getString("buyer_id"),
                state, rs.getString("group_id"), rs.getString("agent_id"), rs.getString("entry_type"),
                rs.getString("entry_ref"), rs.getLong("created_at"), Jdbc.longOrZero(rs, "assigned_at"),
                Jdbc.longOrZero(rs, "closed_at"), rs.getString("closed_by"), rs.getString("close_reason"),
                ratingOrNull, rs.getString("rating_comment"), rs.getString("priority"),
                Jdbc.longOrZero(rs, "queued_at"), rs.getLong("queue_key"));
    }
}
