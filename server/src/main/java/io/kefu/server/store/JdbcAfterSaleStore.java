package io.kefu.server.store;

import io.kefu.server.aftersales.AfterSale;
import io.kefu.server.aftersales.AfterSaleAction;
import io.kefu.server.aftersales.AfterSaleState;
import io.kefu.server.aftersales.AfterSaleStore;
import io.kefu.server.aftersales.AfterSaleType;
import io.kefu.server.base.KefuException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@link AfterSaleStore} over JDBC: a row per ticket ({@code aftersales}, V8) and a row per change
 * ({@code aftersale_history}). A change locks the ticket's row, so two callers acting on one ticket apply one after
 * the other and the second sees the first's state. Runs on store threads only (it blocks on the database).
 */
public final class JdbcAfterSaleStore implements AfterSaleStore {
    private static final String COLUMNS = "id, shop_id, buyer_id, order_no, conv_id, type, state, reason, amount,"
            + " order_total, evidence, created_at, updated_at, reply_by";

    private final Jdbc jdbc;

    public JdbcAfterSaleStore(Database database) {
        this(database.dataSource());
    }

    public JdbcAfterSaleStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void insert(AfterSale t) {
        jdbc.inTransaction("insert after-sale", c -> {
            if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ?", rs -> rs.getString(1), t.shopId()).isEmpty()) {
                throw KefuException.notFound("shop '" + t.shopId() + "' not found");
            }
            Jdbc.update(c, "INSERT INTO aftersales (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    t.id(), t.shopId(), t.buyerId(), t.orderNo(), t.conv(), t.type().wire(), t.state().wire(),
                    t.reason(), t.amount(), t.orderTotal(), String.join("\n", t.evidence()), t.createdAt(),
                    t.updatedAt(), t.replyBy());
            insertSteps(c, t, 0);
            return null;
        });
    }

    @Override
    public Optional<AfterSale> find(String shopId, String id) {
        return jdbc.withConnection("find after-sale", c -> one(c, shopId, id, ""));
    }

    @Override
    public List<AfterSale> list(String shopId, AfterSaleState state, String buyerId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM aftersales WHERE shop_id = ?");
        List<Object> params = new ArrayList<>(List.of(shopId));
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.wire());
        }
        if (buyerId != null) {
            sql.append(" AND buyer_id = ?");
            params.add(buyerId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC");
        return jdbc.withConnection("list after-sales", c -> {
            List<AfterSale> bare;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setMaxRows(limit);
                Jdbc.bind(ps, params.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    bare = new ArrayList<>();
                    while (rs.next()) {
                        bare.add(ticket(rs, List.of()));
                    }
                }
            }
            return withHistories(c, bare);
        });
    }

    @Override
    public Optional<AfterSale> change(String shopId, String id, UnaryOperator<AfterSale> change) {
        return jdbc.inTransaction("change after-sale", c -> {
            Optional<AfterSale> before = one(c, shopId, id, " FOR UPDATE");
            if (before.isEmpty()) {
                return Optional.empty();
            }
            AfterSale after = change.apply(before.get());
            Jdbc.update(c, "UPDATE aftersales SET state = ?, amount = ?, updated_at = ?, reply_by = ? WHERE id = ?",
                    after.state().wire(), after.amount(), after.updatedAt(), after.replyBy(), id);
            insertSteps(c, after, before.get().history().size());
            return Optional.of(after);
        });
    }

    @Override
    public List<Ref> due(long now, int limit) {
        return jdbc.withConnection("due after-sales", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT shop_id, id FROM aftersales"
                    + " WHERE reply_by <= ? AND state = ? ORDER BY reply_by, id")) {
                ps.setMaxRows(limit);
                Jdbc.bind(ps, now, AfterSaleState.REQUESTED.wire());
                List<Ref> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Ref(rs.getString(1), rs.getString(2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public BuyerActivity activity(String shopId, String buyerId) {
        return jdbc.withConnection("buyer activity", c -> {
            long tickets = count(c, "SELECT COUNT(*) FROM aftersales WHERE shop_id = ? AND buyer_id = ?", shopId, buyerId);
            long convs = count(c, "SELECT COUNT(*) FROM conversations WHERE buyer_id = ? AND shop_id = ?", buyerId, shopId);
            long opened = count(c, "SELECT MAX(created_at) FROM conversations WHERE buyer_id = ? AND shop_id = ?",
                    buyerId, shopId);
            long wrote = count(c, "SELECT MAX(m.ts) FROM messages m JOIN conversations v ON v.id = m.conv_id"
                    + " WHERE v.buyer_id = ? AND v.shop_id = ? AND m.sender_type = 'buyer'", buyerId, shopId);
            long acted = count(c, "SELECT MAX(h.ts) FROM aftersale_history h JOIN aftersales a ON a.id = h.aftersale_id"
                    + " WHERE a.shop_id = ? AND a.buyer_id = ? AND h.actor_role = 'buyer'", shopId, buyerId);
            long last = Math.max(opened, Math.max(wrote, acted));
            return new BuyerActivity(tickets, convs, last == 0 ? null : last);
        });
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        return Jdbc.query(c, sql, rs -> rs.getLong(1), params).stream().findFirst().orElse(0L);
    }

    private Optional<AfterSale> one(Connection c, String shopId, String id, String lock) throws SQLException {
        List<AfterSale> found = Jdbc.query(c, "SELECT " + COLUMNS + " FROM aftersales WHERE id = ? AND shop_id = ?"
                + lock, rs -> ticket(rs, List.of()), id, shopId);
        return found.isEmpty() ? Optional.empty() : Optional.of(withHistories(c, found).get(0));
    }

    /** The tickets with their histories, read in one query. */
    private static List<AfterSale> withHistories(Connection c, List<AfterSale> bare) throws SQLException {
        if (bare.isEmpty()) {
            return bare;
        }
        Map<String, List<AfterSale.Step>> steps = new HashMap<>();
        String marks = String.join(", ", Collections.nCopies(bare.size(), "?"));
        Jdbc.query(c, "SELECT aftersale_id, actor_id, actor_role, action, from_state, to_state, note, ts"
                + " FROM aftersale_history WHERE aftersale_id IN (" + marks + ") ORDER BY aftersale_id, seq", rs -> {
                    steps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AfterSale.Step(
                            rs.getString(2), rs.getString(3), action(rs.getString(4)),
                            rs.getString(5) == null ? null : state(rs.getString(5)), state(rs.getString(6)),
                            rs.getString(7), rs.getLong(8)));
                    return null;
                }, bare.stream().map(AfterSale::id).toArray());
        List<AfterSale> out = new ArrayList<>(bare.size());
        for (AfterSale t : bare) {
            out.add(new AfterSale(t.id(), t.shopId(), t.buyerId(), t.orderNo(), t.conv(), t.type(), t.state(),
                    t.reason(), t.amount(), t.orderTotal(), t.evidence(), t.createdAt(), t.updatedAt(), t.replyBy(),
                    steps.getOrDefault(t.id(), List.of())));
        }
        return out;
    }

    private static void insertSteps(Connection c, AfterSale t, int from) throws SQLException {
        for (int i = from; i < t.history().size(); i++) {
            AfterSale.Step s = t.history().get(i);
            Jdbc.update(c, "INSERT INTO aftersale_history (aftersale_id, seq, actor_id, actor_role, action, from_state,"
                    + " to_state, note, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), i + 1, s.actorId(), s.role(),
                    s.action().wire(), s.from() == null ? null : s.from().wire(), s.to().wire(), s.note(), s.ts());
        }
    }

    private static AfterSale ticket(ResultSet rs, List<AfterSale.Step> history) throws SQLException {
        String evidence = rs.getString("evidence");
        long amount = rs.getLong("amount");
        Long amountOrNull = rs.wasNull() ? null : amount;
        long replyBy = rs.getLong("reply_by");
        Long replyByOrNull = rs.wasNull() ? null : replyBy;
        return new AfterSale(rs.getString("id"), rs.getString("shop_id"), rs.getString("buyer_id"),
                rs.getString("order_no"), rs.getString("conv_id"),
                AfterSaleType.fromWire(rs.getString("type")).orElseThrow(), state(rs.getString("state")),
                rs.getString("reason"), amountOrNull, rs.getLong("order_total"),
                evidence == null || evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split("\n")),
                rs.getLong("created_at"), rs.getLong("updated_at"), replyByOrNull, history);
    }

    private static AfterSaleState state(String wire) {
        return AfterSaleState.fromWire(wire).orElseThrow(() -> new IllegalStateException("stored state " + wire));
    }

    private static AfterSaleAction action(String wire) {
        for (AfterSaleAction a : AfterSaleAction.values()) {
            if (a.wire().equals(wire)) {
                return a;
            }
        }
        throw new IllegalStateException("stored action " + wire);
    }
}
