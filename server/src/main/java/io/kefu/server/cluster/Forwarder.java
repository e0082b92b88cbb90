package io.kefu.server.cluster;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.cluster.Envelope.Answer;
import io.kefu.server.cluster.Envelope.Call;
import io.kefu.server.cluster.Envelope.Op;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.HashedWheelTimer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls between nodes over Redis pub/sub: each node listens on its own channel {@code kefu:n:<node>} for calls and
 * for the answers to its own calls. A call is at most once (pub/sub does not keep what nobody heard): one that gets no
 * answer within the bus timeout fails with {@code overloaded}, which clients retry (a {@code send} retried with its
 * {@code cmid} is never stored twice). Calls in flight are bounded; past the bound new ones fail at once with
 * {@code overloaded}. Thread-safe; never blocks: calls are published with Redis's async API, answers complete on
 * Redis's threads, timeouts on the bus timer's thread.
 */
final class Forwarder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    static final String CHANNEL = "kefu:n:";

    /** Serves the calls that reach this node (those for shops it owns). */
    interface Server {
        CompletableFuture<Answer> serve(Call call);
    }

    private final RedisLink redis;
    private final String me;
    private final long timeoutMs;
    private final int maxInFlight;
    private final HashedWheelTimer timer;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter timeouts;
    private final Counter refused;
    private volatile Server server;

    private record Pending(CompletableFuture<Answer> answer, long startedNanos, io.netty.util.Timeout timeout) {
    }

    Forwarder(RedisLink redis, String me, long timeoutMs, int maxInFlight, MeterRegistry registry) {
        this.redis = redis;
        this.me = me;
        this.timeoutMs = timeoutMs;
        this.maxInFlight = maxInFlight;
        this.timer = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, "kefu-bus-timer");
            t.setDaemon(true);
            return t;
        }, 10, TimeUnit.MILLISECONDS);
        this.latency = Timer.builder("kefu.cluster.call.latency")
                .description("Time from a call to another node until its answer (bus round trip and the owner's work)")
                .publishPercentileHistogram().register(registry);
        this.timeouts = Counter.builder("kefu.cluster.call.timeouts")
                .description("Calls to another node that got no answer within KEFU_BUS_TIMEOUT_MS").register(registry);
        this.refused = Counter.builder("kefu.cluster.call.refused")
                .description("Calls to another node refused at once: KEFU_BUS_MAX_IN_FLIGHT calls were waiting")
                .register(registry);
        Gauge.builder("kefu.cluster.calls.in.flight", inFlight, AtomicInteger::get)
                .description("Calls to other nodes waiting for their answer").register(registry);
    }

    void serveWith(Server server) {
        this.server = server;
    }

    static String channel(String node) {
        return CHANNEL + node;
    }

    /** Calls {@code node}; the answer says {@code notOwner} when that node does not own the shop (or is gone). */
    CompletableFuture<Answer> call(String node, Op op, String shop, Principal p, String subject, Frame frame,
                                   byte[] data) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refused.increment();
            answer.completeExceptionally(new KefuException(ErrorCode.OVERLOADED,
                    "too many calls between cluster nodes are waiting (" + maxInFlight + "); retry shortly"));
            return answer;
        }
        long id = ids.incrementAndGet();
        io.netty.util.Timeout timeout = timer.newTimeout(t -> expire(id, node), timeoutMs, TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(answer, System.nanoTime(), timeout));
        byte[] bytes = Envelope.call(new Call(id, me, op, shop, p, subject, frame, data));
        redis.commands().async().publish(channel(node), bytes).whenComplete((receivers, failure) -> {
            if (failure != null) {
                fail(id, new KefuException(ErrorCode.OVERLOADED, "the cluster bus is unreachable; retry shortly"));
            } else if (receivers == 0) {
                // Nobody listens on that node's channel: it is gone. The caller asks who owns the shop now.
                complete(new Answer(id, true, null));
            }
        });
        return answer;
    }

    /** A message on this node's channel. Redis's thread. */
    void received(byte[] message) {
        Object m;
        try {
            m = Envelope.read(message);
        } catch (IllegalArgumentException e) {
            log.warn("ignored a damaged message on the cluster bus: {}", e.getMessage());
            return;
        }
        if (m instanceof Answer a) {
            complete(a);
        } else if (m instanceof Call c) {
            Server s = server;
            CompletableFuture<Answer> served;
            try {
                served = s == null ? CompletableFuture.completedFuture(new Answer(c.id(), true, null)) : s.serve(c);
            } catch (RuntimeException e) {
                served = CompletableFuture.failedFuture(e);
            }
            served.whenComplete((a, failure) -> {
                Answer answer = a != null ? a : new Answer(c.id(), false, ClusterShopCalls.errorFrame(failure));
                redis.commands().async().publish(channel(c.from()), Envelope.answer(answer))
                        .whenComplete((n, e) -> {
                            if (e != null) {
                                log.debug("answering call {} of node {} failed: {}", c.id(), c.from(), e.toString());
                            }
                        });
            });
        }
    }

    private void complete(Answer a) {
        Pending p = pending.remove(a.id());
        if (p != null) {
            inFlight.decrementAndGet();
            p.timeout().cancel();
            latency.record(System.nanoTime() - p.startedNanos(), TimeUnit.NANOSECONDS);
            p.answer().complete(a);
        }
    }

    private void fail(long id, Throwable failure) {
        Pending p = pending.remove(id);
        if (p != null) {
            inFlight.decrementAndGet();
            p.timeout().cancel();
            p.answer().completeExceptionally(failure);
        }
    }

    private void expire(long id, String node) {
        if (pending.containsKey(id)) {
            timeouts.increment();
            fail(id, new KefuException(ErrorCode.OVERLOADED, "node " + node + " did not answer within "
                    + timeoutMs + " ms; retry shortly"));
        }
    }

    @Override
    public void close() {
        timer.stop();
        for (Long id : pending.keySet()) {
            fail(id, new KefuException(ErrorCode.OVERLOADED, "this node is stopping"));
        }
    }
}
