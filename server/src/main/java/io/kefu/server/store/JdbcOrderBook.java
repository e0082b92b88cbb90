package io.kefu.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.server.base.KefuException;
import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderBook;
import io.kefu.server.orders.OrderJson;
import io.kefu.server.orders.OrderSourceConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@link OrderBook} over JDBC: each order is a row holding the order as JSON ({@link OrderJson}) beside the columns
 * the look-ups use. Writes lock the shop's row (a put) or the order's row (a change), so concurrent writers of one
 * order apply one after the other. Runs on store threads only (it blocks on the database).
 */
public final class JdbcOrderBook implements OrderBook {
    private final Jdbc jdbc;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public JdbcOrderBook(Database database, Clock clock) {
        this(database.dataSource(), clock);
    }

    public JdbcOrderBook(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    @Override
    public Order put(String shopId, Order order) {
        return jdbc.inTransaction("put order", c -> {
            lockShop(c, shopId);
            int updated = Jdbc.update(c, "UPDATE orders SET buyer_id = ?, status = ?, doc = ?, created_at = ?,"
                    + " updated_at = ? WHERE shop_id = ? AND order_no = ?", order.buyerId(), order.status().wire(),
                    doc(order), order.createdAt(), clock.millis(), shopId, order.orderNo());
            if (updated == 0) {
                Jdbc.update(c, "INSERT INTO orders (shop_id, order_no, buyer_id, status, doc, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", shopId, order.orderNo(), order.buyerId(),
                        order.status().wire(), doc(order), order.createdAt(), clock.millis());
            }
            return order;
        });
    }

    @Override
    public Optional<Order> find(String shopId, String orderNo) {
        return jdbc.queryOne("find order", "SELECT doc FROM orders WHERE shop_id = ? AND order_no = ?", this::order,
                shopId, orderNo);
    }

    @Override
    public List<Order> byBuyer(String shopId, String buyerId, int limit) {
        return jdbc.withConnection("orders of buyer", c -> {
            try (var ps = c.prepareStatement("SELECT doc FROM orders WHERE shop_id = ? AND buyer_id = ?"
                    + " ORDER BY created_at DESC, order_no DESC")) {
                ps.setMaxRows(limit);
                Jdbc.bind(ps, shopId, buyerId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Order> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(order(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<Order> change(String shopId, String orderNo, UnaryOperator<Order> change) {
        return jdbc.inTransaction("change order", c -> {
            Optional<Order> before = Jdbc.query(c, "SELECT doc FROM orders WHERE shop_id = ? AND order_no = ? FOR UPDATE",
                    this::order, shopId, orderNo).stream().findFirst();
            if (before.isEmpty()) {
                return Optional.empty();
            }
            Order after = change.apply(before.get());
            Jdbc.update(c, "UPDATE orders SET status = ?, doc = ?, updated_at = ? WHERE shop_id = ? AND order_no = ?",
                    after.status().wire(), doc(after), clock.millis(), shopId, orderNo);
            return Optional.of(after);
        });
    }

    @Override
    public Optional<OrderSourceConfig> sourceConfig(String shopId) {
        return jdbc.queryOne("find order source", "SELECT kind, url, secret, timeout_ms FROM order_sources"
                + " WHERE shop_id = ?", rs -> new OrderSourceConfig(OrderSourceConfig.Kind.fromWire(rs.getString(1))
                .orElse(OrderSourceConfig.Kind.BUILTIN), rs.getString(2), rs.getString(3), rs.getInt(4)), shopId);
    }

    @Override
    public void putSourceConfig(String shopId, OrderSourceConfig config) {
        jdbc.inTransaction("put order source", c -> {
            lockShop(c, shopId);
            Jdbc.update(c, "DELETE FROM order_sources WHERE shop_id = ?", shopId);
            Jdbc.update(c, "INSERT INTO order_sources (shop_id, kind, url, secret, timeout_ms, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", shopId, config.kind().wire(), config.url(), config.secret(),
                    config.timeoutMs(), clock.millis());
            return null;
        });
    }

    private static void lockShop(Connection c, String shopId) throws SQLException {
        if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ? FOR UPDATE", rs -> rs.getString(1), shopId).isEmpty()) {
            throw KefuException.notFound("shop '" + shopId + "' not found");
        }
    }

    private String doc(Order order) {
        try {
            return mapper.writeValueAsString(OrderJson.json(order));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order always serializes", e);
        }
    }

    private Order order(ResultSet rs) throws SQLException {
        try {
            return OrderJson.parse(mapper.readTree(rs.getString(1)), null, 0);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored order is not valid JSON", e);
        }
    }
}
