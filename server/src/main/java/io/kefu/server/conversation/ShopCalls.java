package io.kefu.server.conversation;

import io.kefu.protocol.Body;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.Frame;
import io.kefu.protocol.OkResult;
import io.kefu.server.auth.Principal;
import io.kefu.server.routing.LiveView;
import io.kefu.server.routing.QueueView;
import io.kefu.server.store.AgentRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a shop's router answers for the gateway, addressed by shop: the calls a frame turns into once its shop is
 * known. On one node they run here ({@link LocalShopCalls}); in a cluster they run on the node that owns the shop,
 * wherever the caller is connected ({@code cluster.ClusterShopCalls}). Thread-safe; never blocks: the futures
 * complete on router lanes, store threads or the cluster bus's threads.
 */
public interface ShopCalls {

    /** The answer to {@code frame}, sent by {@code p}, whose shop is {@code shopId}; checked already by the caller. */
    CompletableFuture<OkResult> frame(String shopId, Principal p, Frame frame);

    /** The open conversations of this shop listed in {@code p}'s {@code hello} answer (staff: theirs; buyer: theirs). */
    CompletableFuture<List<ConvSummary>> openFor(String shopId, Principal p);

    /**
     * Session {@code sessionId} of staff member {@code p} of {@code shopId} opened: presence counts sessions, on
     * every node; telling the same session twice counts it once.
     */
    void staffConnected(String shopId, Principal p, String sessionId);

    /** Session {@code sessionId} of staff member {@code p} of {@code shopId} closed. */
    void staffDisconnected(String shopId, Principal p, String sessionId);

    // ---- what the HTTP API asks of a shop's router ----

    /** The shop's queues and agents ({@code GET .../queue}). */
    CompletableFuture<QueueView> queueView(String shopId);

    /** The shop's open conversations and agents, live ({@code GET .../live}). */
    CompletableFuture<LiveView> liveView(String shopId);

    /** Completes when {@code who} may read open conversation {@code convId} by the router's state; fails otherwise. */
    CompletableFuture<Void> authorizeRead(String shopId, Principal who, String convId);

    /** Staff member {@code record} was disabled (stored already): offline, and their chats re-queued. */
    CompletableFuture<Void> agentDisabled(String shopId, AgentRecord record);

    /** An after-sale changed: its system message in the buyer's conversation, and its push. */
    CompletableFuture<Void> afterSale(String shopId, String convId, String buyerId, Body body, Frame push);
}
