package io.kefu.load;

import io.kefu.load.metrics.MetricsGroup;
import io.kefu.load.metrics.ServerFigures;
import io.kefu.load.report.RunReport;
import io.kefu.load.setup.KefuApi;
import io.kefu.load.setup.KefuProvisioner;
import io.kefu.load.setup.Provisioned;
import io.kefu.protocol.Codecs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Drives one target through the scenario: set-up (Kefu: through the HTTP API), connect agents then
 * buyers at the connect rate, open the conversations, chat through every rate step, drain, and report.
 * Runs on the calling (main) thread, which paces the ramps and otherwise waits; the I/O happens on the
 * connector's event loops. The servers' metrics are read before the first connection, at the start and the
 * end of each measured window (their CPU time) and at the end.
 */
final class LoadRun {
    private final Scenario s;
    private final TargetAddress target;
    private final PrintStream out;
    private final MicroClock clock = MicroClock.system();
    private final MetricsGroup poller;
    private final RunOutcome outcome = new RunOutcome();
    private volatile String stage = "set-up";

    LoadRun(Scenario scenario, TargetAddress target, PrintStream out) {
        this.s = scenario;
        this.target = target;
        this.out = out;
        this.poller = new MetricsGroup(target.metrics());
    }

    RunReport execute() throws InterruptedException {
        Population pop = target.kind() == Scenario.Target.RELAY
                ? Population.create(s, i -> RelayDialect.clientId(s.runId(), Endpoint.Role.AGENT, i),
                        i -> RelayDialect.clientId(s.runId(), Endpoint.Role.BUYER, i))
                : Population.create(s, i -> null, i -> null);
        RunState run = new RunState(s, clock, new ConvBook(pop.tracks));
        long start = clock.nowMicros();
        try (ProgressReporter reporter = new ProgressReporter(poller, out);
             WsConnector connector = new WsConnector(s.threads(), target.nodes())) {
            ProgressLine line = new ProgressLine(run);
            java.util.function.Supplier<String> progress = () -> line.format(stage, poller.latest());
            reporter.show(progress);
            reporter.start();
            try {
                Dialect dialect = prepare(run, pop, reporter);
                reporter.show(progress);
                ChatDriver.Connect connect = (e, at) -> connector.connect(new EndpointHandler(run, dialect, e, at),
                        dialect.uri(e), dialect.subprotocol());
                setUp(run, pop, dialect, connect);
                outcome.setupSeconds = (clock.nowMicros() - start) / 1e6;
                outcome.readyAfterSetup = run.connections.ready.get();
                chat(run, pop, dialect, connect, reporter);
                drain(run);
                outcome.endPerNode = poller.pollNowPerNode();
                outcome.end = poller.latest();
            } catch (TimeoutException | KefuApi.ApiException | IllegalArgumentException e) {
                outcome.invalid("set-up failed: " + e.getMessage());
                outcome.setupSeconds = (clock.nowMicros() - start) / 1e6;
            } finally {
                run.stop();
                closeAll(pop);
            }
        }
        return new ReportBuilder(s, target, run, pop, outcome, poller).build();
    }

    /** Kefu: provisions through the API and hands out the tokens. Relay: nothing to set up. */
    private Dialect prepare(RunState run, Population pop, ProgressReporter reporter)
            throws InterruptedException, TimeoutException {
        boolean text = s.encoding() == Scenario.Encoding.JSON;
        if (target.kind() == Scenario.Target.RELAY) {
            return new RelayDialect(run, target.ws(), text, pop.agents);
        }
        KefuProvisioner provisioner = new KefuProvisioner(new KefuApi(target.api(), s.adminKey()),
                s.httpConcurrency(), s.runId());
        reporter.show(() -> String.format(java.util.Locale.ROOT, "[set-up] %s: %d started",
                provisioner.progress().stage(), provisioner.progress().items()));
        Provisioned p = provisioner.provision(s.shops(), s.agentsPerShop(), s.maxConcurrent(), s.buyers(),
                s.replyTimers(), Duration.ofSeconds(s.setupTimeoutSec()));
        for (int i = 0; i < pop.agents.length; i++) {
            pop.agents[i].credential(p.agentTokens().get(i));
        }
        for (int i = 0; i < pop.buyers.length; i++) {
            pop.buyers[i].credential(p.buyerTokens().get(i));
        }
        return new KefuDialect(run, text ? Codecs.json() : Codecs.binary(), target.nodes(), p);
    }

    /** Connects agents, then buyers, then opens the conversations, each at the connect rate. */
    private void setUp(RunState run, Population pop, Dialect dialect, ChatDriver.Connect connect)
            throws InterruptedException {
        outcome.beforePerNode = poller.pollNowPerNode();
        outcome.before = poller.latest();
        OpenLoopRamp ramp = new OpenLoopRamp(clock, s.connectRate());
        stage = "connect agents";
        ramp.run(pop.agents.length, (k, at) -> connect.connect(pop.agents[k], at), () -> false);
        awaitStragglers(() -> settled(run, pop.agents.length));
        stage = "connect buyers";
        ramp.run(pop.buyers.length, (k, at) -> connect.connect(pop.buyers[k], at), () -> false);
        awaitStragglers(() -> settled(run, pop.connections()));
        stage = "open conversations";
        ramp.run(pop.tracks.length, (k, at) -> dialect.open(pop.tracks[k]), () -> false);
        awaitStragglers(() -> run.book.ready() + run.connections.openFailed.sum() >= pop.tracks.length);
    }

    private static boolean settled(RunState run, int expected) {
        ConnectionStats c = run.connections;
        return c.ready.get() + c.failed.sum() + c.dropped.sum() >= expected;
    }

    private void chat(RunState run, Population pop, Dialect dialect, ChatDriver.Connect connect,
                      ProgressReporter reporter) throws InterruptedException {
        // The set-up leaves tens of MB that live to the end (connections, buffers, histograms). Collected here, they
        // are moved out of the young generation once, before anything is measured, rather than copied by the first
        // young collections of the chat, whose pauses of 50-180 ms (one core, the Serial collector) were the
        // harness's own sender lag in the first steps. JMH collects between iterations for the same reason.
        stage = "collecting the set-up's garbage";
        System.gc();
        RatePlan plan = s.plan(clock.nowMicros() + 100_000);
        run.startChat(plan);
        outcome.plan = plan;
        try (ChatDriver driver = new ChatDriver(run, dialect, pop, connect, reporter)) {
            driver.start(plan);
            for (int step = 0; step < plan.steps(); step++) {
                stage = "step " + (step + 1) + "/" + plan.steps() + " warm-up";
                sleepUntil(plan.measureStart(step));
                stage = "step " + (step + 1) + "/" + plan.steps() + " measure";
                java.util.List<ServerFigures> from = cpuReading();
                long fromAt = clock.nowMicros();
                sleepUntil(plan.stepStart(step + 1));
                outcome.stepCpu.add(new StepCpuReading(from, fromAt, cpuReading(), clock.nowMicros()));
            }
        }
    }

    /** Waits until every normal message is accounted for (delivered or refused), or the drain time ends. */
    private void drain(RunState run) throws InterruptedException {
        stage = "drain";
        boolean acks = target.kind() == Scenario.Target.KEFU;
        long deadline = clock.nowMicros() + s.drainSec() * 1_000_000L;
        while (clock.nowMicros() < deadline) {
            var m = run.normal.snapshot();
            if (m.unaccounted() == 0 && (!acks || m.acked() + m.rejected() >= m.sent())) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** Each node's figures now, for the CPU of a step (none when metrics are not read). */
    private java.util.List<ServerFigures> cpuReading() throws InterruptedException {
        return poller.reads() ? poller.pollNowPerNode() : java.util.List.of();
    }

    private void awaitStragglers(BooleanSupplier done) throws InterruptedException {
        long deadline = clock.nowMicros() + s.setupTimeoutSec() * 1_000_000L;
        while (!done.getAsBoolean() && clock.nowMicros() < deadline) {
            Thread.sleep(20);
        }
    }

    private void sleepUntil(long micros) {
        long now;
        while ((now = clock.nowMicros()) < micros) {
            LockSupport.parkNanos(Math.min(100_000_000L, (micros - now) * 1_000));
        }
    }

    private static void closeAll(Population pop) {
        for (Endpoint[] group : new Endpoint[][] {pop.agents, pop.buyers}) {
            for (Endpoint e : group) {
                EndpointHandler h = e.handler();
                if (h != null) {
                    h.closeExpected();
                }
            }
        }
    }

    /** Each node's figures at the start and the end of a step's measured window, and when they were read. */
    record StepCpuReading(java.util.List<ServerFigures> from, long fromMicros, java.util.List<ServerFigures> to,
                          long toMicros) {
    }

    /** What the run learnt along the way, for the report. Main thread only. */
    static final class RunOutcome {
        final java.util.List<String> invalid = new java.util.ArrayList<>();
        double setupSeconds;
        int readyAfterSetup;
        RatePlan plan;
        ServerFigures before = ServerFigures.NONE;
        ServerFigures end = ServerFigures.NONE;
        java.util.List<ServerFigures> beforePerNode = java.util.List.of();
        java.util.List<ServerFigures> endPerNode = java.util.List.of();
        final java.util.List<StepCpuReading> stepCpu = new java.util.ArrayList<>();

        void invalid(String why) {
            invalid.add(why);
        }
    }
}
