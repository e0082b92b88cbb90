package io.kefu.server;

import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's leak detector at {@link ResourceLeakDetector.Level#PARANOID} (every buffer tracked) with its
 * reports collected, so that a test can fail on a leaked {@link ByteBuf} instead of a log line nobody reads.
 *
 * <p>Netty reports a leak only when a buffer that was never released has been garbage-collected and a later
 * allocation polls the detector's queue; so {@link #leaks()} leaks a canary buffer on purpose, collects
 * garbage until the canary's report arrives, and returns every other report: a buffer leaked before the
 * canary became garbage at the latest in the same collection. {@link #start()} drains what earlier tests in
 * the same JVM left, so they are not blamed on this one. The level and the listener are JVM-wide: one guard
 * at a time, closed after its tests ({@code @AfterAll}).
 */
public final class LeakGuard implements AutoCloseable {
    private static final String CANARY = "kefu leak-guard canary, leaked on purpose #";
    private static final AtomicInteger canaries = new AtomicInteger();

    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final List<String> reports = new CopyOnWriteArrayList<>();

    private LeakGuard() {
    }

    /** Paranoid detection from now on; leaks of buffers allocated before are drained and not counted. */
    public static LeakGuard start() {
        LeakGuard guard = new LeakGuard();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> guard.reports.add(type + ": " + records));
        guard.leaks();
        guard.reports.clear();
        return guard;
    }

    /** The leak reports since {@link #start()} (each is Netty's record: the buffer's last accesses). */
    public List<String> leaks() {
        String canary = CANARY + canaries.incrementAndGet();
        leakCanary(canary);
        // Generous: a full collection of a fuzzing JVM's heap on a busy machine can take seconds.
        await("the leak detector's report of the canary " + canary).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    System.gc();
                    // Netty polls its reference queue when a buffer is allocated.
                    ByteBufAllocator.DEFAULT.buffer(1).release();
                    return reports.stream().anyMatch(r -> r.contains(canary));
                });
        List<String> found = new ArrayList<>();
        for (String report : reports) {
            if (!report.contains(CANARY)) {
                found.add(report);
            }
        }
        return found;
    }

    /** On a thread of its own, which ends: nothing of the caller's thread (its caches, its frames) holds it. */
    private static void leakCanary(String hint) {
        Thread thread = new Thread(() -> ByteBufAllocator.DEFAULT.buffer(8).touch(hint), "leak-guard-canary");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while leaking the canary", e);
        }
    }

    @Override
    public void close() {
        ByteBufUtil.setLeakListener(null);
        ResourceLeakDetector.setLevel(before);
    }
}
