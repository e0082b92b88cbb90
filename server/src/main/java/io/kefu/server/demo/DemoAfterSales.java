package io.kefu.server.demo;

import io.kefu.protocol.Role;
import io.kefu.server.aftersales.AfterSaleAction;
import io.kefu.server.aftersales.AfterSaleType;
import io.kefu.server.aftersales.AfterSales;
import io.kefu.server.aftersales.NewAfterSale;
import io.kefu.server.auth.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The demo shop's after-sale tickets, one in each part of the workflow: Alice's return waiting for the shop
 * ({@code requested}), her refund paid out ({@code refunded}), Bob's exchange waiting for his parcel
 * ({@code awaiting_return}) and his refused refund that he took to the platform ({@code disputed}). Made only when
 * the shop has no tickets, through the workflow itself, so each has its history. Calls return at once.
 */
final class DemoAfterSales {
    private final AfterSales aftersales;

    DemoAfterSales(AfterSales aftersales) {
        this.aftersales = aftersales;
    }

    /** Completes with how many tickets were made; {@code agent} is the demo agent who answers them. */
    CompletableFuture<Integer> seed(String shopId, Principal agent) {
        return aftersales.list(shopId, null, null, 1).thenCompose(existing -> {
            if (!existing.isEmpty()) {
                return CompletableFuture.completedFuture(0);
            }
            Principal alice = Principal.buyer(DemoOrders.ALICE, null);
            Principal bob = Principal.buyer(DemoOrders.BOB, null);
            return ticket(shopId, alice, "DEMO-1004", AfterSaleType.RETURN, "尺码偏小，想退货", List.of())
                    .thenCompose(x -> ticket(shopId, alice, "DEMO-1005", AfterSaleType.REFUND, "少发了一个帆布包",
                            List.of(AfterSaleAction.APPROVE, AfterSaleAction.REFUND), agent, null))
                    .thenCompose(x -> ticket(shopId, bob, "DEMO-2001", AfterSaleType.EXCHANGE, "想换成黑色",
                            List.of(AfterSaleAction.APPROVE), agent, null))
                    .thenCompose(x -> ticket(shopId, bob, "DEMO-2002", AfterSaleType.REFUND, "T恤洗后缩水",
                            List.of(AfterSaleAction.REJECT, AfterSaleAction.ESCALATE), agent, bob))
                    .thenApply(x -> 4);
        });
    }

    private CompletableFuture<?> ticket(String shopId, Principal buyer, String orderNo, AfterSaleType type,
                                       String reason, List<AfterSaleAction> actions) {
        return ticket(shopId, buyer, orderNo, type, reason, actions, null, null);
    }

    /** Made by {@code buyer}, then each action by {@code agent} ({@code escalate} by {@code escalator}). */
    private CompletableFuture<?> ticket(String shopId, Principal buyer, String orderNo, AfterSaleType type,
                                       String reason, List<AfterSaleAction> actions, Principal agent,
                                       Principal escalator) {
        CompletableFuture<String> made = aftersales.create(shopId, buyer,
                new NewAfterSale(orderNo, null, type, reason, null, List.of())).thenApply(t -> t.id());
        CompletableFuture<?> done = made;
        for (AfterSaleAction action : actions) {
            Principal who = action == AfterSaleAction.ESCALATE ? escalator : agent;
            String note = action == AfterSaleAction.REJECT ? "洗涤不当导致，不在售后范围" : null;
            done = done.thenCompose(x -> made.thenCompose(id -> aftersales.act(shopId, id, who, action, note, null)));
        }
        return done;
    }

    static Principal agent(String agentId, String shopId, String name) {
        return Principal.staff(agentId, Role.AGENT, shopId, name);
    }
}
