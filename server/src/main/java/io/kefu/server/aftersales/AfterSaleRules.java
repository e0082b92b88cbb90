package io.kefu.server.aftersales;

import io.kefu.server.base.KefuException;
import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** The bounds of what a ticket holds, and the checks that say which field broke one. Stateless; any thread. */
public final class AfterSaleRules {
    public static final int MAX_REASON = 500;
    public static final int MAX_NOTE = 500;
    public static final int MAX_EVIDENCE = 9;
    public static final int MAX_URL = 1_000;
    /** The longest list answer ({@code GET .../aftersales?limit=}). */
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;

    private AfterSaleRules() {
    }

    /** Each URL absolute http(s) with a host. */
    public static List<String> evidence(List<String> urls) {
        for (int i = 0; i < urls.size(); i++) {
            String raw = urls.get(i);
            String field = "evidence[" + i + "]";
            try {
                URI uri = new URI(raw);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw KefuException.badRequest("field '" + field + "' must be an http(s) URL with a host, was '"
                            + shorten(raw) + "'");
                }
            } catch (URISyntaxException e) {
                throw KefuException.badRequest("field '" + field + "' is not a valid URL: " + e.getReason());
            }
        }
        return urls;
    }

    /** An amount in fen within the order's total. */
    public static long amount(long amount, long orderTotal, String orderNo) {
        if (amount < 0 || amount > orderTotal) {
            throw KefuException.badRequest("field 'amount' must be 0.." + orderTotal + " fen (the total of order "
                    + orderNo + "), was " + amount);
        }
        return amount;
    }

    /**
     * Whether the order can have this kind of ticket: money back needs a paid order that is not cancelled, goods
     * back an order that has shipped.
     */
    public static void orderAllows(Order order, AfterSaleType type) {
        OrderStatus s = order.status();
        boolean paid = s != OrderStatus.UNPAID && s != OrderStatus.CANCELLED;
        boolean shipped = paid && s != OrderStatus.PAID;
        if (type == AfterSaleType.REFUND ? !paid : !shipped) {
            throw KefuException.invalidState("order " + order.orderNo() + " is " + s.wire() + "; a " + type.wire()
                    + (type == AfterSaleType.REFUND ? " needs a paid order (paid, shipped, delivered or completed)"
                    : " needs an order that has shipped (shipped, delivered or completed)"));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
