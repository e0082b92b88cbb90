package io.kefu.server.store;

import io.kefu.server.base.KefuException;
import io.kefu.server.webhooks.Delivery;
import io.kefu.server.webhooks.Webhook;
import io.kefu.server.webhooks.WebhookEvent;
import io.kefu.server.webhooks.WebhookStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link WebhookStore} over JDBC (tables of V10). Adding a webhook locks the shop's row, so two concurrent adds cannot
 * pass the per-shop limit together. Runs on store threads and the webhook worker thread (it blocks on the database).
 */
public final class JdbcWebhookStore implements WebhookStore {
    private static final String DELIVERY_COLUMNS = "id, webhook_id, shop_id, event, body, state, attempts, created_at,"
            + " next_at, last_attempt_at, last_status, last_error";

    private final Jdbc jdbc;

    public JdbcWebhookStore(Database database) {
        this(database.dataSource());
    }

    public JdbcWebhookStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<Webhook> list(String shopId) {
        return jdbc.query("list webhooks", "SELECT id, shop_id, url, events, secret, created_at FROM webhooks"
                + " WHERE shop_id = ? ORDER BY created_at, id", JdbcWebhookStore::webhook, shopId);
    }

    @Override
    public Optional<Webhook> find(String shopId, String webhookId) {
        return jdbc.queryOne("find webhook", "SELECT id, shop_id, url, events, secret, created_at FROM webhooks"
                + " WHERE shop_id = ? AND id = ?", JdbcWebhookStore::webhook, shopId, webhookId);
    }

    @Override
    public void insert(Webhook w, int maxPerShop) {
        jdbc.inTransaction("add webhook", c -> {
            if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ? FOR UPDATE", rs -> rs.getString(1), w.shopId())
                    .isEmpty()) {
                throw KefuException.notFound("shop '" + w.shopId() + "' not found");
            }
            int count = Jdbc.query(c, "SELECT COUNT(*) FROM webhooks WHERE shop_id = ?", rs -> rs.getInt(1),
                    w.shopId()).get(0);
            if (count >= maxPerShop) {
                throw KefuException.invalidState("shop " + w.shopId() + " has " + count + " webhooks, the most it may"
                        + " have (" + maxPerShop + "); delete one first");
            }
            Jdbc.update(c, "INSERT INTO webhooks (id, shop_id, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    w.id(), w.shopId(), w.url(), w.eventsColumn(), w.secret(), w.createdAt());
            return null;
        });
    }

    @Override
    public boolean delete(String shopId, String webhookId) {
        return jdbc.inTransaction("delete webhook", c -> {
            int n = Jdbc.update(c, "DELETE FROM webhooks WHERE shop_id = ? AND id = ?", shopId, webhookId);
            if (n > 0) {
                Jdbc.update(c, "DELETE FROM webhook_deliveries WHERE webhook_id = ?", webhookId);
            }
            return n > 0;
        });
    }

    @Override
    public void addDeliveries(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.inTransaction("add webhook deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_deliveries (" + DELIVERY_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Delivery d : deliveries) {
                    Jdbc.bind(ps, d.id(), d.webhookId(), d.shopId(), d.event().wire(), d.body(), d.state().wire(),
                            d.attempts(), d.createdAt(), d.nextAt(), d.lastAttemptAt(), d.lastStatus(), d.lastError());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void updateDelivery(Delivery d, int keepLog) {
        jdbc.inTransaction("update webhook delivery", c -> {
            Jdbc.update(c, "UPDATE webhook_deliveries SET state = ?, attempts = ?, next_at = ?, last_attempt_at = ?,"
                    + " last_status = ?, last_error = ? WHERE id = ?", d.state().wire(), d.attempts(), d.nextAt(),
                    d.lastAttemptAt(), d.lastStatus(), d.lastError(), d.id());
            if (d.state() != Delivery.State.PENDING) {
                prune(c, d.webhookId(), keepLog);
            }
            return null;
        });
    }

    /** Drops the webhook's finished deliveries older than its newest {@code keep}. */
    private static void prune(java.sql.Connection c, String webhookId, int keep) throws SQLException {
        List<long[]> cut = Jdbc.query(c, "SELECT last_attempt_at FROM webhook_deliveries WHERE webhook_id = ?"
                + " AND state <> 'pending' ORDER BY last_attempt_at DESC, id DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY",
                rs -> new long[] {rs.getLong(1)}, webhookId, keep);
        if (!cut.isEmpty()) {
            // Ties at the cut may go too: the log is bounded, not exact.
            Jdbc.update(c, "DELETE FROM webhook_deliveries WHERE webhook_id = ? AND state <> 'pending'"
                    + " AND last_attempt_at <= ?", webhookId, cut.get(0)[0]);
        }
    }

    @Override
    public List<Delivery> pending(int limit) {
        return limited("pending webhook deliveries", "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
                + " WHERE state = 'pending' ORDER BY next_at, id", limit);
    }

    @Override
    public List<Delivery> pendingOf(String shopId, int limit) {
        return limited("pending webhook deliveries of a shop", "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
                + " WHERE shop_id = ? AND state = 'pending' ORDER BY next_at, id", limit, shopId);
    }

    @Override
    public List<Delivery> recent(String webhookId, int limit) {
        return limited("webhook delivery log", "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries"
                + " WHERE webhook_id = ? ORDER BY created_at DESC, id DESC", limit, webhookId);
    }

    @Override
    public int pendingCount(String webhookId) {
        return jdbc.query("count pending webhook deliveries", "SELECT COUNT(*) FROM webhook_deliveries"
                + " WHERE webhook_id = ? AND state = 'pending'", rs -> rs.getInt(1), webhookId).get(0);
    }

    private List<Delivery> limited(String what, String sql, int limit, Object... params) {
        return jdbc.withConnection(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(limit);
                Jdbc.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Delivery> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(delivery(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        return new Webhook(rs.getString("id"), rs.getString("shop_id"), rs.getString("url"),
                Webhook.parseEvents(rs.getString("events")), rs.getString("secret"), rs.getLong("created_at"));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("webhook_id"), rs.getString("shop_id"),
                WebhookEvent.fromWire(rs.getString("event")).orElseThrow(), rs.getString("body"),
                Delivery.State.fromWire(rs.getString("state")), rs.getInt("attempts"), rs.getLong("created_at"),
                rs.getLong("next_at"), rs.getLong("last_attempt_at"), rs.getInt("last_status"),
                rs.getString("last_error"));
    }
}
