package io.kefu.server.routing;

import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.base.KefuException;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.GroupRecord;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.ShopBuyerRecord;
import io.kefu.server.store.ShopRecord;
import io.kefu.server.store.StoredCmid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What a router loads from the store when its shop is first touched. Built on a store thread. */
record ShopSnapshot(ShopRecord shop, RoutingSettings settings, List<GroupRecord> groups, List<AgentRecord> agents,
                    List<LoadedConversation> open) {

    record LoadedConversation(ConversationRecord record, BuyerRef buyer, long lastSeq,
                              Map<String, StoredCmid> cmids, MessageStore.Activity activity) {
    }

    /** Runs on a store thread. */
    static ShopSnapshot load(RouterContext ctx, String shopId) {
        ShopRecord shop = ctx.shops().findShop(shopId)
                .orElseThrow(() -> KefuException.notFound("shop '" + shopId + "' does not exist"));
        List<LoadedConversation> open = new ArrayList<>();
        for (ConversationRecord c : ctx.conversations().openForShop(shopId)) {
            open.add(new LoadedConversation(c, buyerRef(ctx, shopId, c.buyerId(), null), ctx.messages().lastSeq(c.id()),
                    ctx.messages().recentCmids(c.id(), ConversationState.CMID_MEMORY), ctx.messages().activity(c.id())));
        }
        // Queued ones rejoin in their old order: back arrivals by time, front places (negative keys) first.
        open.sort(Comparator.comparingLong((LoadedConversation lc) -> lc.record().queueKey())
                .thenComparing(lc -> lc.record().id()));
        return new ShopSnapshot(shop, ctx.shops().routingSettings(shopId), ctx.shops().groups(shopId),
                ctx.shops().agents(shopId), open);
    }

    /** The buyer as the shop's staff see them: name, and the shop's tags with the platform's. Runs on a store thread. */
    static BuyerRef buyerRef(RouterContext ctx, String shopId, String buyerId, String fallbackName) {
        List<String> tags = new ArrayList<>(ctx.buyers().findShopBuyer(shopId, buyerId)
                .map(ShopBuyerRecord::tags).orElse(List.of()));
        return ctx.buyers().findBuyer(buyerId)
                .map(b -> {
                    b.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
                    return new BuyerRef(b.id(), b.name() != null ? b.name() : fallbackName, List.copyOf(tags));
                })
                .orElseGet(() -> new BuyerRef(buyerId, fallbackName, List.copyOf(tags)));
    }

    static void restoreCmids(ConversationState c, Map<String, StoredCmid> cmids) {
        // the store lists them newest first; the memory evicts in insertion order, so insert the oldest first
        List<Map.Entry<String, StoredCmid>> oldestFirst = new java.util.ArrayList<>(cmids.entrySet());
        java.util.Collections.reverse(oldestFirst);
        oldestFirst.forEach(e -> c.cmids.remember(e.getKey(), new SendResult(c.id(), e.getValue().seq(), e.getValue().ts()),
                Long.MIN_VALUE));
    }
}
