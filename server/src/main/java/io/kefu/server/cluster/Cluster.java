package io.kefu.server.cluster;

import io.kefu.server.bus.Bus;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.conversation.ShopCalls;
import io.kefu.server.routing.ShopRouters;
import io.kefu.server.session.SessionRegistry;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode ({@code KEFU_CLUSTER=redis}): this node's membership, its shops, its bus and its calls to the other
 * nodes. Made at start-up, before the port opens: it refuses to start when Redis cannot be reached or another live
 * node has this node's id. Everything else in the server is the same as on one node; only the {@link Bus} and the
 * {@link ShopCalls} differ. The lease is renewed on a single cluster thread. Closing ends the lease at once, so the
 * other nodes take this node's shops over without waiting for it to expire.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final RedisLink redis;
    private final NodeLease lease;
    private final ShopOwnership ownership;
    private final Forwarder forwarder;
    private final RedisBus bus;
    private final ScheduledExecutorService thread;
    private final NodeFence fence;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kefu-cluster-watchdog");
        t.setDaemon(true);
        return t;
    });
    static final String EVENTS = "kefu:events";

    private final SessionRegistry sessions;
    private volatile ShopRouters routers;
    /** Told when this node comes to own a shop or stops serving it. */
    private volatile ShopsHere shopsHere = ShopsHere.NONE;
    private volatile io.kefu.server.auth.StaffTokens tokens;
    private volatile ClusterShopCalls calls;

    private Cluster(KefuConfig c, SessionRegistry sessions, MeterRegistry registry, javax.sql.DataSource db) {
        String me = String.valueOf(c.nodeId());
        this.sessions = sessions;
        this.fence = new NodeFence(db, c.nodeId());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kefu-cluster");
            t.setDaemon(true);
            return t;
        });
        this.redis = RedisLink.connect(c.redisUrl(), Duration.ofMillis(c.busTimeoutMs()));
        try {
            this.lease = new NodeLease(redis, me, c.leaseMs(), System::nanoTime, new NodeLease.Listener() {
                @Override
                public void registered(String token) {
                    fence.register(token, System.currentTimeMillis());
                }

                @Override
                public void leaseLost(String why) {
                    log.warn("node {} lost its cluster lease: {}; it stops serving its shops", me, why);
                    fence.drop();
                    ownership.leaseLost(why);
                }

                @Override
                public void nodesLeft(java.util.Map<String, String> nodes) {
                    ClusterShopCalls served = calls;
                    if (served != null) {
                        served.nodesLeft(nodes.keySet());
                    }
                    try {
                        nodes.forEach((node, token) -> fence.revoke(node, token,
                                System.currentTimeMillis() - lease.leaseMs()));
                    } catch (RuntimeException e) {
                        // Their shops are taken over when first used, each after its old owner is fenced off.
                        log.warn("fencing off nodes {} failed: {}; their shops move when next used", nodes.keySet(),
                                e.getMessage());
                        return;
                    }
                    ownership.nodesLeft(nodes.keySet());
                }
            });
            this.ownership = new ShopOwnership(redis, lease, new ShopOwnership.Listener() {
                @Override
                public void acquired(String shop, long epoch, boolean takeover) {
                    shopsHere.arrived(shop);
                    ShopRouters r = routers;
                    if (r != null) {
                        try {
                            // Loaded now: its queues and timers go on without waiting for a client.
                            io.kefu.server.routing.ShopRouter router = r.forShop(shop);
                            if (takeover) {
                                router.pushLatestAgain().whenComplete((n, e) -> {
                                    if (e != null) {
                                        log.warn("shop {} taken over: pushing its latest messages again failed: {}",
                                                shop, e.toString());
                                    } else if (n > 0) {
                                        log.info("shop {} taken over: latest message of {} conversations pushed again",
                                                shop, n);
                                    }
                                });
                            }
                        } catch (RuntimeException e) {
                            log.warn("loading shop {} after taking it over failed: {}", shop, e.toString());
                        }
                    }
                }

                @Override
                public void lost(String shop, String why) {
                    ClusterShopCalls served = calls;
                    if (served != null) {
                        served.lost(shop);
                    }
                    ShopRouters r = routers;
                    if (r != null) {
                        r.unload(shop, why);
                    }
                    shopsHere.left(shop);
                }

                @Override
                public CompletableFuture<Void> handOver(String shop, String why) {
                    ClusterShopCalls served = calls;
                    if (served != null) {
                        served.lost(shop);
                    }
                    ShopRouters r = routers;
                    shopsHere.left(shop);
                    return r != null ? r.unload(shop, why) : CompletableFuture.completedFuture(null);
                }

                @Override
                public void moved(String shop, ShopOwnership.Owner owner) {
                    ClusterShopCalls served = calls;
                    if (served != null) {
                        served.moved(shop);
                    }
                }
            }, node -> fence.revoke(node, lease.tokenOf(node), System.currentTimeMillis() - lease.leaseMs()), thread,
                    c.rebalanceShops() > 0);
            this.forwarder = new Forwarder(redis, me, c.busTimeoutMs(), c.busMaxInFlight(), registry);
            this.bus = new RedisBus(redis, sessions, me, registry);
            sessions.useChannels(bus);
            redis.pubsub().addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    received(channel, message);
                }
            });
            redis.pubsub().sync().subscribe(Forwarder.channel(me), ShopOwnership.CHANGES, EVENTS);
            lease.register();
            ownership.joined();
        } catch (RuntimeException e) {
            redis.close();
            thread.shutdownNow();
            watchdog.shutdownNow();
            throw e;
        }
        fence.leaseFrom(lease::valid);
        thread.scheduleWithFixedDelay(this::renew, lease.renewEveryMs(), lease.renewEveryMs(), TimeUnit.MILLISECONDS);
        if (c.rebalanceShops() > 0) {
            Counter rebalanced = Counter.builder("kefu.cluster.shops.rebalanced")
                    .description("Shops this node handed to another node to balance the cluster").register(registry);
            thread.scheduleWithFixedDelay(() -> rebalance(c.rebalanceShops(), rebalanced), lease.renewEveryMs(),
                    lease.renewEveryMs(), TimeUnit.MILLISECONDS);
        }
        // A renewal may hang up to the bus timeout: a watchdog gives the lease up on time, stopping the routers.
        watchdog.scheduleWithFixedDelay(lease::expireIfDue, 10, Math.max(10, lease.renewEveryMs() / 8),
                TimeUnit.MILLISECONDS);
        Gauge.builder("kefu.cluster.owned.shops", ownership, o -> o.ownedShops().size())
                .description("Shops whose routers this node owns").register(registry);
        Gauge.builder("kefu.cluster.lease.valid", lease, l -> l.valid() ? 1 : 0)
                .description("1 while this node holds its cluster lease and may serve shops").register(registry);
        Gauge.builder("kefu.cluster.lease.age", lease, l -> l.sinceRenewMs() / 1_000.0).baseUnit("seconds")
                .description("Time since this node's lease was last renewed").register(registry);
        Gauge.builder("kefu.cluster.nodes", lease, l -> l.live().size())
                .description("Live nodes in the cluster, as of the last renewal").register(registry);
    }

    /**
     * Joins the cluster, or throws {@code StartupException} naming what is wrong. {@code db} is the shared database,
     * where the node's write fence is kept. Blocks: start-up only.
     */
    public static Cluster join(KefuConfig c, SessionRegistry sessions, MeterRegistry registry,
                               javax.sql.DataSource db) {
        return new Cluster(c, sessions, registry, db);
    }

    /** What the stores of routers' state check before each write ({@link io.kefu.server.store.WriteFence}). */
    public io.kefu.server.store.WriteFence fence() {
        return fence;
    }

    public Bus bus() {
        return bus;
    }

    /**
     * What else follows a shop from node to node: told on Redis's or the cluster thread, so it must not block.
     * {@link #arrived}: this node owns the shop now; {@link #left}: its router here stopped (the KPI clocks of the
     * shop here are dropped, the new owner restores them; its webhook retries are left to the new owner).
     */
    public interface ShopsHere {
        ShopsHere NONE = new ShopsHere() {
            @Override
            public void arrived(String shop) {
            }

            @Override
            public void left(String shop) {
            }
        };

        void arrived(String shop);

        void left(String shop);
    }

    /**
     * The shop calls of this node, running {@code local} for the shops it owns; from now on {@code routers} serve
     * only those.
     */
    public ShopCalls calls(ShopCalls local, ShopRouters routers, ShopStore shops, StoreExecutor store,
                           ShopsHere shopsHere) {
        this.shopsHere = shopsHere;
        routers.servesOnly(ownership::owns);
        this.routers = routers;
        ClusterShopCalls c = new ClusterShopCalls(local, ownership, forwarder, lease.node(),
                agentId -> store.submit(() -> shops.findAgent(agentId).orElseThrow(
                        () -> io.kefu.server.base.KefuException.notFound("agent " + agentId))));
        this.calls = c;
        forwarder.serveWith(c);
        return c;
    }

    /** Which staff tokens hold is the same on every node: changes made here are told to the others. */
    public void shareTokens(io.kefu.server.auth.StaffTokens tokens) {
        this.tokens = tokens;
        tokens.spreadTo((agentId, disabled, version) -> tell("tokens " + agentId + " " + (disabled ? 1 : 0) + " "
                + version));
    }

    /** A shop's groups, agents or settings changed: its router re-reads them, on whichever node it runs. */
    public void refresh(String shopId) {
        ShopRouters r = routers;
        if (r != null) {
            r.refresh(shopId);
        }
        tell("refresh " + shopId);
    }

    /**
     * Closes a user's sessions on every node (an agent disabled: 4403; tokens revoked: 4401); returns how many this
     * node closed. Never blocks.
     */
    public int closeSessions(String userId, int code, String reason) {
        tell("close " + userId + " " + code + " " + reason);
        return sessions.close(userId, code, reason);
    }

    /**
     * Drains node {@code nodeId} ({@code POST /api/v1/admin/nodes/{id}/drain}): it gives all its shops to the other
     * nodes and takes no new ones; its connections stay (their frames are forwarded) until it is stopped. On this node
     * the answer says how many shops it gave; another live node is told and drains itself.
     */
    public CompletableFuture<io.kefu.server.api.ApiServices.Drained> drain(String nodeId) {
        if (nodeId.equals(lease.node())) {
            return CompletableFuture.supplyAsync(() -> new io.kefu.server.api.ApiServices.Drained(nodeId,
                    ownership.drain()), thread);
        }
        if (!lease.live().contains(nodeId)) {
            return CompletableFuture.failedFuture(io.kefu.server.base.KefuException.notFound("live cluster node "
                    + nodeId + " (live: " + lease.live().stream().sorted().toList() + ")"));
        }
        tell("drain " + nodeId);
        return CompletableFuture.completedFuture(new io.kefu.server.api.ApiServices.Drained(nodeId, null));
    }

    /** An event for every other node: {@code "<from> <what> <args...>"} on {@link #EVENTS}. */
    private void tell(String event) {
        redis.commands().async().publish(EVENTS, (lease.node() + " " + event).getBytes(StandardCharsets.UTF_8))
                .whenComplete((n, e) -> {
                    if (e != null) {
                        log.warn("telling the other nodes '{}' failed: {}", event.split(" ")[0], e.toString());
                    }
                });
    }

    /** An event told by another node. Redis's thread. */
    private void event(String text) {
        String[] f = text.split(" ", 4);
        if (f.length < 3 || f[0].equals(lease.node())) {
            return;
        }
        try {
            switch (f[1]) {
                case "refresh" -> {
                    ShopRouters r = routers;
                    if (r != null) {
                        r.refresh(f[2]);
                    }
                }
                case "tokens" -> {
                    // "<agent> <0|1> <version>": f[2] is the agent, f[3] the rest
                    String[] t = f.length > 3 ? f[3].split(" ") : new String[0];
                    io.kefu.server.auth.StaffTokens known = tokens;
                    if (known != null && t.length == 2) {
                        known.learn(f[2], t[0].equals("1"), Integer.parseInt(t[1]));
                    }
                }
                case "drain" -> {
                    if (f[2].equals(lease.node())) {
                        thread.execute(ownership::drain);
                    }
                }
                case "close" -> {
                    String[] rest = f.length > 3 ? f[3].split(" ", 2) : new String[0];
                    if (rest.length >= 1) {
                        sessions.close(f[2], Integer.parseInt(rest[0]), rest.length > 1 ? rest[1] : "");
                    }
                }
                default -> log.debug("ignored cluster event {}", f[1]);
            }
        } catch (RuntimeException e) {
            log.warn("ignored a damaged cluster event: {}", e.toString());
        }
    }

    public String node() {
        return lease.node();
    }

    /** What {@code /health} shows of this node in the cluster. */
    public Status status() {
        return new Status(lease.node(), lease.valid(), lease.sinceRenewMs(), lease.live(), ownership.ownedShops().size());
    }

    /** What {@code /health} shows of this node: 503 while it holds no lease. */
    public io.kefu.server.gateway.NodeHealth health() {
        return new io.kefu.server.gateway.NodeHealth() {
            @Override
            public boolean serving() {
                return lease.valid();
            }

            @Override
            public String clusterJson() {
                Status s = status();
                StringBuilder nodes = new StringBuilder();
                s.liveNodes().stream().sorted().forEach(n -> nodes.append(nodes.length() == 0 ? "" : ",")
                        .append('"').append(n).append('"'));
                return "{\"node\":\"" + s.node() + "\",\"lease\":\"" + (s.leaseValid() ? "valid" : "lost")
                        + "\",\"draining\":" + ownership.draining() + ",\"leaseAgeMs\":" + s.leaseAgeMs() + ",\"nodes\":[" + nodes + "],\"ownedShops\":"
                        + s.ownedShops() + "}";
            }
        };
    }

    /** This node's place in the cluster: its id, whether it holds its lease (and how fresh it is), the live nodes. */
    public record Status(String node, boolean leaseValid, long leaseAgeMs, Set<String> liveNodes, int ownedShops) {
    }

    private void received(String channel, byte[] message) {
        if (channel.startsWith(RedisBus.USER)) {
            bus.received(channel, message);
        } else if (channel.equals(EVENTS)) {
            event(new String(message, StandardCharsets.UTF_8));
        } else if (channel.equals(ShopOwnership.CHANGES)) {
            ownership.changed(new String(message, StandardCharsets.UTF_8));
        } else {
            forwarder.received(message);
        }
    }

    /** One round of balancing (cluster thread). A failure waits for the next round: a scheduled task must not throw. */
    private void rebalance(int max, Counter rebalanced) {
        try {
            rebalanced.increment(ownership.rebalance(max, lease.leaseMs()));
        } catch (RuntimeException e) {
            log.warn("balancing the cluster failed: {}", e.toString());
        }
    }

    private void renew() {
        try {
            lease.renew();
        } catch (RuntimeException e) {
            log.warn("cluster renewal failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        thread.shutdownNow();
        ShopRouters r = routers;
        if (r != null) {
            r.unloadAll("is no longer served here: this node is stopping");
        }
        lease.release();
        forwarder.close();
        redis.close();
        log.info("node {} left the cluster", lease.node());
    }
}
