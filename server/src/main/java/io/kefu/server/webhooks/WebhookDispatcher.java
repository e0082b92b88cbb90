package io.kefu.server.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.timers.RouterTimers;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the shops' webhook events (docs/webhooks.md). {@link #publish} (any thread, router lanes included) only
 * offers the event to a bounded {@link WebhookQueue}. One worker thread, {@code kefu-webhooks}, owns everything
 * else: it turns events into one stored delivery per subscribed webhook, starts the signed HTTP calls (asynchronous,
 * at most {@code maxInFlight} on this node and {@code maxInFlightPerShop} per shop, the rest wait their turn), times
 * each attempt out on the injected clock's timers, and schedules retries ({@link RetrySchedule}). Pending deliveries
 * are in the store, so a restart takes them up again: all of them on a single node ({@link #takeUp()}), in a cluster
 * those of the shops the node owns, as it comes to own them ({@link #takeUp(String)}, {@link #letGo}). The worker
 * blocks on the store, never on a receiver.
 */
public final class WebhookDispatcher implements WebhookEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Limits and timings; {@link #DEFAULT} is what the server uses, with the queue of {@code KEFU_WEBHOOK_QUEUE}. */
    public record Settings(int queueCapacity, int maxBatch, long timeoutMs, int maxInFlight, int maxInFlightPerShop,
                           int maxBacklog, int maxPendingPerWebhook, int keepLog, int cachedShops,
                           RetrySchedule retries) {
        public static final Settings DEFAULT = new Settings(10_000, 256, 10_000, 64, 8, 100_000, 1_000, 100, 10_000,
                RetrySchedule.DEFAULT);

        public Settings withQueueCapacity(int n) {
            return new Settings(n, maxBatch, timeoutMs, maxInFlight, maxInFlightPerShop, maxBacklog,
                    maxPendingPerWebhook, keepLog, cachedShops, retries);
        }

        public Settings withRetries(RetrySchedule r) {
            return new Settings(queueCapacity, maxBatch, timeoutMs, maxInFlight, maxInFlightPerShop, maxBacklog,
                    maxPendingPerWebhook, keepLog, cachedShops, r);
        }

        public Settings withTimeoutMs(long ms) {
            return new Settings(queueCapacity, maxBatch, ms, maxInFlight, maxInFlightPerShop, maxBacklog,
                    maxPendingPerWebhook, keepLog, cachedShops, retries);
        }
    }

    /** A delivery the worker is responsible for. Worker thread only. */
    private static final class Tracked {
        Delivery d;
        final Webhook to;
        RouterTimers.Timer timer;
        CompletableFuture<Integer> call;
        int attemptSeq;
        boolean sending;
        /** Its shop moved to another node while this attempt was under way: the outcome is stored, nothing retried. */
        boolean handedOff;

        Tracked(Delivery d, Webhook to) {
            this.d = d;
            this.to = to;
        }
    }

    private final WebhookStore store;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final RouterTimers timers;
    private final Clock clock;
    private final IdGenerator ids;
    private final Settings settings;
    private final WebhookMeters meters;
    private final WebhookQueue queue;
    private final ThreadPoolExecutor worker;
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicInteger inFlightNow = new AtomicInteger();
    private volatile boolean closed;

    // Worker thread only.
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<String, Integer> pendingByWebhook = new HashMap<>();
    private final Map<String, Integer> inFlightByShop = new HashMap<>();
    private final LinkedHashMap<String, ArrayDeque<Tracked>> ready = new LinkedHashMap<>();
    private long lastBacklogWarning = Long.MIN_VALUE;

    /**
     * @param httpExecutor where the HTTP client does its work and completes calls
     * @param timers the server's timers: attempt timeouts and retries are due by {@code clock}
     */
    public WebhookDispatcher(WebhookStore store, Executor httpExecutor, RouterTimers timers, Clock clock,
                             IdGenerator ids, Settings settings, MeterRegistry registry) {
        this.store = store;
        this.subscriptions = new Subscriptions(store, settings.cachedShops());
        this.sender = new WebhookSender(httpExecutor);
        this.timers = timers;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
        this.queue = new WebhookQueue(settings.queueCapacity(), clock, this::countQueueDrop);
        this.meters = new WebhookMeters(registry, queue::size, backlog::get, inFlightNow::get);
        AtomicInteger n = new AtomicInteger();
        // Tasks: one drain at a time, one completion per call in flight, one retry per tracked delivery.
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(settings.maxBacklog() + settings.maxInFlight() * 2 + 16), r -> {
                    Thread t = new Thread(r, "kefu-webhooks-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Takes up every pending delivery in the store (a single node, at start). Any thread. */
    public void takeUp() {
        post(() -> resume(null));
    }

    /**
     * Takes up the shop's pending deliveries (a cluster node came to own it), except those this node still tries. Any
     * thread; never blocks.
     */
    public void takeUp(String shopId) {
        post(() -> resume(shopId));
    }

    /**
     * The shop is now served by another node, which takes up its pending deliveries: retries waiting here are dropped
     * (they stay pending in the store), and an attempt under way finishes and stores its outcome but is not retried
     * here. Deliveries made here later (events still queued) are this node's to finish. Any thread; never blocks.
     */
    public void letGo(String shopId) {
        post(() -> {
            List<Tracked> mine = tracked.values().stream().filter(t -> t.to.shopId().equals(shopId)).toList();
            mine.stream().filter(t -> t.sending).forEach(t -> t.handedOff = true);
            List<Tracked> gone = mine.stream().filter(t -> !t.sending).toList();
            gone.forEach(this::drop); // those waiting their turn in ready too
            ready.remove(shopId);
            if (!gone.isEmpty()) {
                log.info("webhooks: {} pending deliveries of shop {} left to the node that serves it now", gone.size(),
                        shopId);
            }
        });
    }

    @Override
    public void publish(String shopId, WebhookEvent event, Supplier<? extends JsonNode> data) {
        if (closed || !subscriptions.mayWant(shopId, event)) {
            return;
        }
        queue.offer(new WebhookQueue.Queued(shopId, event, clock.millis(), data));
        if (drainPosted.compareAndSet(false, true)) {
            post(this::drain);
        }
    }

    /** The shop's webhooks changed: the next event reads them again. Any thread. */
    public void invalidate(String shopId) {
        subscriptions.invalidate(shopId);
    }

    /** A webhook was deleted: its pending deliveries are not tried again. Any thread. */
    public void forget(String webhookId) {
        post(() -> {
            tracked.values().stream().filter(t -> t.to.id().equals(webhookId)).toList().forEach(this::drop);
            ready.values().forEach(q -> q.removeIf(t -> t.to.id().equals(webhookId)));
            ready.values().removeIf(ArrayDeque::isEmpty);
        });
    }

    /** Events waiting in the queue (tests, metrics). */
    public int queued() {
        return queue.size();
    }

    /** Deliveries not yet delivered nor given up (tests, metrics). */
    public int backlog() {
        return backlog.get();
    }

    // ---- worker thread ----

    /** Takes up the pending deliveries of {@code shopId}, or of every shop when it is null. */
    private void resume(String shopId) {
        List<Delivery> pending;
        int room = settings.maxBacklog() - tracked.size();
        if (room <= 0) {
            return;
        }
        try {
            pending = shopId == null ? store.pending(room) : store.pendingOf(shopId, room);
        } catch (RuntimeException e) {
            log.warn("webhooks: pending deliveries{} could not be read; they wait for the next start{}: {}",
                    shopId == null ? "" : " of shop " + shopId, shopId == null ? "" : " or move of the shop",
                    e.toString());
            return;
        }
        Map<String, Optional<Webhook>> hooks = new HashMap<>();
        int n = 0;
        for (Delivery d : pending) {
            Tracked here = tracked.get(d.id());
            if (here != null) {
                here.handedOff = false; // the shop came back before this attempt ended: retried here again
                continue;
            }
            Optional<Webhook> to = hooks.computeIfAbsent(d.webhookId(), id -> store.find(d.shopId(), id));
            if (to.isPresent()) {
                Tracked t = track(d, to.get());
                scheduleRetry(t, Math.max(d.nextAt(), clock.millis()));
                n++;
            }
        }
        if (n > 0) {
            log.info("webhooks: {} pending deliveries{} taken up again", n, shopId == null ? "" : " of shop " + shopId);
        }
    }

    private void drain() {
        drainPosted.set(false);
        List<WebhookQueue.Queued> batch = new ArrayList<>();
        queue.drainTo(batch, settings.maxBatch());
        List<Tracked> fresh = new ArrayList<>();
        for (WebhookQueue.Queued q : batch) {
            deliveriesOf(q, fresh);
        }
        try {
            store.addDeliveries(fresh.stream().map(t -> t.d).toList());
        } catch (RuntimeException e) {
            log.warn("webhooks: {} deliveries could not be stored; they are tried but would not survive a restart: {}",
                    fresh.size(), e.toString());
        }
        if (!closed) { // stopping: stored, tried after the next start
            fresh.forEach(this::start);
        }
        if (!queue.isEmpty() && drainPosted.compareAndSet(false, true)) {
            post(this::drain);
        }
    }

    /** One new delivery per webhook of the shop that wants the event, unless the backlog is full. */
    private void deliveriesOf(WebhookQueue.Queued q, List<Tracked> into) {
        List<Webhook> hooks;
        try {
            hooks = subscriptions.webhooks(q.shopId());
        } catch (RuntimeException e) {
            log.warn("webhooks of shop {} could not be read; {} event dropped: {}", q.shopId(), q.event().wire(),
                    e.toString());
            return;
        }
        JsonNode data = null;
        for (Webhook w : hooks) {
            if (!w.wants(q.event())) {
                continue;
            }
            if (tracked.size() >= settings.maxBacklog()
                    || pendingByWebhook.getOrDefault(w.id(), 0) >= settings.maxPendingPerWebhook()) {
                backlogFull(w);
                continue;
            }
            try {
                data = data != null ? data : q.data().get();
                String id = ids.next();
                into.add(track(Delivery.pending(id, w, q.event(), body(id, q, data), q.ts()), w));
            } catch (RuntimeException e) {
                log.warn("webhook event {} of shop {} could not be made: {}", q.event().wire(), q.shopId(), e.toString());
                return;
            }
        }
    }

    private static String body(String id, WebhookQueue.Queued q, JsonNode data) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("event", q.event().wire()).put("shopId", q.shopId())
                .put("ts", q.ts());
        body.set("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    private void start(Tracked t) {
        if (inFlightNow.get() < settings.maxInFlight()
                && inFlightByShop.getOrDefault(t.to.shopId(), 0) < settings.maxInFlightPerShop()) {
            send(t);
        } else {
            ready.computeIfAbsent(t.to.shopId(), s -> new ArrayDeque<>()).add(t);
        }
    }

    private void send(Tracked t) {
        inFlightNow.incrementAndGet();
        inFlightByShop.merge(t.to.shopId(), 1, Integer::sum);
        t.sending = true;
        int seq = ++t.attemptSeq;
        long timeoutMs = settings.timeoutMs();
        CompletableFuture<Integer> call;
        try {
            call = sender.send(t.to, t.d, timeoutMs);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        t.call = call;
        t.timer = timers.schedule(clock.millis() + timeoutMs, () -> post(() -> finished(t, seq, 0,
                WebhookMeters.Attempt.TIMEOUT, "no answer within " + timeoutMs + " ms")));
        call.whenComplete((status, error) -> post(() -> {
            if (error == null) {
                boolean ok = status / 100 == 2;
                finished(t, seq, status, ok ? WebhookMeters.Attempt.OK : WebhookMeters.Attempt.HTTP_ERROR,
                        ok ? null : "HTTP " + status);
            } else {
                Throwable cause = KefuException.unwrap(error);
                boolean timeout = cause instanceof HttpTimeoutException;
                finished(t, seq, 0, timeout ? WebhookMeters.Attempt.TIMEOUT : WebhookMeters.Attempt.ERROR,
                        timeout ? "no answer within " + timeoutMs + " ms" : describe(cause));
            }
        }));
    }

    private void finished(Tracked t, int seq, int status, WebhookMeters.Attempt outcome, String error) {
        if (!t.sending || t.attemptSeq != seq) {
            return; // the answer after a timeout, or the timeout after the answer
        }
        t.sending = false;
        t.timer.cancel();
        if (outcome == WebhookMeters.Attempt.TIMEOUT) {
            t.call.cancel(true);
        }
        inFlightNow.decrementAndGet();
        inFlightByShop.computeIfPresent(t.to.shopId(), (s, n) -> n <= 1 ? null : n - 1);
        meters.attempt(outcome);
        if (tracked.get(t.d.id()) == t) {
            judge(t, status, outcome, error);
        }
        pump();
    }

    private void judge(Tracked t, int status, WebhookMeters.Attempt outcome, String error) {
        long now = clock.millis();
        if (outcome == WebhookMeters.Attempt.OK) {
            t.d = t.d.attempted(now, status, null, Delivery.State.DELIVERED, 0);
            untrack(t);
            meters.delivered();
        } else if (settings.retries().giveUp(t.d.createdAt(), now)) {
            t.d = t.d.attempted(now, status, error, Delivery.State.FAILED, 0);
            untrack(t);
            meters.gaveUp();
            log.info("webhook delivery given up after {} attempts delivery={} webhook={} shop={} event={}: {}",
                    t.d.attempts(), t.d.id(), t.to.id(), t.to.shopId(), t.d.event().wire(), error);
        } else {
            long next = now + settings.retries().delayAfter(t.d.attempts() + 1);
            t.d = t.d.attempted(now, status, error, Delivery.State.PENDING, next);
            if (t.handedOff) {
                untrack(t); // pending in the store: the shop's node now tries it
            } else {
                scheduleRetry(t, next);
            }
            log.debug("webhook attempt {} failed delivery={} webhook={}: {}; next at {}", t.d.attempts(), t.d.id(),
                    t.to.id(), error, next);
        }
        try {
            store.updateDelivery(t.d, settings.keepLog());
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} outcome could not be stored: {}", t.d.id(), e.toString());
        }
    }

    /** Starts waiting deliveries while calls may start, taking shops in turn. */
    private void pump() {
        boolean progress = true;
        while (progress && !ready.isEmpty() && inFlightNow.get() < settings.maxInFlight()) {
            progress = false;
            Iterator<Map.Entry<String, ArrayDeque<Tracked>>> it = ready.entrySet().iterator();
            while (it.hasNext() && inFlightNow.get() < settings.maxInFlight()) {
                Map.Entry<String, ArrayDeque<Tracked>> e = it.next();
                if (inFlightByShop.getOrDefault(e.getKey(), 0) >= settings.maxInFlightPerShop()) {
                    continue;
                }
                Tracked t = e.getValue().poll();
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
                send(t);
                progress = true;
            }
        }
    }

    private void scheduleRetry(Tracked t, long at) {
        t.timer = timers.schedule(at, () -> post(() -> {
            if (tracked.get(t.d.id()) == t && !t.sending) {
                start(t);
            }
        }));
    }

    private Tracked track(Delivery d, Webhook to) {
        Tracked t = new Tracked(d, to);
        tracked.put(d.id(), t);
        pendingByWebhook.merge(to.id(), 1, Integer::sum);
        backlog.set(tracked.size());
        return t;
    }

    /** Stops trying {@code t} here: its retry or timeout is cancelled and it is no longer tracked. */
    private void drop(Tracked t) {
        if (t.timer != null) {
            t.timer.cancel();
        }
        untrack(t);
    }

    private void untrack(Tracked t) {
        if (tracked.remove(t.d.id()) == t) {
            pendingByWebhook.computeIfPresent(t.to.id(), (id, n) -> n <= 1 ? null : n - 1);
            backlog.set(tracked.size());
        }
    }

    private void backlogFull(Webhook w) {
        meters.droppedBacklogFull();
        long now = clock.millis();
        if (lastBacklogWarning == Long.MIN_VALUE || now - lastBacklogWarning >= 10_000) {
            lastBacklogWarning = now;
            log.warn("webhook backlog full ({} pending, {} for webhook {} of shop {}): new deliveries are dropped",
                    tracked.size(), pendingByWebhook.getOrDefault(w.id(), 0), w.id(), w.shopId());
        }
    }

    private void countQueueDrop() {
        meters.droppedQueueFull();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String s = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    private void post(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("webhook worker task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (!closed) {
                log.warn("webhook worker refused a task (stopping, or {} tasks queued)", worker.getQueue().size());
            }
        }
    }

    /** Stores what is queued and stops; pending deliveries stay in the store for the next start. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        post(this::drain);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
