package io.kefu.load.setup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes the shops, groups, agents (with logins) and buyer tokens a run needs, with at most
 * {@code concurrency} API calls in flight. Names carry the run id, so runs against the same server do
 * not collide. {@link #provision} blocks the calling thread; {@link #progress} may be read from any
 * thread while it runs.
 */
public final class KefuProvisioner {
    private final KefuApi api;
    private final Semaphore inFlight;
    private final String runId;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String stage = "starting";

    /** What is being made and how many items (shops, groups, agents, buyers) were started so far. */
    public record Progress(String stage, int items) {
    }

    public KefuProvisioner(KefuApi api, int concurrency, String runId) {
        this.api = api;
        this.inFlight = new Semaphore(concurrency);
        this.runId = runId;
    }

    public Progress progress() {
        return new Progress(stage, calls.get());
    }

    /** {@code replyTimers} false: each shop's no-answer transfer and idle close are turned off. */
    public Provisioned provision(int shops, int agentsPerShop, int maxConcurrent, int buyers, boolean replyTimers,
                                 Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        stage = "shops";
        List<String> shopIds = await(times(shops, deadline, s -> api.createShop("load-" + runId + "-shop" + s)), deadline);
        if (!replyTimers) {
            stage = "routing settings";
            await(times(shops, deadline, s -> api.putRouting(shopIds.get(s), java.util.Map.of("noAnswerSec", 0,
                    "idleCloseSec", 0))), deadline);
        }
        stage = "groups";
        List<String> groups = await(times(shops, deadline, s -> api.createDefaultGroup(shopIds.get(s), "load")), deadline);
        stage = "agents";
        String password = "load-" + runId + "-password";
        List<String> agentTokens = await(times(shops * agentsPerShop, deadline, a -> {
            int shop = a / agentsPerShop;
            String user = "load-a" + a;
            return api.createAgent(shopIds.get(shop), user, password, groups.get(shop), maxConcurrent)
                    .thenCompose(id -> api.loginAgent(shopIds.get(shop), user, password));
        }), deadline);
        stage = "buyers";
        List<String> buyerTokens = await(times(buyers, deadline, b -> api.buyerToken(runId + "-b" + b, "buyer " + b)), deadline);
        stage = "done";
        return new Provisioned(shopIds, agentTokens, buyerTokens);
    }

    private interface Call {
        CompletableFuture<String> start(int index);
    }

    private List<CompletableFuture<String>> times(int n, long deadline, Call call)
            throws InterruptedException, TimeoutException {
        List<CompletableFuture<String>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            out.add(throttled(() -> call.start(index), deadline));
        }
        return out;
    }

    private CompletableFuture<String> throttled(Supplier<CompletableFuture<String>> call, long deadline)
            throws InterruptedException, TimeoutException {
        if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("set-up of " + stage + " did not finish in time (" + calls.get() + " items)");
        }
        calls.incrementAndGet();
        CompletableFuture<String> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        return f.whenComplete((v, e) -> inFlight.release());
    }

    private static List<String> await(List<CompletableFuture<String>> futures, long deadline)
            throws InterruptedException, TimeoutException {
        List<String> out = new ArrayList<>(futures.size());
        for (CompletableFuture<String> f : futures) {
            try {
                out.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                throw new KefuApi.ApiException("set-up failed: " + cause.getMessage());
            }
        }
        return out;
    }
}
