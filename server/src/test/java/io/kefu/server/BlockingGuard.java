package io.kefu.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;

/**
 * BlockHound for the integration tests: once installed, a blocking call (sleep, socket or file I/O, a
 * contended lock, JDBC) on a Netty event loop or a router lane is recorded, and {@link TestServer} fails
 * the test class that caused it. Queue hand-offs to bounded executors take a short lock that is not
 * waiting on I/O; those call sites are allowed by name.
 */
public final class BlockingGuard {
    private static final List<String> violations = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private BlockingGuard() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        // install(...) also loads the integrations on the class path (Netty's marks its event loops).
        BlockHound.install(b -> b
                .nonBlockingThreadPredicate(p -> p.or(t -> t.getName().startsWith("kefu-router-")))
                .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute")
                // An idle lane waiting for its next task is not a blocked lane.
                .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask")
                .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "processWorkerExit")
                .allowBlockingCallsInside("java.util.concurrent.ArrayBlockingQueue", "offer")
                .allowBlockingCallsInside("java.util.concurrent.LinkedBlockingQueue", "offer")
                .allowBlockingCallsInside("ch.qos.logback.core.AsyncAppenderBase", "append")
                .blockingMethodCallback(m -> violations.add(Thread.currentThread().getName() + ": " + m
                        + "\n" + stack())));
        installed = true;
    }

    private static String stack() {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] trace = new Throwable().getStackTrace();
        for (int i = 0; i < Math.min(trace.length, 40); i++) {
            b.append("    at ").append(trace[i]).append('\n');
        }
        return b.toString();
    }

    public static List<String> violations() {
        return List.copyOf(violations);
    }

    public static void clear() {
        violations.clear();
    }
}
