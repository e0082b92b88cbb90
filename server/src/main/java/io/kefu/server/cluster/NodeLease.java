package io.kefu.server.cluster;

import io.kefu.server.StartupException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's lease in Redis: key {@code kefu:node:<id>} holds a token of this process and expires after
 * {@code leaseMs} unless renewed, and sorted set {@code kefu:nodes} lists the nodes with their leases' ends. The
 * node serves shops only while its lease is surely alive: until {@code leaseMs - leaseMs / 4} after the start of its
 * last successful renewal, by its own clock, which is before Redis can let the lease expire and another node take its
 * shops over. Each renewal also reads which nodes are alive, so the nodes that died are known within a renewal.
 *
 * <p>Registration refuses a node id held by a live node: a key that is still renewed after a whole lease is another
 * process's. A node that restarts after a crash waits until its old lease has run out. Runs on the cluster thread
 * (blocking Redis calls with timeouts are fine there); {@link #valid()} and {@link #live()} may be read anywhere.
 */
final class NodeLease {
    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    static final String NODE_KEY = "kefu:node:";
    static final String NODES = "kefu:nodes";

    /** Set once in a Redis that has the cluster's state; a Redis without it lost that state, or is new. */
    static final String GENERATION = "kefu:generation";

    /**
     * KEYS: node key, nodes; ARGV: token, lease ms, node id. Sets the lease if nobody holds it and answers how long
     * ago (ms) Redis got its cluster state (0: just now, so Redis is new or lost its data); -1 when the lease is held.
     */
    private static final String REGISTER = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              local t = redis.call('TIME')
              local now = t[1] * 1000 + math.floor(t[2] / 1000)
              redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
              redis.call('SET', 'kefu:generation', now, 'NX')
              return now - tonumber(redis.call('GET', 'kefu:generation'))
            end
            return -1""";

    /**
     * Same keys and arguments. Extends the lease if it is still this process's (1), says it is gone (0) or another
     * process's (-1); then lists the live nodes after the status, each as {@code "<node> <token>"} (ARGV[4]: the
     * node key prefix).
     */
    private static final String RENEW = """
            local cur = redis.call('GET', KEYS[1])
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            local status = -1
            if cur == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
              status = 1
            elseif not cur then
              status = 0
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            local live = redis.call('ZRANGEBYSCORE', KEYS[2], now, '+inf')
            local out = {tostring(status)}
            for _, id in ipairs(live) do
              table.insert(out, id .. ' ' .. (redis.call('GET', ARGV[4] .. id) or '-'))
            end
            return out""";

    /** What a renewal found, for the owner of the lease to act on. */
    interface Listener {
        /**
         * This node took its lease with {@code token}: write the token where writes are fenced, before it serves.
         * Blocks (cluster or start-up thread); throws when that cannot be done, and the lease is given back.
         */
        void registered(String token);

        /** This node may no longer serve: its lease ran out or was lost (Redis unreachable, or its data lost). */
        void leaseLost(String why);

        /**
         * These nodes' leases ended since the last renewal: they are dead (or cut off) and serve nothing. The value is
         * each one's last token seen, or null.
         */
        void nodesLeft(java.util.Map<String, String> nodes);
    }

    private final RedisLink redis;
    private final String node;
    /** This process's current lease's token: a new one each time it takes its lease. */
    private volatile String token = UUID.randomUUID().toString();
    /** Each live node's token as last read (to fence it off once it dies). */
    private volatile java.util.Map<String, String> tokens = java.util.Map.of();
    private final long leaseMs;
    private final LongSupplier nanos;
    private final Listener listener;
    private volatile long validUntilNanos = Long.MIN_VALUE;
    private volatile Set<String> live = Set.of();
    private volatile boolean holding;
    /** After a lease taken again: not serving before this (nanos), so that nodes that forgot nothing have stopped. */
    private volatile long notBeforeNanos = Long.MIN_VALUE / 2;
    private volatile long lastRenewMs = -1;

    NodeLease(RedisLink redis, String node, long leaseMs, LongSupplier nanos, Listener listener) {
        this.redis = redis;
        this.node = node;
        this.leaseMs = leaseMs;
        this.nanos = nanos;
        this.listener = listener;
    }

    String node() {
        return node;
    }

    String token() {
        return token;
    }

    long leaseMs() {
        return leaseMs;
    }

    /** How often to renew: three times a lease, so that two renewals may fail before the lease is given up. */
    long renewEveryMs() {
        return Math.max(50, leaseMs / 3);
    }

    /**
     * Takes the lease at start-up, waiting up to a lease and a renewal for one left by a crashed process with this id;
     * a lease still renewed after that is a live node's, and this one refuses to start. Blocks the calling thread.
     */
    void register() {
        long deadline = System.nanoTime() + (leaseMs + renewEveryMs() + 500) * 1_000_000L;
        boolean told = false;
        while (true) {
            long started = nanos.getAsLong();
            token = UUID.randomUUID().toString();
            Long got = sync().eval(REGISTER, ScriptOutputType.INTEGER, keys(), args());
            if (got != null && got >= 0) {
                try {
                    fence();
                } catch (RuntimeException e) {
                    throw new StartupException("node " + node + " cannot write its fence to the database: "
                            + e.getMessage(), e);
                }
                if (got < leaseMs) {
                    // Redis got its cluster state less than a lease ago: new, or it lost it, and then other nodes may
                    // still serve shops it has forgotten until their next renewal; a lease after it, all have stopped.
                    // (Every node that starts within that lease waits, not only the first.)
                    long waitMs = leaseMs - got;
                    log.warn("Redis got its cluster state {} ms ago (new, or it lost its data): node {} waits {} ms"
                            + " before it serves", got, node, waitMs);
                    long until = System.nanoTime() + waitMs * 1_000_000L;
                    while (System.nanoTime() < until) {
                        pause(Math.max(1, Math.min(renewEveryMs(), (until - System.nanoTime()) / 1_000_000L)));
                        List<Object> kept = sync().eval(RENEW, ScriptOutputType.MULTI, keys(), args());
                        if (!"1".equals(text(kept.get(0)))) {
                            throw new StartupException("node " + node + " lost its lease in Redis while it waited to"
                                    + " serve; start it again", null);
                        }
                    }
                    started = nanos.getAsLong();
                }
                took(started);
                renew(); // reads the live nodes
                log.info("cluster node {} registered (lease {} ms)", node, leaseMs);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException("another live node has KEFU_NODE_ID=" + node
                        + " (its lease in Redis is being renewed); every node needs its own id", null);
            }
            if (!told) {
                log.warn("node id {} is held in Redis, by this node's previous process or by another node; waiting"
                        + " up to {} ms for it to end", node, leaseMs);
                told = true;
            }
            try {
                Thread.sleep(Math.min(200, renewEveryMs()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for node id " + node, e);
            }
        }
    }

    /** One renewal (cluster thread): extends the lease, or takes it again after it was lost, and reads the live nodes. */
    void renew() {
        long started = nanos.getAsLong();
        List<Object> answer;
        try {
            answer = sync().eval(RENEW, ScriptOutputType.MULTI, keys(), args());
        } catch (RuntimeException e) {
            log.warn("renewing the lease of node {} failed: {}", node, e.toString());
            expireIfDue();
            return;
        }
        int status = Integer.parseInt(text(answer.get(0)));
        Set<String> now = new HashSet<>();
        java.util.Map<String, String> seen = new java.util.HashMap<>(tokens);
        for (int i = 1; i < answer.size(); i++) {
            String[] entry = text(answer.get(i)).split(" ", 2);
            now.add(entry[0]);
            if (entry.length == 2 && !entry[1].equals("-")) {
                seen.put(entry[0], entry[1]);
            }
        }
        if (status == 1) {
            if (!holding) {
                // A renewal later than ¾ of a lease (a busy machine): the watchdog gave the lease up here, so this
                // node's routers stopped and its fence was dropped, but Redis kept the lease, so no other node took
                // anything over. It serves again once its fence holds its token again.
                try {
                    fence();
                } catch (RuntimeException e) {
                    log.warn("node {} renewed its lease late but cannot fence its writes: {}; giving it back", node,
                            e.getMessage());
                    return;
                }
                log.warn("node {} renewed its lease after giving it up (the renewal came {} ms after the last one);"
                        + " it serves again", node, (started / 1_000_000L) - lastRenewMs);
            }
            took(started);
        } else {
            boolean was;
            synchronized (this) {
                was = holding;
                holding = false;
                validUntilNanos = Long.MIN_VALUE;
            }
            if (was) {
                listener.leaseLost(status == 0 ? "its lease was gone from Redis (expired, or Redis lost its data)"
                        : "another process holds its node id");
            }
            if (status == 0) {
                token = UUID.randomUUID().toString();
                Long got = sync().eval(REGISTER, ScriptOutputType.INTEGER, keys(), args());
                if (got != null && got >= 0) {
                    try {
                        fence();
                        // Its lease ran out, or Redis lost its data (then other nodes may serve the shops Redis forgot
                        // until their next renewal): it serves again only a lease from now, when they all stopped.
                        took(started);
                        notBeforeNanos = started + leaseMs * 1_000_000L;
                        log.info("cluster node {} took its lease again; it serves again in {} ms", node, leaseMs);
                        now.add(node);
                    } catch (RuntimeException e) {
                        log.warn("node {} took its lease again but cannot fence its writes: {}; giving it back", node,
                                e.getMessage());
                        release();
                    }
                }
            } else {
                log.error("node id {} is held by another process: this node serves nothing until it is free", node);
            }
        }
        Set<String> before = live;
        live = Set.copyOf(now);
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(now);
        gone.remove(node);
        java.util.Map<String, String> goneTokens = new java.util.HashMap<>();
        for (String g : gone) {
            goneTokens.put(g, seen.remove(g));
        }
        tokens = java.util.Map.copyOf(seen);
        if (!gone.isEmpty()) {
            log.info("cluster nodes left: {}", gone);
            listener.nodesLeft(goneTokens);
        }
    }

    /** Ends this node's lease at once (a clean stop): its shops can be taken over without waiting. */
    void release() {
        try {
            sync().eval("if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]);"
                    + " redis.call('ZREM', KEYS[2], ARGV[2]) end return 1", ScriptOutputType.INTEGER, keys(), bytes(token), bytes(node));
        } catch (RuntimeException e) {
            log.warn("releasing the lease of node {} failed: {}", node, e.toString());
        }
        holding = false;
        validUntilNanos = Long.MIN_VALUE;
    }

    /** {@code true} while this node may serve: its lease is surely still alive in Redis. */
    boolean valid() {
        long now = nanos.getAsLong();
        return holding && now - validUntilNanos < 0 && now - notBeforeNanos >= 0;
    }

    /** The nodes alive at the last renewal (this one included while it holds its lease). */
    Set<String> live() {
        return live;
    }

    boolean isLive(String other) {
        return other.equals(node) ? valid() : live.contains(other);
    }

    /** Milliseconds since the last successful renewal started, or -1 before the first. */
    long sinceRenewMs() {
        long last = lastRenewMs;
        return last < 0 ? -1 : Math.max(0, (nanos.getAsLong() / 1_000_000L) - last);
    }

    private void took(long startedNanos) {
        validUntilNanos = startedNanos + (leaseMs - leaseMs / 4) * 1_000_000L;
        lastRenewMs = startedNanos / 1_000_000L;
        holding = true;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while joining the cluster", e);
        }
    }

    /**
     * Gives the lease up the moment it may have run out (its last renewal began ¾ of a lease ago): called after a
     * failed renewal, and by a watchdog between renewals, since a renewal may hang up to the bus timeout. Any thread.
     */
    synchronized void expireIfDue() {
        if (holding && nanos.getAsLong() - validUntilNanos >= 0) {
            holding = false;
            listener.leaseLost("it could not renew its lease in time (Redis unreachable?)");
        }
    }

    private String[] keys() {
        return new String[] {NODE_KEY + node, NODES};
    }

    private byte[][] args() {
        return new byte[][] {bytes(token), bytes(String.valueOf(leaseMs)), bytes(node), bytes(NODE_KEY)};
    }

    /** The last token seen for {@code other}, or null. */
    String tokenOf(String other) {
        return tokens.get(other);
    }

    /** Writes this lease's token as the node's fence; gives the lease back when that fails. */
    private void fence() {
        try {
            listener.registered(token);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RedisCommands<String, byte[]> sync() {
        return redis.commands().sync();
    }

    static String text(Object value) {
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
