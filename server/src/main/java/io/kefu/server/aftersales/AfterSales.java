package io.kefu.server.aftersales;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.orders.Order;
import io.kefu.server.orders.OrderRules;
import io.kefu.server.orders.OrderSource;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-sale workflow (contract §10, docs/aftersales.md): makes tickets on a shop's orders, applies actions by
 * the {@link Transitions} table and {@link AfterSaleAccess}, answers look-ups, and approves the requested tickets
 * whose reply-by time has passed ({@link #sweep}). Every call returns at once: orders are read through the shop's
 * {@link OrderSource} and the store on the store executor (a full queue answers {@code overloaded}); results
 * complete on a store thread. Each stored change goes to {@link AfterSaleEvents} (messages, pushes, KPIs).
 */
public final class AfterSales {
    private static final Logger log = LoggerFactory.getLogger(AfterSales.class);
    private static final long HOUR_MS = 3_600_000L;

    private final AfterSaleStore store;
    private final StoreExecutor executor;
    private final OrderSource orders;
    private final ShopStore shops;
    private final ConversationStore conversations;
    private final IdGenerator ids;
    private final Clock clock;
    private final AfterSaleEvents events;

    public AfterSales(AfterSaleStore store, StoreExecutor executor, OrderSource orders, ShopStore shops,
                      ConversationStore conversations, IdGenerator ids, Clock clock, AfterSaleEvents events) {
        this.store = store;
        this.executor = executor;
        this.orders = orders;
        this.shops = shops;
        this.conversations = conversations;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** No after-sales (tests of the API alone): every call fails with {@code internal}. */
    public static AfterSales unavailable() {
        return new AfterSales(null, null, null, null, null, null, Clock.systemUTC(), AfterSaleEvents.NONE);
    }

    /**
     * A new ticket on the shop's order {@code req.orderNo()}: by the shop's staff, or by the buyer the order belongs
     * to. Anyone else, and an order the shop does not have, get {@code not_found}; so does a {@code conv} that is not
     * the order's buyer's conversation with the shop.
     */
    public CompletableFuture<AfterSale> create(String shopId, Principal who, NewAfterSale req) {
        if (store == null) {
            return unavailableFuture();
        }
        boolean staff = AfterSaleAccess.isStaff(who, shopId);
        if (!staff && who.role() != Role.BUYER) {
            return CompletableFuture.failedFuture(OrderRules.notFound(req.orderNo())); // another shop's staff
        }
        return orders.find(shopId, req.orderNo()).thenCompose(found -> {
            Order order = found.filter(o -> staff || o.buyerId().equals(who.userId()))
                    .orElseThrow(() -> OrderRules.notFound(req.orderNo()));
            AfterSaleRules.orderAllows(order, req.type());
            Long amount = req.amount() != null ? Long.valueOf(AfterSaleRules.amount(req.amount(), order.total(),
                    order.orderNo())) : req.type() == AfterSaleType.EXCHANGE ? null : Long.valueOf(order.total());
            return executor.submit(() -> insert(shopId, who, req, order, amount));
        }).thenApply(t -> {
            log.info("after-sale created shop={} id={} type={} order={} by={}", shopId, t.id(), t.type().wire(),
                    t.orderNo(), who.userId());
            events.changed(t, t.history());
            return t;
        });
    }

    /** Runs on a store thread. */
    private AfterSale insert(String shopId, Principal who, NewAfterSale req, Order order, Long amount) {
        if (req.conv() != null) {
            Optional<ConversationRecord> conv = conversations.find(req.conv());
            if (conv.isEmpty() || !conv.get().shopId().equals(shopId)
                    || !conv.get().buyerId().equals(order.buyerId())) {
                throw KefuException.notFound("conversation " + req.conv() + " not found (field 'conv' must be the"
                        + " conversation of order " + order.orderNo() + "'s buyer with this shop)");
            }
        }
        int hours = shops.routingSettings(shopId).aftersaleReplyHours();
        long now = clock.millis();
        AfterSale.Step created = new AfterSale.Step(Actor.of(who).id(), Actor.of(who).role(), AfterSaleAction.CREATE,
                null, AfterSaleState.REQUESTED, null, now);
        AfterSale t = new AfterSale(ids.next(), shopId, order.buyerId(), order.orderNo(), req.conv(), req.type(),
                AfterSaleState.REQUESTED, req.reason(), amount, order.total(), req.evidence(), now, now,
                hours == 0 ? null : now + hours * HOUR_MS, List.of(created));
        store.insert(t);
        return t;
    }

    /**
     * {@code action} on the shop's ticket {@code id} by {@code who}, with an optional note and amount (fen; only
     * {@code approve} and {@code refund} set one). {@code not_found} for a ticket {@code who} may not see.
     */
    public CompletableFuture<AfterSale> act(String shopId, String id, Principal who, AfterSaleAction action,
                                            String note, Long amount) {
        if (store == null) {
            return unavailableFuture();
        }
        if (amount != null && action != AfterSaleAction.APPROVE && action != AfterSaleAction.REFUND) {
            return CompletableFuture.failedFuture(KefuException.badRequest("field 'amount' is only for approve and"
                    + " refund, not " + action.wire()));
        }
        Actor actor = Actor.of(who);
        return executor.submit(() -> store.change(shopId, id, t -> {
            AfterSaleAccess.mayAct(who, t, action);
            return apply(t, actor, action, note, amount);
        }).orElseThrow(() -> AfterSaleAccess.notFound(id))).thenApply(t -> {
            List<AfterSale.Step> added = addedBy(t, action);
            log.info("after-sale {} shop={} id={} state={} by={}", action.wire(), shopId, id, t.state().wire(),
                    who.userId());
            events.changed(t, added);
            return t;
        });
    }

    /** {@code t} moved on by {@code action} now, and by the server's own step if one follows. */
    private AfterSale apply(AfterSale t, Actor actor, AfterSaleAction action, String note, Long amount) {
        AfterSaleState next = Transitions.next(t.id(), t.type(), t.state(), action);
        Long checked = amount == null ? null : AfterSaleRules.amount(amount, t.orderTotal(), t.orderNo());
        long now = Math.max(clock.millis(), t.updatedAt());
        AfterSale moved = t.with(new AfterSale.Step(actor.id(), actor.role(), action, t.state(), next, note, now),
                checked);
        Optional<AfterSaleState> auto = Transitions.automatic(moved.type(), moved.state());
        return auto.isEmpty() ? moved : moved.with(new AfterSale.Step(Actor.SYSTEM.id(), Actor.SYSTEM.role(),
                AfterSaleAction.AWAIT_RETURN, moved.state(), auto.get(), null, now), null);
    }

    /** The shop's ticket, if {@code who} may see it (its staff, its buyer); else {@code not_found}. */
    public CompletableFuture<AfterSale> get(String shopId, String id, Principal who) {
        if (store == null) {
            return unavailableFuture();
        }
        return executor.submit(() -> store.find(shopId, id).map(t -> AfterSaleAccess.visible(who, t))
                .orElseThrow(() -> AfterSaleAccess.notFound(id)));
    }

    /** The shop's tickets, newest first; {@code state} and {@code buyerId} narrow it when not null. Staff only. */
    public CompletableFuture<List<AfterSale>> list(String shopId, AfterSaleState state, String buyerId, int limit) {
        if (store == null) {
            return unavailableFuture();
        }
        return executor.submit(() -> store.list(shopId, state, buyerId, limit));
    }

    /**
     * Approves, as the server ({@code system}), the requested tickets whose reply-by time is at or before
     * {@code now}: at most {@code batch} of them; completes with how many were due. A ticket the shop answered
     * meanwhile is left as the shop left it.
     */
    public CompletableFuture<Integer> sweep(long now, int batch) {
        if (store == null) {
            return CompletableFuture.completedFuture(0);
        }
        return executor.submit(() -> {
            List<AfterSaleStore.Ref> due = store.due(now, batch);
            for (AfterSaleStore.Ref ref : due) {
                boolean[] approved = {false};
                Optional<AfterSale> after = store.change(ref.shopId(), ref.id(), t -> {
                    if (t.state() != AfterSaleState.REQUESTED || t.replyBy() == null || t.replyBy() > now) {
                        return t; // answered, or given more time, since the query
                    }
                    approved[0] = true;
                    return apply(t, Actor.SYSTEM, AfterSaleAction.APPROVE, null, null);
                });
                if (approved[0] && after.isPresent()) {
                    log.info("after-sale approved by the server shop={} id={} (no answer by its reply-by time)",
                            ref.shopId(), ref.id());
                    events.changed(after.get(), addedBy(after.get(), AfterSaleAction.APPROVE));
                }
            }
            return due.size();
        });
    }

    private static List<AfterSale.Step> addedBy(AfterSale t, AfterSaleAction action) {
        List<AfterSale.Step> h = t.history();
        int from = h.size() - 1;
        while (from > 0 && h.get(from).action() != action) {
            from--;
        }
        return new ArrayList<>(h.subList(from, h.size()));
    }

    private static <T> CompletableFuture<T> unavailableFuture() {
        return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL, "after-sales are not available"));
    }
}
