package io.kefu.server.cluster;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.lettuce.core.ScriptOutputType;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node owns each shop's router. Hash {@code kefu:owners} maps a shop to {@code "<node> <epoch>"}; the epoch
 * ({@code kefu:epochs}) grows with every change of owner. An owner holds a shop for as long as its node lease lives:
 * one renewal keeps all of a node's shops, however many. A shop without a live owner is claimed when a node first
 * needs it (a connection of the shop's buyer or agent landed there), atomically in Redis: with balancing on, for the
 * node rendezvous hashing places it on among the live nodes that are not draining; with it off, for the node that
 * needs it. Every change of owner is published on {@code kefu:owner-changes} so that all nodes update what they know
 * at once. When a node dies, the live nodes share its shops out by rendezvous hashing and take them over at once, so
 * their queues and timers go on without waiting for a client; when one joins, {@link #rebalance} moves it its share,
 * a few shops at a time.
 *
 * <p>Thread-safe: {@link #ownerOf} may be called anywhere and never blocks; the scans run on the cluster thread.
 */
final class ShopOwnership {
    private static final Logger log = LoggerFactory.getLogger(ShopOwnership.class);
    static final String OWNERS = "kefu:owners";
    static final String EPOCHS = "kefu:epochs";
    static final String CHANGES = "kefu:owner-changes";
    /** Set of the nodes that are draining: no shop is placed on them (a node leaves it when it starts again). */
    static final String DRAINING = "kefu:draining";

    /**
     * KEYS: owners, epochs; ARGV: shop, this node, node key prefix, this node's lease token, change channel. The
     * current owner if it is another live node; else this node, if its lease is its own, under a new epoch, followed by
     * the dead previous owner, or this node, or {@code -} (announced the same way); else nil. A shop Redis already
     * gives this node is claimed again (and announced) only when its router here had stopped (the node had given its
     * lease up, or restarted with the same id): the other nodes' staff sessions then tell it again that they are there.
     */
    private static final String CLAIM = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if cur then
              local node = string.match(cur, '^(%S+)')
              if node ~= ARGV[2] and redis.call('EXISTS', ARGV[3] .. node) == 1 then return cur end
            end
            if redis.call('GET', ARGV[3] .. ARGV[2]) ~= ARGV[4] then return false end
            local v = ARGV[2] .. ' ' .. redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
            redis.call('HSET', KEYS[1], ARGV[1], v)
            local prev = cur and string.match(cur, '^(%S+)') or '-'
            redis.call('PUBLISH', ARGV[5], ARGV[1] .. ' ' .. v .. ' ' .. prev)
            return v .. ' ' .. prev""";

    /**
     * KEYS: owners, epochs; ARGV: shop, claimant (another node), node key prefix, change channel. Like
     * {@link #CLAIM}, for a draining node that claims a shop on behalf of another live node.
     */
    private static final String CLAIM_FOR = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if cur and redis.call('EXISTS', ARGV[3] .. string.match(cur, '^(%S+)')) == 1 then return cur end
            if redis.call('EXISTS', ARGV[3] .. ARGV[2]) == 0 then return false end
            local v = ARGV[2] .. ' ' .. redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
            redis.call('HSET', KEYS[1], ARGV[1], v)
            local prev = cur and string.match(cur, '^(%S+)') or '-'
            redis.call('PUBLISH', ARGV[4], ARGV[1] .. ' ' .. v .. ' ' .. prev)
            return v .. ' ' .. prev""";

    /**
     * KEYS: owners, epochs; ARGV: shop, this node, node key prefix, successor, change channel. Gives a shop this node
     * owns to a live successor under a new epoch (announced); nil if this node does not own it or the successor is
     * gone.
     */
    private static final String HAND_OVER = """
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if not cur or string.match(cur, '^(%S+)') ~= ARGV[2] then return false end
            if redis.call('EXISTS', ARGV[3] .. ARGV[4]) == 0 then return false end
            local v = ARGV[4] .. ' ' .. redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
            redis.call('HSET', KEYS[1], ARGV[1], v)
            redis.call('PUBLISH', ARGV[5], ARGV[1] .. ' ' .. v)
            return v""";

    /** A shop's owner and the epoch it took it under. */
    record Owner(String node, long epoch) {
        /** {@code "<node> <epoch>"}, maybe followed by the previous owner. */
        static Owner parse(String value) {
            String[] f = value.split(" ");
            return new Owner(f[0], Long.parseLong(f[1]));
        }

        /** The dead previous owner in a claim's answer or announcement ({@code "<node> <epoch> <prev>"}), or null. */
        static String previous(String value) {
            String[] f = value.split(" ");
            return f.length > 2 && !f[2].equals("-") && !f[2].equals(f[0]) ? f[2] : null;
        }
    }

    /** Fences off a dead node before its shops are served elsewhere ({@link NodeFence#revoke}). Blocks. */
    interface Fencer {
        void fenceOff(String node);
    }

    /** What changes of ownership mean for this node. Called on Redis's or the cluster thread; must not block. */
    interface Listener {
        /**
         * This node owns {@code shop} now (its router is made fresh from the store); {@code takeover}: from a dead
         * node, which may have stored messages whose pushes never left.
         */
        void acquired(String shop, long epoch, boolean takeover);

        /** This node no longer owns {@code shop}: its router must stop at once. */
        void lost(String shop, String why);

        /** {@code shop} has a new owner (maybe this node): sessions of its staff here tell it they are here. */
        void moved(String shop, Owner owner);

        /**
         * This node gives {@code shop} away (a drain, a rebalance): its router stops at once; the answer completes once
         * what it had under way is finished (stored, or refused).
         */
        CompletableFuture<Void> handOver(String shop, String why);
    }

    private final RedisLink redis;
    private final NodeLease lease;
    private final String me;
    private final Listener listener;
    private final ConcurrentHashMap<String, Long> owned = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Owner> known = new ConcurrentHashMap<>();
    /** Set once the node is drained: it hands its shops to the others and claims new ones for them. */
    private volatile boolean draining;
    /** Whether shops are placed by rendezvous hashing when first used (and moved by {@link #rebalance}). */
    private final boolean balanced;
    /** The draining nodes, as last read from {@link #DRAINING}: no shop is placed on them. */
    private volatile Set<String> drainingNodes = Set.of();
    /** When this node first saw each other node live (its clock, ns): shops move only to nodes live a lease. */
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    /** Shops being handed over right now (a drain, a rebalance): not claimed again here meanwhile. */
    private final Set<String> movingAway = ConcurrentHashMap.newKeySet();

    private final Fencer fencer;
    private final java.util.concurrent.Executor clusterThread;

    /** With balancing off: shops are owned where first used and move only when a node drains or dies. */
    ShopOwnership(RedisLink redis, NodeLease lease, Listener listener, Fencer fencer,
                  java.util.concurrent.Executor clusterThread) {
        this(redis, lease, listener, fencer, clusterThread, false);
    }

    /** {@code balanced}: shops are placed by rendezvous hashing and {@link #rebalance} moves them when nodes join. */
    ShopOwnership(RedisLink redis, NodeLease lease, Listener listener, Fencer fencer,
                  java.util.concurrent.Executor clusterThread, boolean balanced) {
        this.balanced = balanced;
        this.fencer = fencer;
        this.clusterThread = clusterThread;
        this.redis = redis;
        this.lease = lease;
        this.me = lease.node();
        this.listener = listener;
    }

    /** Where {@code shop}'s router runs; claims it for this node if nobody live owns it. */
    CompletableFuture<Owner> ownerOf(String shop) {
        if (!lease.valid()) {
            return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED,
                    "this node is not in the cluster right now (no lease); retry, or connect to another node"));
        }
        Long epoch = owned.get(shop);
        if (epoch != null) {
            return CompletableFuture.completedFuture(new Owner(me, epoch));
        }
        if (movingAway.contains(shop)) {
            // Its router here has stopped and Redis still names this node: claiming it now would start it again.
            return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED,
                    "shop " + shop + " is moving to another node; retry"));
        }
        Owner k = known.get(shop);
        if (k != null && lease.isLive(k.node())) {
            return CompletableFuture.completedFuture(k);
        }
        String other = draining || balanced ? Rendezvous.pick(shop, placement()) : null;
        if (other != null && !other.equals(me)) {
            return redis.commands().async().<byte[]>eval(CLAIM_FOR, ScriptOutputType.VALUE, keys(),
                    NodeLease.bytes(shop), NodeLease.bytes(other), NodeLease.bytes(NodeLease.NODE_KEY),
                    NodeLease.bytes(CHANGES)).toCompletableFuture().thenCompose(value ->
                            // Nil: that node just died. This node's own name: its router here had stopped, and only
                            // CLAIM announces the claim again (so the other nodes tell it their staff).
                            value == null || Owner.parse(NodeLease.text(value)).node().equals(me) ? claimHere(shop)
                                    : settleAsync(shop, value));
        }
        return claimHere(shop);
    }

    private CompletableFuture<Owner> claimHere(String shop) {
        return redis.commands().async().<byte[]>eval(CLAIM, ScriptOutputType.VALUE, keys(), claimArgs(shop))
                .toCompletableFuture().thenCompose(value -> settleAsync(shop, value));
    }

    /**
     * The nodes a shop may be placed on: the live ones not draining (this node only if it is not). Empty when none;
     * the draining nodes are all live ones then (a drain of the whole cluster), and they keep what they have.
     */
    private Set<String> placement() {
        Set<String> nodes = new java.util.HashSet<>(lease.live());
        nodes.removeAll(drainingNodes);
        if (draining) {
            nodes.remove(me);
        }
        return nodes;
    }

    /**
     * This node (re)joined the cluster: it is not draining (any more). Cluster thread, at start (blocks on Redis).
     */
    void joined() {
        redis.commands().sync().srem(DRAINING, NodeLease.bytes(me));
    }

    /**
     * One round of balancing (cluster thread; called every renewal): hands up to {@code max} shops this node owns to
     * the node rendezvous hashing places them on, among the live nodes that are not draining and that this node has
     * seen live for at least {@code settledMs} (so a node that comes and goes does not pull shops back and forth).
     * Each hand-over stops the shop's router here first and completes once its writes under way are done, like a
     * drain's; they run without blocking this thread. Returns how many hand-overs it started.
     */
    int rebalance(int max, long settledMs) {
        if (!balanced) {
            return 0;
        }
        refreshDraining();
        if (draining || max <= 0 || !lease.valid()) {
            return 0;
        }
        long now = System.nanoTime();
        Set<String> live = lease.live();
        firstSeen.keySet().retainAll(live);
        live.forEach(n -> firstSeen.putIfAbsent(n, now));
        Set<String> settled = placement();
        settled.removeIf(n -> !n.equals(me) && now - firstSeen.getOrDefault(n, now) < settledMs * 1_000_000);
        if (!settled.contains(me)) {
            return 0;
        }
        int started = 0;
        for (String shop : owned.keySet()) {
            if (started >= max) {
                break;
            }
            String target = Rendezvous.pick(shop, settled);
            if (target == null || target.equals(me) || movingAway.contains(shop)) {
                continue;
            }
            started++;
            giveAway(shop, target, "moved to node " + target + ": the cluster rebalanced");
        }
        if (started > 0) {
            log.info("node {} rebalancing: handing {} shops to other nodes ({} left here)", me, started, owned.size());
        }
        return started;
    }

    /** Reads which nodes are draining. Cluster thread (blocks on Redis); on failure keeps what it knew. */
    private void refreshDraining() {
        try {
            Set<String> nodes = new java.util.HashSet<>();
            for (byte[] n : redis.commands().sync().smembers(DRAINING)) {
                nodes.add(NodeLease.text(n));
            }
            drainingNodes = Set.copyOf(nodes);
        } catch (RuntimeException e) {
            log.debug("reading the draining nodes failed: {}", e.toString());
        }
    }

    boolean draining() {
        return draining;
    }

    /**
     * Drains this node (cluster thread): from now on it claims no shop for itself, and it gives every shop it owns to
     * another live node (rendezvous hashing spreads them), stopping each one's router here first. Returns how many it
     * gave; with no other live node it keeps them.
     */
    int drain() {
        draining = true;
        try {
            redis.commands().sync().sadd(DRAINING, NodeLease.bytes(me));
        } catch (RuntimeException e) {
            log.warn("draining node {}: telling Redis failed ({}); the other nodes may give it shops when they balance",
                    me, e.toString());
        }
        int given = 0;
        for (String shop : Set.copyOf(owned.keySet())) {
            String successor = Rendezvous.pick(shop, others());
            if (successor == null) {
                log.warn("draining node {}: no other live node to take shop {}", me, shop);
                continue;
            }
            if (giveAway(shop, successor, "moved to node " + successor + ": node " + me + " is draining").join()) {
                given++;
            }
        }
        log.info("node {} drained: {} shops handed to other nodes", me, given);
        return given;
    }

    /**
     * Gives {@code shop}, which this node owns, to live node {@code successor}: stops its router here, waits (up to a
     * lease) for the writes it had under way, then hands the shop over in Redis under a new epoch, announced. Never
     * blocks; completes with whether the shop was given (not when this node no longer owned it or the successor is
     * gone; a shop not given is claimed again when next used).
     */
    private CompletableFuture<Boolean> giveAway(String shop, String successor, String why) {
        if (!movingAway.add(shop)) {
            return CompletableFuture.completedFuture(false);
        }
        if (owned.remove(shop) == null) {
            movingAway.remove(shop);
            return CompletableFuture.completedFuture(false);
        }
        return listener.handOver(shop, why)
                .orTimeout(lease.leaseMs(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((v, e) -> {
                    if (e != null && KefuException.unwrap(e) instanceof java.util.concurrent.TimeoutException) {
                        log.warn("node {}: shop {}'s writes under way did not finish within {} ms; handing it over"
                                + " anyway (a late message is renumbered after the new owner's, never lost)", me, shop,
                                lease.leaseMs());
                    } else if (e != null) {
                        log.warn("node {}: stopping shop {} failed: {}", me, shop, KefuException.unwrap(e).toString());
                    }
                    return null;
                })
                .thenCompose(v -> redis.commands().async().<byte[]>eval(HAND_OVER, ScriptOutputType.VALUE, keys(),
                        NodeLease.bytes(shop), NodeLease.bytes(me), NodeLease.bytes(NodeLease.NODE_KEY),
                        NodeLease.bytes(successor), NodeLease.bytes(CHANGES)).toCompletableFuture())
                .handle((value, e) -> {
                    if (e != null) {
                        log.warn("node {}: handing shop {} over failed: {}", me, shop, e.toString());
                        return false;
                    }
                    if (value == null) {
                        log.warn("node {}: shop {} could not be given to node {}", me, shop, successor);
                        return false;
                    }
                    known.put(shop, Owner.parse(NodeLease.text(value)));
                    return true;
                })
                .whenComplete((given, e) -> movingAway.remove(shop));
    }

    private Set<String> others() {
        Set<String> others = new java.util.HashSet<>(lease.live());
        others.remove(me);
        return others;
    }

    /** {@code true} when this node owns {@code shop} and may serve it now. */
    boolean owns(String shop) {
        return lease.valid() && owned.containsKey(shop);
    }

    /** What this node knew of {@code shop}'s owner proved wrong (it answered "not mine"): ask Redis next time. */
    void forget(String shop) {
        known.remove(shop);
    }

    Set<String> ownedShops() {
        return Set.copyOf(owned.keySet());
    }

    /** An announcement on {@link #CHANGES}: {@code "<shop> <node> <epoch>"}. Redis's thread. */
    void changed(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) {
            return;
        }
        String shop = message.substring(0, space);
        String rest = message.substring(space + 1);
        Owner owner = Owner.parse(rest);
        if (owner.node().equals(me)) {
            String previous = Owner.previous(rest);
            if (previous != null && !owned.containsKey(shop)) {
                // Claimed for this node by a draining one, from a dead node: served once that one is fenced off.
                clusterThread.execute(() -> {
                    fencer.fenceOff(previous);
                    if (owned.putIfAbsent(shop, owner.epoch()) == null) {
                        listener.acquired(shop, owner.epoch(), true);
                    }
                    listener.moved(shop, owner);
                });
                return;
            }
            if (owned.putIfAbsent(shop, owner.epoch()) == null) {
                listener.acquired(shop, owner.epoch(), false);
            }
        } else {
            known.put(shop, owner);
            if (owned.remove(shop) != null) {
                listener.lost(shop, "moved to node " + owner.node());
            }
        }
        listener.moved(shop, owner);
    }

    /** This node's lease is gone: it owns nothing any more (what it knows of others is kept; it is checked anyway). */
    void leaseLost(String why) {
        for (String shop : Set.copyOf(owned.keySet())) {
            if (owned.remove(shop) != null) {
                listener.lost(shop, "is no longer served here: this node " + why);
            }
        }
    }

    /**
     * Nodes died: forget where their shops were, and take over now those that rendezvous hashing gives this node
     * among the live ones. Cluster thread (it reads the whole owners hash).
     */
    void nodesLeft(Set<String> gone) {
        known.values().removeIf(o -> gone.contains(o.node()));
        if (!lease.valid()) {
            return;
        }
        Map<String, byte[]> all;
        try {
            all = redis.commands().sync().hgetall(OWNERS);
        } catch (RuntimeException e) {
            log.warn("reading shop owners after nodes {} left failed: {}", gone, e.toString());
            return;
        }
        refreshDraining();
        Set<String> placement = placement();
        int taken = 0;
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            Owner o = Owner.parse(NodeLease.text(e.getValue()));
            if (gone.contains(o.node()) && me.equals(Rendezvous.pick(e.getKey(), placement))) {
                try {
                    byte[] value = redis.commands().sync().eval(CLAIM, ScriptOutputType.VALUE, keys(),
                            claimArgs(e.getKey()));
                    if (me.equals(settle(e.getKey(), value, true).node())) {
                        taken++;
                    }
                } catch (RuntimeException failure) {
                    log.warn("taking over shop {} failed: {}", e.getKey(), failure.toString());
                }
            }
        }
        if (taken > 0) {
            log.info("took over {} shops of nodes {}", taken, gone);
        }
    }

    /**
     * Like {@link #settle}; a shop this node took from a dead node is served only once that node is fenced off (on the
     * cluster thread), so that none of its late writes can land behind this node's back.
     */
    private CompletableFuture<Owner> settleAsync(String shop, byte[] value) {
        if (value != null) {
            String text = NodeLease.text(value);
            String previous = Owner.previous(text);
            if (previous != null && Owner.parse(text).node().equals(me)) {
                return CompletableFuture.supplyAsync(() -> {
                    fencer.fenceOff(previous);
                    return settle(shop, value, true);
                }, clusterThread);
            }
        }
        return CompletableFuture.completedFuture(settle(shop, value, false));
    }

    private Owner settle(String shop, byte[] value, boolean takeover) {
        if (value == null) {
            throw new KefuException(ErrorCode.OVERLOADED,
                    "this node is not in the cluster right now (no lease); retry, or connect to another node");
        }
        Owner owner = Owner.parse(NodeLease.text(value));
        if (owner.node().equals(me)) {
            if (owned.putIfAbsent(shop, owner.epoch()) == null) {
                log.debug("node {} owns shop {} (epoch {})", me, shop, owner.epoch());
                listener.acquired(shop, owner.epoch(), takeover);
            }
        } else {
            known.put(shop, owner);
        }
        return owner;
    }

    private static String[] keys() {
        return new String[] {OWNERS, EPOCHS};
    }

    private byte[][] claimArgs(String shop) {
        return new byte[][] {NodeLease.bytes(shop), NodeLease.bytes(me), NodeLease.bytes(NodeLease.NODE_KEY),
                NodeLease.bytes(lease.token()), NodeLease.bytes(CHANGES)};
    }
}
