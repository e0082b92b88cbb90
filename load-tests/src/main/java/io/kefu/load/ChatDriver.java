package io.kefu.load;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Starts the chat part of a run: two {@link Sender}s per paired conversation, in a {@link SendQueue} per event
 * loop, the slow consumers' stop at the start of their step, and churn (closing and reopening idle buyers'
 * connections at a fixed rate) on its own thread, {@code load-churn}. {@link #start} is called once, from the main
 * thread.
 */
final class ChatDriver implements AutoCloseable {

    /** Opens a new connection for an endpoint, as due at {@code scheduledAt}. */
    @FunctionalInterface
    interface Connect {
        void connect(Endpoint endpoint, long scheduledAt);
    }

    private final RunState run;
    private final Dialect dialect;
    private final Population population;
    private final Connect connect;
    private final ProgressReporter reporter;
    private Thread churn;

    ChatDriver(RunState run, Dialect dialect, Population population, Connect connect, ProgressReporter reporter) {
        this.run = run;
        this.dialect = dialect;
        this.population = population;
        this.connect = connect;
        this.reporter = reporter;
    }

    void start(RatePlan plan) {
        Scenario s = run.scenario;
        Map<EventLoop, List<Sender>> byLoop = new IdentityHashMap<>();
        for (ConvTrack t : population.tracks) {
            if (t.ready()) {
                add(byLoop, sender(plan, t, t.buyer(), 2L * t.index()));
                add(byLoop, sender(plan, t, t.agent(), 2L * t.index() + 1));
            }
        }
        byLoop.forEach((loop, senders) -> {
            SendQueue queue = new SendQueue(loop, run.clock, run::stopping);
            loop.execute(() -> queue.addAll(senders));
        });
        if (s.slowAgentCount() > 0) {
            reporter.at(plan.stepStart(s.slowStep() - 1) - run.clock.nowMicros(), this::stopSlowAgents);
        }
        if (s.churnRate() > 0) {
            int count = (int) Math.min(Integer.MAX_VALUE, s.churnRate() * (plan.end() - plan.chatStart()) / 1e6);
            churn = new Thread(() -> new OpenLoopRamp(run.clock, s.churnRate()).run(plan.chatStart(), count,
                    this::churnOne, run::stopping), "load-churn");
            churn.setDaemon(true);
            churn.start();
        }
    }

    private Sender sender(RatePlan plan, ConvTrack track, Endpoint from, long stream) {
        SendSchedule schedule = new SendSchedule(plan, run.scenario.schedule(),
                new SplittableRandom(run.scenario.seed() * 1_000_003L + stream));
        return new Sender(run, dialect, track, from, schedule);
    }

    /** Files a sender under its connection's event loop; one not connected never sends (as before a queue). */
    private static void add(Map<EventLoop, List<Sender>> byLoop, Sender sender) {
        Channel ch = sender.from().channel();
        if (ch != null) {
            byLoop.computeIfAbsent(ch.eventLoop(), l -> new ArrayList<>()).add(sender);
        }
    }

    private void stopSlowAgents() {
        for (Endpoint a : population.agents) {
            if (a.slow() && a.handler() != null) {
                a.handler().stopReading();
            }
        }
    }

    /** Closes one idle buyer's connection and opens a new one for the same buyer. */
    private void churnOne(int k, long scheduledAt) {
        Scenario s = run.scenario;
        Endpoint buyer = population.buyers[s.conversations() + k % s.idleBuyers()];
        EndpointHandler current = buyer.handler();
        if (current == null || !current.ready()) {
            run.connections.churnSkipped.increment();
            return;
        }
        current.closeExpected();
        connect.connect(buyer, scheduledAt);
        run.connections.churned.increment();
    }

    /** Waits briefly for the churn thread, which stops by itself once the run is stopping or done. */
    @Override
    public void close() {
        if (churn != null) {
            try {
                churn.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
