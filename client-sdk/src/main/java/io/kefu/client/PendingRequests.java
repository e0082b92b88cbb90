package io.kefu.client;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Send;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The requests of one client that wait for an answer: in flight (written with an id, keyed by it) or
 * waiting to be written once the client is connected. Assigns request ids and enforces the request
 * timeout. Confined to the client's event loop.
 */
final class PendingRequests {

    /** One request: its frame without id, the caller's future and, once written, its current id. */
    static final class Pending {
        final Frame frame;
        final CompletableFuture<OkResult> future;
        String id;
        ScheduledFuture<?> timeout;

        Pending(Frame frame, CompletableFuture<OkResult> future) {
            this.frame = frame;
            this.future = future;
        }
    }

    private final EventLoop loop;
    private final long timeoutMillis;
    private final Supplier<String> connectionState;
    private final Map<String, Pending> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private long lastId;

    PendingRequests(EventLoop loop, long timeoutMillis, Supplier<String> connectionState) {
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
        this.connectionState = connectionState;
    }

    /** Tracks a new request and starts its timeout, which runs across reconnects. */
    Pending track(Frame frame, CompletableFuture<OkResult> future) {
        Pending p = new Pending(frame, future);
        p.timeout = loop.schedule(() -> timedOut(p), timeoutMillis, TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> {
            p.timeout.cancel(false);
            if (loop.inEventLoop()) {
                forget(p);
            } else {
                loop.execute(() -> forget(p));
            }
        });
        return p;
    }

    /** Gives the request a fresh id and records it as in flight; returns the frame to write. */
    Frame toWire(Pending p) {
        p.id = Long.toString(++lastId);
        inFlight.put(p.id, p);
        return RequestFrames.withId(p.frame, p.id);
    }

    /** Holds the request until {@link #takeWaiting()}. */
    void await(Pending p) {
        waiting.add(p);
    }

    /** The waiting requests, oldest first, to be written now. */
    List<Pending> takeWaiting() {
        List<Pending> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    /** Removes and returns the request an {@code ok} answers, or {@code null} when none has id {@code re}. */
    Pending answered(String re) {
        return re == null ? null : inFlight.remove(re);
    }

    /** Fails the request answered by an {@code error}; {@code false} when none has id {@code re}. */
    boolean answerError(String re, ErrorCode code, String message, io.kefu.protocol.RuleRef rule) {
        Pending p = re == null ? null : inFlight.remove(re);
        return p != null && p.future.completeExceptionally(
                new KefuClientException(code, p.frame.type() + " failed: " + message, rule));
    }

    /** Fails the in-flight request with id {@code id}, e.g. when its frame could not be encoded. */
    void fail(String id, Throwable cause) {
        Pending p = inFlight.remove(id);
        if (p != null) {
            p.future.completeExceptionally(cause);
        }
    }

    /**
     * The connection is gone: fails what was in flight, except sends when {@code keepSends}, which wait
     * to be re-sent (with their cmid, so the server stores them once) after the next {@code hello}.
     */
    void connectionLost(Throwable cause, boolean keepSends) {
        List<Pending> kept = new ArrayList<>();
        List<Pending> failed = new ArrayList<>();
        for (Pending p : inFlight.values()) {
            (keepSends && p.frame instanceof Send ? kept : failed).add(p);
        }
        inFlight.clear();
        kept.addAll(waiting);
        waiting.clear();
        waiting.addAll(kept);
        // Completing runs the callers' stages, which may submit new requests: state is settled first.
        failed.forEach(p -> p.future.completeExceptionally(cause));
    }

    /** Fails every request, in flight or waiting. */
    void failAll(Throwable cause) {
        connectionLost(cause, false);
        for (Pending p : takeWaiting()) {
            p.future.completeExceptionally(cause);
        }
    }

    String describe() {
        return inFlight.size() + " in flight, " + waiting.size() + " waiting to be sent";
    }

    private void timedOut(Pending p) {
        String id = p.id == null ? "not sent yet" : "id " + p.id;
        p.future.completeExceptionally(new RequestTimeoutException(p.frame.type(),
                p.frame.type() + " (" + id + ") got no answer within " + timeoutMillis + " ms; connection "
                        + connectionState.get() + ", requests: " + describe()));
    }

    private void forget(Pending p) {
        if (p.id != null) {
            inFlight.remove(p.id, p);
        }
        waiting.remove(p);
    }
}
