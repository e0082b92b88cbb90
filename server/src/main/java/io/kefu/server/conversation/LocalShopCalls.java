package io.kefu.server.conversation;

import io.kefu.protocol.Close;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.Frame;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.MessagesResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.ShopRouter;
import io.kefu.server.routing.ShopRouters;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.StoreExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The shop calls answered by this node's routers: on one node all of them, in a cluster those of the shops this node
 * owns (the cluster layer decides which calls reach here). Thread-safe; never blocks.
 */
public final class LocalShopCalls implements ShopCalls {
    private final ShopRouters routers;
    private final MessageStore messages;
    private final StoreExecutor store;

    public LocalShopCalls(ShopRouters routers, MessageStore messages, StoreExecutor store) {
        this.routers = routers;
        this.messages = messages;
        this.store = store;
    }

    @Override
    public CompletableFuture<OkResult> frame(String shopId, Principal p, Frame frame) {
        ShopRouter r = routers.forShop(shopId);
        if (frame instanceof Open open) {
            return r.open(p, open).thenApply(OkResult.class::cast);
        }
        if (frame instanceof Send s) {
            return r.send(p, s.conv(), s.cmid(), s.kind(), s.body(), s.script()).thenApply(OkResult.class::cast);
        }
        if (frame instanceof ScriptFill f) {
            return r.scriptFill(p, f.conv(), f.script()).thenApply(OkResult.class::cast);
        }
        if (frame instanceof Read read) {
            return empty(r.read(p, read));
        }
        if (frame instanceof Typing t) {
            return empty(r.typing(p, t));
        }
        if (frame instanceof History h) {
            int limit = FrameDispatcher.limit(h.limit(), FrameDispatcher.HISTORY_DEFAULT, FrameDispatcher.HISTORY_MAX,
                    "history");
            long before = h.beforeSeq() == null ? Long.MAX_VALUE : h.beforeSeq();
            return readable(r, p, h.conv()).thenCompose(c -> store.submit(() -> messages.before(c.id(), before, limit)))
                    .thenApply(MessagesResult::new);
        }
        if (frame instanceof Sync s) {
            int limit = FrameDispatcher.limit(s.limit(), FrameDispatcher.SYNC_DEFAULT, FrameDispatcher.SYNC_MAX, "sync");
            return readable(r, p, s.conv()).thenCompose(c -> store.submit(() -> messages.after(c.id(), s.afterSeq(), limit)))
                    .thenApply(MessagesResult::new);
        }
        if (frame instanceof Human h) {
            return empty(r.human(p, h.conv()));
        }
        if (frame instanceof Rate rate) {
            return empty(r.rate(p, rate.conv(), rate.score(), rate.comment()));
        }
        if (frame instanceof Close c) {
            return empty(r.close(p, c.conv(), c.reason()));
        }
        if (frame instanceof Status s) {
            return empty(r.status(p, s.value()));
        }
        if (frame instanceof Pick pick) {
            return empty(r.pick(p, pick.conv()));
        }
        if (frame instanceof Transfer t) {
            return empty(r.transfer(p, t.conv(), t.toAgent(), t.toGroup(), t.note()));
        }
        throw KefuException.badRequest("frame type '" + frame.type() + "' is sent by the server, not by clients");
    }

    @Override
    public CompletableFuture<List<ConvSummary>> openFor(String shopId, Principal p) {
        ShopRouter r = routers.forShop(shopId);
        return p.role().isStaff() ? r.openFor(p) : r.openForBuyer(p.userId());
    }

    @Override
    public void staffConnected(String shopId, Principal p, String sessionId) {
        routers.forShop(shopId).agentConnected(p);
    }

    @Override
    public void staffDisconnected(String shopId, Principal p, String sessionId) {
        routers.forShop(shopId).agentDisconnected(p);
    }

    @Override
    public CompletableFuture<io.kefu.server.routing.QueueView> queueView(String shopId) {
        return routers.forShop(shopId).queueView();
    }

    @Override
    public CompletableFuture<io.kefu.server.routing.LiveView> liveView(String shopId) {
        return routers.forShop(shopId).liveView();
    }

    @Override
    public CompletableFuture<Void> authorizeRead(String shopId, Principal who, String convId) {
        return routers.forShop(shopId).authorizeRead(who, convId).thenApply(c -> null);
    }

    @Override
    public CompletableFuture<Void> agentDisabled(String shopId, io.kefu.server.store.AgentRecord record) {
        return routers.forShop(shopId).agentDisabled(record);
    }

    @Override
    public CompletableFuture<Void> afterSale(String shopId, String convId, String buyerId, io.kefu.protocol.Body body,
                                             Frame push) {
        return routers.forShop(shopId).afterSale(convId, buyerId, body, push);
    }

    private static CompletableFuture<ConversationRecord> readable(ShopRouter r, Principal p, String convId) {
        return r.authorizeRead(p, convId);
    }

    private static CompletableFuture<OkResult> empty(CompletableFuture<?> f) {
        return f.thenApply(v -> OkResult.Empty.INSTANCE);
    }
}
