package io.kefu.server.cluster;

import io.kefu.protocol.Frame;
import io.kefu.server.bus.Bus;
import io.kefu.server.cluster.Envelope.Push;
import io.kefu.server.session.SessionRegistry;
import io.kefu.server.session.UserChannels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's bus: a push goes to the user's connections on this node directly and, through Redis channel
 * {@code kefu:u:<user>}, to the nodes where the user has other connections. A node listens on a user's channel while
 * it holds at least one of their sessions (from before their {@code hello} is answered, see {@link UserChannels}), so
 * Redis carries a push only to nodes that want it, and a node that dies stops listening with its connection. Pushes
 * are at most once, like every push: what matters is stored first, and clients {@code sync} after a reconnect.
 * Thread-safe; never blocks (Redis's async API).
 */
final class RedisBus implements Bus, UserChannels {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    static final String USER = "kefu:u:";

    private final RedisLink redis;
    private final SessionRegistry sessions;
    private final String me;
    private final ConcurrentHashMap<String, Hold> holds = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter received;

    /** How many sessions here hold a user's channel, and when listening on it began. */
    private static final class Hold {
        int count;
        final CompletableFuture<Void> listening;

        Hold(CompletableFuture<Void> listening) {
            this.listening = listening;
        }
    }

    RedisBus(RedisLink redis, SessionRegistry sessions, String me, MeterRegistry registry) {
        this.redis = redis;
        this.sessions = sessions;
        this.me = me;
        this.sent = Counter.builder("kefu.cluster.pushes").tag("direction", "sent")
                .description("Pushes published to other nodes through Redis, and received from them").register(registry);
        this.received = Counter.builder("kefu.cluster.pushes").tag("direction", "received")
                .description("Pushes published to other nodes through Redis, and received from them").register(registry);
    }

    @Override
    public void publish(String userId, Frame frame) {
        sessions.push(userId, frame);
        sent.increment();
        redis.commands().async().publish(USER + userId, Envelope.push(new Push(me, userId, frame)))
                .whenComplete((n, e) -> {
                    if (e != null) {
                        log.debug("a push to {} could not reach other nodes: {}", userId, e.toString());
                    }
                });
    }

    /** Connections on this node only: where else the user is connected is Redis's to know. */
    @Override
    public boolean isConnected(String userId) {
        return sessions.isConnected(userId);
    }

    @Override
    public CompletableFuture<Void> hold(String userId) {
        Hold h = holds.compute(userId, (k, held) -> {
            Hold hold = held != null ? held : new Hold(redis.pubsub().async().subscribe(USER + k)
                    .toCompletableFuture().thenApply(v -> (Void) null));
            hold.count++;
            return hold;
        });
        return h.listening;
    }

    @Override
    public void release(String userId) {
        holds.computeIfPresent(userId, (k, hold) -> {
            if (--hold.count > 0) {
                return hold;
            }
            // In order after the subscribe on the same connection, so a hold that comes next subscribes again after it.
            redis.pubsub().async().unsubscribe(USER + k);
            return null;
        });
    }

    /** A push from another node on a user's channel. Redis's thread. */
    void received(String channel, byte[] message) {
        Object m;
        try {
            m = Envelope.read(message);
        } catch (IllegalArgumentException e) {
            log.warn("ignored a damaged push on {}: {}", channel, e.getMessage());
            return;
        }
        if (m instanceof Push p && !p.from().equals(me)) {
            received.increment();
            sessions.push(p.user(), p.frame());
        }
    }

    /** Users whose channel this node listens on. */
    int held() {
        return holds.size();
    }
}
