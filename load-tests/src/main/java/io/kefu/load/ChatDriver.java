package io.kefu.load;

import java.util.SplittableRandom;

/**
 * Starts the chat part of a run: two {@link Sender}s per paired conversation, the slow consumers'
 * stop at the start of their step, and churn (closing and reopening idle buyers' connections at a
 * fixed rate) on its own thread, {@code load-churn}. {@link #start} is called once, from the main thread.
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
        for (ConvTrack t : population.tracks) {
            if (t.ready()) {
                schedule(plan, t, t.buyer(), 2L * t.index());
                schedule(plan, t, t.agent(), 2L * t.index() + 1);
            }
        }
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

    private void schedule(RatePlan plan, ConvTrack track, Endpoint from, long stream) {
        SendSchedule schedule = new SendSchedule(plan, run.scenario.schedule(),
                new SplittableRandom(run.scenario.seed() * 1_000_003L + stream));
        new Sender(run, dialect, track, from, schedule).start();
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
