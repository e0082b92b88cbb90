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
 * one renewal keeps all of a node's shops, however many. A shop without a live owner is claimed by the first node
 * that needs it (a connection of the shop's buyer or agent landed there), atomically in Redis, and every change of
 * owner is published on {@code kefu:owner-changes} so that all nodes update what they know at once. When a node
 * dies, the live nodes share its shops out by rendezvous hashing and take them over at once, so their queues and
 * timers go on without waiting for a client.
 *
 * <p>Thread-safe: {@link #ownerOf} may be called anywhere and never blocks; the scans run on the cluster thread.
 */
final class ShopOwnership {
    private static final Logger log = LoggerFactory.getLogger(ShopOwnership.class);
    static final String OWNERS = "kefu:owners";
    static final String EPOCHS = "kefu:epochs";
    static final String CHANGES = "kefu:owner-changes";

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
         * This node gives {@code shop} away (a drain): its router stops at once; the answer completes once what it had
         * under way is stored.
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

    private final Fencer fencer;
    private final java.util.concurrent.Executor clusterThread;

    ShopOwnership(RedisLink redis, NodeLease lease, Listener listener, Fencer fencer,
                  java.util.concurrent.Executor clusterThread) {
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
        Owner k = known.get(shop);
        if (k != null && lease.isLive(k.node())) {
            return CompletableFuture.completedFuture(k);
        }
        String other = draining ? Rendezvous.pick(shop, others()) : null;
        if (other != null) {
            return redis.commands().async().<byte[]>eval(CLAIM_FOR, ScriptOutputType.VALUE, keys(),
                    NodeLease.bytes(shop), NodeLease.bytes(other), NodeLease.bytes(NodeLease.NODE_KEY),
                    NodeLease.bytes(CHANGES)).toCompletableFuture().thenCompose(value -> settleAsync(shop, value));
        }
        return redis.commands().async().<byte[]>eval(CLAIM, ScriptOutputType.VALUE, keys(), claimArgs(shop))
                .toCompletableFuture().thenCompose(value -> settleAsync(shop, value));
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
        int given = 0;
        for (String shop : Set.copyOf(owned.keySet())) {
            String successor = Rendezvous.pick(shop, others());
            if (successor == null) {
                log.warn("draining node {}: no other live node to take shop {}", me, shop);
                continue;
            }
            if (owned.remove(shop) == null) {
                continue;
            }
            try {
                listener.handOver(shop, "moved to node " + successor + ": node " + me + " is draining")
                        .get(lease.leaseMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("draining node {}: shop {}'s writes under way did not finish within {} ms; handing it over"
                        + " anyway (a late message is renumbered after the new owner's, never lost)", me, shop,
                        lease.leaseMs());
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("draining node {}: stopping shop {} failed: {}", me, shop, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return given;
            }
            try {
                byte[] value = redis.commands().sync().eval(HAND_OVER, ScriptOutputType.VALUE, keys(),
                        NodeLease.bytes(shop), NodeLease.bytes(me), NodeLease.bytes(NodeLease.NODE_KEY),
                        NodeLease.bytes(successor), NodeLease.bytes(CHANGES));
                if (value != null) {
                    known.put(shop, Owner.parse(NodeLease.text(value)));
                    given++;
                } else {
                    log.warn("draining node {}: shop {} could not be given to node {}", me, shop, successor);
                }
            } catch (RuntimeException e) {
                log.warn("draining node {}: handing shop {} over failed: {}", me, shop, e.toString());
            }
        }
        log.info("node {} drained: {} shops handed to other nodes", me, given);
        return given;
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
        Set<String> live = lease.live();
        int taken = 0;
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            Owner o = Owner.parse(NodeLease.text(e.getValue()));
            if (gone.contains(o.node()) && me.equals(Rendezvous.pick(e.getKey(), draining ? others() : live))) {
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
