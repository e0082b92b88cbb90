package io.kefu.server.cluster;

import io.kefu.protocol.Body;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Role;
import io.kefu.protocol.Status;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.cluster.Envelope.Answer;
import io.kefu.server.cluster.Envelope.Call;
import io.kefu.server.cluster.Envelope.Op;
import io.kefu.server.conversation.ShopCalls;
import io.kefu.server.routing.LiveView;
import io.kefu.server.routing.QueueView;
import io.kefu.server.store.AgentRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop calls of a cluster node: each runs where the shop is owned, here through {@code local}, else on the owner,
 * called through the bus. A call that reaches a node that no longer owns the shop is answered "not the owner"; the
 * caller then asks Redis who owns it now and tries once more.
 *
 * <p>Presence across nodes: the owner keeps, per shop, the staff sessions it was told of, as {@code node/session}
 * keys, and tells its router once per session, so a session told twice (it is told again to every new owner) counts
 * once. Sessions of a node that died are taken off. Every node keeps its own staff sessions by shop, to tell a new
 * owner about them. Thread-safe; never blocks.
 */
final class ClusterShopCalls implements ShopCalls, Forwarder.Server {
    private static final Logger log = LoggerFactory.getLogger(ClusterShopCalls.class);
    private static final int PRESENCE_TRIES = 5;

    private final ShopCalls local;
    private final ShopOwnership ownership;
    private final Forwarder forwarder;
    private final String me;
    /** At the owner: shop → ("node/session" → staff member). */
    private final ConcurrentHashMap<String, Map<String, Principal>> presence = new ConcurrentHashMap<>();
    /** Here: shop → (session → staff member) of the sessions connected to this node. */
    private final ConcurrentHashMap<String, Map<String, Principal>> staffHere = new ConcurrentHashMap<>();
    /**
     * Here: shop → (staff member → the status they last set from this node). A router keeps statuses in memory only,
     * so a new owner hears them again with the sessions.
     */
    private final ConcurrentHashMap<String, Map<String, Status>> statusHere = new ConcurrentHashMap<>();

    /** An agent's stored record, read on the store executor. */
    private final Function<String, CompletableFuture<AgentRecord>> agents;

    ClusterShopCalls(ShopCalls local, ShopOwnership ownership, Forwarder forwarder, String me,
                     Function<String, CompletableFuture<AgentRecord>> agents) {
        this.local = local;
        this.agents = agents;
        this.ownership = ownership;
        this.forwarder = forwarder;
        this.me = me;
    }

    // ---- calls made on this node -----------------------------------------------------------------------

    @Override
    public CompletableFuture<OkResult> frame(String shopId, Principal p, Frame frame) {
        CompletableFuture<OkResult> result = route(shopId, () -> local.frame(shopId, p, frame), Op.FRAME, p, null,
                frame, ClusterShopCalls::result, false);
        if (frame instanceof Status status) {
            result.thenRun(() -> statusHere.computeIfAbsent(shopId, k -> new ConcurrentHashMap<>())
                    .put(p.userId(), new Status(null, status.value())));
        }
        return result;
    }

    @Override
    public CompletableFuture<List<ConvSummary>> openFor(String shopId, Principal p) {
        return route(shopId, () -> local.openFor(shopId, p), Op.OPEN_FOR, p, null, null,
                a -> ((OkResult.HelloResult) result(a)).conversations(), false);
    }

    @Override
    public void staffConnected(String shopId, Principal p, String sessionId) {
        staffHere.computeIfAbsent(shopId, k -> new ConcurrentHashMap<>()).put(sessionId, p);
        tell(shopId, p, sessionId, Op.STAFF_CONNECTED, 1);
    }

    @Override
    public void staffDisconnected(String shopId, Principal p, String sessionId) {
        Map<String, Principal> here = staffHere.get(shopId);
        if (here != null) {
            here.remove(sessionId);
        }
        tell(shopId, p, sessionId, Op.STAFF_DISCONNECTED, 1);
    }

    @Override
    public CompletableFuture<QueueView> queueView(String shopId) {
        return route(shopId, () -> local.queueView(shopId), Op.QUEUE_VIEW, null, null, null,
                a -> Json.read(a.data(), QueueView.class), false);
    }

    @Override
    public CompletableFuture<LiveView> liveView(String shopId) {
        return route(shopId, () -> local.liveView(shopId), Op.LIVE_VIEW, null, null, null,
                a -> Json.read(a.data(), LiveView.class), false);
    }

    @Override
    public CompletableFuture<Void> authorizeRead(String shopId, Principal who, String convId) {
        return route(shopId, () -> local.authorizeRead(shopId, who, convId), Op.AUTHORIZE_READ, who, convId, null,
                a -> (Void) null, false);
    }

    /** Only the agent's id travels: the owner reads the stored record (no password hash on the bus). */
    @Override
    public CompletableFuture<Void> agentDisabled(String shopId, AgentRecord record) {
        return route(shopId, () -> local.agentDisabled(shopId, record), Op.AGENT_DISABLED, null, record.id(), null,
                a -> (Void) null, false);
    }

    @Override
    public CompletableFuture<Void> afterSale(String shopId, String convId, String buyerId, Body body, Frame push) {
        byte[] data = Json.write(new AfterSaleCall(buyerId, body.fields()));
        return route(shopId, () -> local.afterSale(shopId, convId, buyerId, body, push), Op.AFTER_SALE, null, convId,
                push, data, a -> (Void) null, false);
    }

    /** What an after-sale call carries besides its push frame. */
    record AfterSaleCall(String buyerId, Map<String, Object> body) {
    }

    /** Tells the shop's owner of a staff session; tried again a few times a second apart while the bus fails. */
    private void tell(String shopId, Principal p, String sessionId, Op op, int attempt) {
        String key = me + "/" + sessionId;
        Supplier<CompletableFuture<Void>> here = () -> {
            if (op == Op.STAFF_CONNECTED) {
                connectedAtOwner(shopId, key, p);
            } else {
                disconnectedAtOwner(shopId, key, p);
            }
            return CompletableFuture.completedFuture(null);
        };
        route(shopId, here, op, p, sessionId, null, a -> (Void) null, false).whenComplete((v, e) -> {
            if (e == null) {
                return;
            }
            boolean stillMeant = op == Op.STAFF_DISCONNECTED
                    || staffHere.getOrDefault(shopId, Map.of()).containsKey(sessionId);
            if (attempt < PRESENCE_TRIES && stillMeant) {
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
                        .execute(() -> tell(shopId, p, sessionId, op, attempt + 1));
            } else {
                log.warn("telling the owner of shop {} that a session of {} {} failed: {}", shopId, p.userId(),
                        op == Op.STAFF_CONNECTED ? "opened" : "closed", KefuException.unwrap(e).toString());
            }
        });
    }

    private <T> CompletableFuture<T> route(String shop, Supplier<CompletableFuture<T>> here, Op op, Principal p,
                                           String session, Frame frame, Function<Answer, T> decode, boolean again) {
        return route(shop, here, op, p, session, frame, null, decode, again);
    }

    private <T> CompletableFuture<T> route(String shop, Supplier<CompletableFuture<T>> here, Op op, Principal p,
                                           String subject, Frame frame, byte[] data, Function<Answer, T> decode,
                                           boolean again) {
        return ownership.ownerOf(shop).thenCompose(owner -> {
            if (owner.node().equals(me)) {
                return here.get();
            }
            return forwarder.call(owner.node(), op, shop, p, subject, frame, data).thenCompose(a -> {
                if (a.notOwner()) {
                    ownership.forget(shop);
                    if (!again) {
                        return route(shop, here, op, p, subject, frame, data, decode, true);
                    }
                    return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED,
                            "shop " + shop + " is moving between cluster nodes; retry shortly"));
                }
                if (a.frame() instanceof Ok) {
                    return CompletableFuture.completedFuture(decode.apply(a));
                }
                if (a.frame() instanceof ErrorFrame err) {
                    return CompletableFuture.failedFuture(err.rule() != null
                            ? KefuException.blocked(err.message(), err.rule())
                            : new KefuException(err.code(), err.message()));
                }
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL,
                        "node " + owner.node() + " answered with nothing; the request may be retried"));
            });
        });
    }

    // ---- calls served for other nodes (this node owns the shop) -----------------------------------------------

    @Override
    public CompletableFuture<Answer> serve(Call c) {
        if (!ownership.owns(c.shop())) {
            return CompletableFuture.completedFuture(new Answer(c.id(), true, null));
        }
        return switch (c.op()) {
            case FRAME -> answer(c, local.frame(c.shop(), c.principal(), c.frame()));
            case OPEN_FOR -> answer(c, local.openFor(c.shop(), c.principal()).thenApply(list ->
                    new OkResult.HelloResult("-", Role.BUYER, null, "-", 0, 0, list)));
            case STAFF_CONNECTED -> {
                connectedAtOwner(c.shop(), c.from() + "/" + c.subject(), c.principal());
                yield answer(c, CompletableFuture.completedFuture(OkResult.Empty.INSTANCE));
            }
            case STAFF_DISCONNECTED -> {
                disconnectedAtOwner(c.shop(), c.from() + "/" + c.subject(), c.principal());
                yield answer(c, CompletableFuture.completedFuture(OkResult.Empty.INSTANCE));
            }
            case QUEUE_VIEW -> withData(c, local.queueView(c.shop()));
            case LIVE_VIEW -> withData(c, local.liveView(c.shop()));
            case AUTHORIZE_READ -> answer(c, local.authorizeRead(c.shop(), c.principal(), c.subject())
                    .thenApply(v -> OkResult.Empty.INSTANCE));
            case AGENT_DISABLED -> answer(c, agents.apply(c.subject())
                    .thenCompose(record -> local.agentDisabled(c.shop(), record))
                    .thenApply(v -> OkResult.Empty.INSTANCE));
            case AFTER_SALE -> {
                AfterSaleCall call = Json.read(c.data(), AfterSaleCall.class);
                yield answer(c, local.afterSale(c.shop(), c.subject(), call.buyerId(), new Body(call.body()), c.frame())
                        .thenApply(v -> OkResult.Empty.INSTANCE));
            }
        };
    }

    private static CompletableFuture<Answer> withData(Call c, CompletableFuture<?> result) {
        return result.handle((r, e) -> e == null ? new Answer(c.id(), false, Ok.empty("c"), Json.write(r))
                : new Answer(c.id(), false, errorFrame(e)));
    }

    /** The result of an {@code ok} answer. */
    private static OkResult result(Answer a) {
        return ((Ok) a.frame()).result();
    }

    private static CompletableFuture<Answer> answer(Call c, CompletableFuture<? extends OkResult> result) {
        return result.handle((r, e) -> new Answer(c.id(), false, e == null ? new Ok("c", r) : errorFrame(e)));
    }

    /** The error frame a failure is answered with across nodes, as it would be to a client. */
    static ErrorFrame errorFrame(Throwable failure) {
        Throwable t = KefuException.unwrap(failure);
        if (t instanceof KefuException k) {
            return new ErrorFrame("c", k.code(), k.getMessage(), k.rule());
        }
        log.error("a call from another node failed", t);
        return new ErrorFrame("c", ErrorCode.INTERNAL, "internal error; the request may be retried");
    }

    private void connectedAtOwner(String shop, String key, Principal p) {
        Map<String, Principal> sessions = presence.computeIfAbsent(shop, k -> new ConcurrentHashMap<>());
        synchronized (sessions) { // the router hears of each session's open and close in the order they happened
            if (sessions.put(key, p) == null) {
                local.staffConnected(shop, p, key);
            }
        }
    }

    private void disconnectedAtOwner(String shop, String key, Principal p) {
        Map<String, Principal> sessions = presence.get(shop);
        if (sessions == null) {
            return;
        }
        synchronized (sessions) {
            if (sessions.remove(key) != null) {
                local.staffDisconnected(shop, p, key);
            }
        }
    }

    // ---- changes in the cluster -----------------------------------------------------------------------

    /** This node no longer owns {@code shop}: what it knew of its staff's sessions goes with it. */
    void lost(String shop) {
        presence.remove(shop);
    }

    /** {@code shop} has a new owner: it hears of this node's staff sessions of that shop. */
    void moved(String shop) {
        Map<String, Principal> here = staffHere.get(shop);
        if (here == null) {
            return;
        }
        Map<String, Principal> agents = new java.util.HashMap<>();
        here.forEach((session, p) -> {
            tell(shop, p, session, Op.STAFF_CONNECTED, 1);
            agents.put(p.userId(), p);
        });
        Map<String, Status> statuses = statusHere.getOrDefault(shop, Map.of());
        agents.forEach((agentId, p) -> {
            Status status = statuses.get(agentId);
            if (status != null) {
                route(shop, () -> local.frame(shop, p, status), Op.FRAME, p, null, status, ClusterShopCalls::result, false)
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                log.warn("telling the new owner of shop {} the status of {} failed: {}", shop, agentId,
                                        KefuException.unwrap(e).toString());
                            }
                        });
            }
        });
    }

    /** Nodes died: their staff sessions are closed, for the shops this node owns. */
    void nodesLeft(Set<String> gone) {
        presence.forEach((shop, sessions) -> {
            synchronized (sessions) {
                sessions.entrySet().removeIf(e -> {
                    String node = e.getKey().substring(0, e.getKey().indexOf('/'));
                    if (gone.contains(node)) {
                        local.staffDisconnected(shop, e.getValue(), e.getKey());
                        return true;
                    }
                    return false;
                });
            }
        });
    }
}
