package io.kefu.server.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events waiting for the webhook worker: bounded; a full queue drops its OLDEST event to take the new one,
 * counted, with a warning at most every 10 s. {@link #offer} runs on router lanes and any other thread and never
 * blocks nor fails; {@link #drainTo} on the worker thread.
 */
final class WebhookQueue {
    private static final Logger log = LoggerFactory.getLogger(WebhookQueue.class);
    private static final long LOG_EVERY_MS = 10_000;

    /** An event as offered: evaluated into a delivery body on the worker thread. */
    record Queued(String shopId, WebhookEvent event, long ts, Supplier<? extends JsonNode> data) {
    }

    private final ArrayBlockingQueue<Queued> queue;
    private final Clock clock;
    private final Runnable onDrop;
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private final AtomicLong lastLogAt = new AtomicLong(Long.MIN_VALUE);

    WebhookQueue(int capacity, Clock clock, Runnable onDrop) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.clock = clock;
        this.onDrop = onDrop;
    }

    void offer(Queued q) {
        while (!queue.offer(q)) {
            if (queue.poll() != null) {
                dropped(q.shopId());
            }
        }
    }

    int drainTo(List<Queued> into, int max) {
        return queue.drainTo(into, max);
    }

    int size() {
        return queue.size();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    private void dropped(String shopId) {
        onDrop.run();
        long n = droppedSinceLog.incrementAndGet();
        long now = clock.millis();
        long last = lastLogAt.get();
        if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY_MS) && lastLogAt.compareAndSet(last, now)) {
            droppedSinceLog.addAndGet(-n);
            log.warn("webhook queue full ({} events): dropped the oldest, {} since the last warning (latest for shop {})",
                    queue.remainingCapacity() + queue.size(), n, shopId);
        }
    }
}
