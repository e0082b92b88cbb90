package io.kefu.server.routing;

import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.KefuException;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.GroupRecord;
import io.kefu.server.store.ShopRecord;
import io.kefu.server.store.StoredCmid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a router loads from the store when its shop is first touched. Built on a store thread. */
record ShopSnapshot(ShopRecord shop, List<GroupRecord> groups, List<AgentRecord> agents,
                    List<LoadedConversation> open) {

    record LoadedConversation(ConversationRecord record, BuyerRef buyer, long lastSeq,
                              Map<String, StoredCmid> cmids) {
    }

    /** Runs on a store thread. */
    static ShopSnapshot load(RouterContext ctx, String shopId) {
        ShopRecord shop = ctx.shops().findShop(shopId)
                .orElseThrow(() -> KefuException.notFound("shop '" + shopId + "' does not exist"));
        List<LoadedConversation> open = new ArrayList<>();
        for (ConversationRecord c : ctx.conversations().openForShop(shopId)) {
            open.add(new LoadedConversation(c, buyerRef(ctx, c.buyerId(), null), ctx.messages().lastSeq(c.id()),
                    ctx.messages().recentCmids(c.id(), ConversationState.CMID_MEMORY)));
        }
        return new ShopSnapshot(shop, ctx.shops().groups(shopId), ctx.shops().agents(shopId), open);
    }

    /** Runs on a store thread. */
    static BuyerRef buyerRef(RouterContext ctx, String buyerId, String fallbackName) {
        return ctx.buyers().findBuyer(buyerId)
                .map(b -> new BuyerRef(b.id(), b.name() != null ? b.name() : fallbackName, b.tags()))
                .orElseGet(() -> new BuyerRef(buyerId, fallbackName, List.of()));
    }

    static void restoreCmids(ConversationState c, Map<String, StoredCmid> cmids) {
        cmids.forEach((key, stored) -> c.cmids.put(key, new SendResult(c.id(), stored.seq(), stored.ts())));
    }
}
