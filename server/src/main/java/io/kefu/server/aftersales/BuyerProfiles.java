package io.kefu.server.aftersales;

import io.kefu.server.base.KefuException;
import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderSource;
import io.kefu.server.orders.OrderStatus;
import io.kefu.server.store.StoreExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of a buyer's profile in a shop (contract §10, {@code GET .../buyers/{buyerId}}): orders and spend from
 * the shop's {@link OrderSource} (orders that are not cancelled, among the latest {@value #MAX_ORDERS}),
 * conversations, after-sales and when the buyer was last seen from the store. An order source that fails leaves
 * {@code orders} and {@code spent} null rather than failing the profile. Returns at once; completes on a store
 * thread or the order source's.
 */
public final class BuyerProfiles {
    private static final Logger log = LoggerFactory.getLogger(BuyerProfiles.class);
    /** How many of the buyer's latest orders are counted. */
    public static final int MAX_ORDERS = 1_000;

    private final AfterSaleStore store;
    private final StoreExecutor executor;
    private final OrderSource orders;

    public BuyerProfiles(AfterSaleStore store, StoreExecutor executor, OrderSource orders) {
        this.store = store;
        this.executor = executor;
        this.orders = orders;
    }

    /** {@code orders}/{@code spent} null when the order source could not answer; spend in fen. */
    public record Figures(Long orders, Long spent, long conversations, long aftersales, Long lastSeenAt) {
    }

    /** The buyer's figures; {@code null} without profiles (tests of the API alone). */
    public CompletableFuture<Figures> figures(String shopId, String buyerId) {
        if (store == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<long[]> bought = orders.byBuyer(shopId, buyerId, MAX_ORDERS).thenApply(BuyerProfiles::sum)
                .exceptionally(e -> {
                    log.warn("buyer profile without orders shop={}: the order source failed: {}", shopId,
                            KefuException.unwrap(e).toString());
                    return null;
                });
        CompletableFuture<AfterSaleStore.BuyerActivity> activity = executor.submit(() -> store.activity(shopId, buyerId));
        return activity.thenCombine(bought, (a, o) -> new Figures(o == null ? null : o[0], o == null ? null : o[1],
                a.conversations(), a.aftersales(), a.lastSeenAt()));
    }

    private static long[] sum(List<Order> list) {
        long count = 0;
        long spent = 0;
        for (Order o : list) {
            if (o.status() != OrderStatus.CANCELLED) {
                count++;
                spent += o.total();
            }
        }
        return new long[] {count, spent};
    }

    /** No profiles (tests of the API alone): no figures, so a profile is only the shop's tags and note. */
    public static BuyerProfiles unavailable() {
        return new BuyerProfiles(null, null, null);
    }
}
