package io.kefu.load;

import io.kefu.load.metrics.MetricsGroup;
import io.kefu.load.metrics.MetricsPoller;
import io.kefu.load.metrics.ServerFigures;
import io.kefu.load.report.ConnectionReport;
import io.kefu.load.report.Knee;
import io.kefu.load.report.LatencySummary;
import io.kefu.load.report.MessageCounts;
import io.kefu.load.report.NodeReport;
import io.kefu.load.report.RunReport;
import io.kefu.load.report.ServerReport;
import io.kefu.load.report.SlowReport;
import io.kefu.load.report.StepCpu;
import io.kefu.load.report.StepReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what a run recorded into its {@link RunReport}, and judges it: anything lost, duplicated, out of
 * order, refused or out of sequence, or a dropped connection, fails the run; a run that did not get the
 * connections, conversations or send schedule the scenario asked for is invalid. Main thread, after the
 * run has stopped.
 */
final class ReportBuilder {
    private final Scenario s;
    private final TargetAddress target;
    private final RunState run;
    private final Population pop;
    private final LoadRun.RunOutcome outcome;
    private final MetricsGroup poller;
    private final List<String> failures = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();

    ReportBuilder(Scenario s, TargetAddress target, RunState run, Population pop, LoadRun.RunOutcome outcome,
                  MetricsGroup poller) {
        this.s = s;
        this.target = target;
        this.run = run;
        this.pop = pop;
        this.outcome = outcome;
        this.poller = poller;
        this.invalid.addAll(outcome.invalid);
    }

    RunReport build() {
        ConnectionReport connections = connections();
        List<StepReport> steps = steps();
        MessageCounts messages = run.normal.snapshot();
        judge(messages);
        List<String> problems = new ArrayList<>(failures);
        problems.addAll(invalid);
        boolean passed = failures.isEmpty();
        boolean valid = invalid.isEmpty();
        String verdict = !passed ? RunReport.FAIL : valid ? RunReport.PASS : RunReport.INVALID;
        return new RunReport(target.name(), target.wsList(), verdict, passed, valid, problems,
                round(outcome.setupSeconds), connections, steps, messages, slow(), run.errors.snapshot(), server(),
                Knee.of(steps, passed, s.kneeP99Ms(), s.maxLagMs()));
    }

    private ConnectionReport connections() {
        ConnectionStats c = run.connections;
        if (outcome.plan != null && outcome.readyAfterSetup < pop.connections()) {
            invalid.add("only " + outcome.readyAfterSetup + " of " + pop.connections() + " connections were ready");
        }
        if (outcome.plan != null && run.book.ready() < pop.tracks.length) {
            invalid.add("only " + run.book.ready() + " of " + pop.tracks.length + " conversations were assigned");
        }
        return new ConnectionReport(pop.connections(), outcome.readyAfterSetup, c.failed.sum(), c.dropped.sum(),
                c.churned.sum(), c.churnSkipped.sum(), pop.tracks.length, run.book.ready(), summary(run.latency.connect, 0),
                summary(run.latency.handshake, 0), target.nodes().size(), crossNode());
    }

    /** Ready conversations whose buyer and agent were on different nodes; {@code null} with one node. */
    private Integer crossNode() {
        if (target.nodes().size() < 2) {
            return null;
        }
        int cross = 0;
        for (ConvTrack t : pop.tracks) {
            Endpoint agent = t.agent();
            if (agent != null && s.nodeOf(true, agent.index()) != s.nodeOf(false, t.buyer().index())) {
                cross++;
            }
        }
        return cross;
    }

    private List<StepReport> steps() {
        List<StepReport> out = new ArrayList<>();
        RatePlan plan = outcome.plan;
        for (int i = 0; plan != null && i < plan.steps(); i++) {
            int p = RatePlan.measuredPhase(i);
            long sent = run.normal.sentIn(p);
            long delivered = run.normal.deliveredIn(p);
            double seconds = s.durationSec();
            LatencySummary lag = summary(run.latency.senderLag, p);
            if (lag.p99Us() > s.maxLagMs() * 1000) {
                invalid.add(String.format(Locale.ROOT, "step %d: sender lag p99 %.1f ms is over --max-lag %.1f ms: "
                        + "the harness fell behind its schedule", i + 1, lag.p99Us() / 1000.0, s.maxLagMs()));
            }
            Latencies l = run.latency;
            out.add(new StepReport(i + 1, plan.rates().get(i), s.durationSec(), sent, delivered, round(sent / seconds),
                    round(delivered / seconds), summary(l.buyerToAgent, p), summary(l.agentToBuyer, p),
                    summary(l.ok, p), lag, summary(l.connect, p), summary(l.handshake, p), cpu(i, sent)));
        }
        return out;
    }

    /** The servers' CPU over step {@code i}'s measured window, from the readings at its start and end. */
    private StepCpu cpu(int i, long sent) {
        if (i >= outcome.stepCpu.size()) {
            return StepCpu.NONE;
        }
        LoadRun.StepCpuReading r = outcome.stepCpu.get(i);
        double seconds = (r.toMicros() - r.fromMicros()) / 1e6;
        List<Double> nodes = new ArrayList<>();
        Double total = null;
        for (int n = 0; n < r.from().size() && n < r.to().size(); n++) {
            Double used = r.to().get(n).cpuSince(r.from().get(n));
            nodes.add(used == null || seconds <= 0 ? null : round2(used / seconds));
            if (used != null) {
                total = total == null ? used : Double.valueOf(total + used);
            }
        }
        if (total == null || seconds <= 0) {
            return new StepCpu(null, null, nodes);
        }
        return new StepCpu(round2(total / seconds), sent == 0 ? null : round(total * 1e6 / sent), nodes);
    }

    private void judge(MessageCounts m) {
        check(m.unaccounted(), "messages lost (sent, neither refused nor delivered)");
        check(m.duplicated(), "messages delivered twice");
        check(m.outOfOrder(), "messages out of order");
        check(m.rejected(), "messages refused by the server (see errors)");
        check(m.seqGaps(), "gaps in seq");
        check(m.seqRepeats(), "repeated or decreasing seq");
        check(run.connections.dropped.sum(), "connections dropped by the server");
        for (LatencyRecorder r : run.latency.all()) {
            if (r.clamped() > 0) {
                failures.add(r.clamped() + " " + r.name() + " samples over 60 s (recorded as 60 s)");
            }
        }
    }

    private void check(long count, String what) {
        if (count > 0) {
            failures.add(count + " " + what);
        }
    }

    private SlowReport slow() {
        return new SlowReport(s.slowAgentCount(), (int) pop.slowConversations(), run.connections.slowClosed.sum(),
                run.slow.snapshot());
    }

    private ServerReport server() {
        ServerFigures before = outcome.before;
        ServerFigures end = outcome.end;
        int held = outcome.readyAfterSetup;
        List<NodeReport> nodes = new ArrayList<>();
        List<MetricsPoller> pollers = poller.nodes();
        for (int n = 0; pollers.size() > 1 && n < pollers.size(); n++) {
            ServerFigures b = n < outcome.beforePerNode.size() ? outcome.beforePerNode.get(n) : ServerFigures.NONE;
            ServerFigures e = n < outcome.endPerNode.size() ? outcome.endPerNode.get(n) : ServerFigures.NONE;
            MetricsPoller p = pollers.get(n);
            nodes.add(new NodeReport(p.url().toString(), b, e, p.max(), roundOrNull(e.cpuSince(b)), p.lastError()));
        }
        return new ServerReport(poller.urls(), before, end, poller.max(),
                perConnection(before.heapBytes(), end.heapBytes(), held),
                perConnection(before.rssBytes(), end.rssBytes(), held), poller.lastError(), target.note(),
                roundOrNull(end.cpuSince(before)), nodes);
    }

    private static Double roundOrNull(Double v) {
        return v == null ? null : round(v);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Double perConnection(Double before, Double end, int connections) {
        return before == null || end == null || connections == 0 ? null : round((end - before) / connections);
    }

    private static LatencySummary summary(LatencyRecorder r, int phase) {
        return LatencySummary.of(r.copy(phase));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
