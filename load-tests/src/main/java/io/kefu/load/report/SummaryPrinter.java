package io.kefu.load.report;

import io.kefu.load.metrics.ServerFigures;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human summary printed at the end of a run; with several targets, a side-by-side table too. */
public final class SummaryPrinter {
    private final PrintStream out;

    public SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(RunReport r) {
        out.println();
        out.printf(Locale.ROOT, "== %s %s: %s ==%n", r.target(), r.url(), r.verdict());
        ConnectionReport c = r.connections();
        out.printf(Locale.ROOT, "set-up       %.1f s; connections %d/%d ready, %d failed, %d dropped, %d churned; "
                        + "conversations %d/%d assigned%n", r.setupSeconds(), c.ready(), c.planned(), c.failed(),
                c.dropped(), c.churned(), c.conversationsReady(), c.conversations());
        if (c.crossNode() != null) {
            out.printf(Locale.ROOT, "nodes        %d; %d of %d conversations had buyer and agent on different nodes%n",
                    c.nodes(), c.crossNode(), c.conversationsReady());
        }
        line("connect", c.connect());
        line("handshake", c.handshake());
        for (StepReport s : r.steps()) {
            out.printf(Locale.ROOT, "step %d       offered %s/s, sent %s/s, delivered %s/s over %d s%n", s.step(),
                    Units.rate(s.offeredRate()), Units.rate(s.sendRate()), Units.rate(s.deliveredRate()), s.seconds());
            line("  buyer→agent", s.buyerToAgent());
            line("  agent→buyer", s.agentToBuyer());
            line("  ok", s.ok());
            line("  sender lag", s.senderLag());
            cpu(s.serverCpu());
            if (s.connect().count() > 0) {
                line("  reconnect", s.connect());
            }
        }
        messages("messages", r.messages(), false);
        knee(r.knee());
        SlowReport slow = r.slowConsumers();
        if (slow.agents() > 0) {
            out.printf(Locale.ROOT, "slow agents  %d (%d conversations), %d cut off by the server%n",
                    slow.agents(), slow.conversations(), slow.closedByServer());
            messages("  their msgs", slow.messages(), true);
        }
        out.println("errors       " + errors(r.errors()));
        server(r.server());
        for (String p : r.problems()) {
            out.println("problem      " + p);
        }
    }

    /** Per step, the targets next to each other. */
    public void compare(List<RunReport> runs) {
        if (runs.size() < 2) {
            return;
        }
        out.println();
        out.println("== comparison (ms) ==");
        out.printf(Locale.ROOT, "%-6s %-8s %10s %10s %10s %10s %10s %10s%n", "step", "target", "dlv/s",
                "b→a p50", "b→a p99", "a→b p99", "p99.9", "connect99");
        int steps = runs.get(0).steps().size();
        for (int i = 0; i < steps; i++) {
            for (RunReport r : runs) {
                if (i >= r.steps().size()) {
                    continue;
                }
                StepReport s = r.steps().get(i);
                out.printf(Locale.ROOT, "%-6d %-8s %10s %10s %10s %10s %10s %10s%n", s.step(), r.target(),
                        Units.rate(s.deliveredRate()), Units.ms(s.buyerToAgent().p50Us()),
                        Units.ms(s.buyerToAgent().p99Us()), Units.ms(s.agentToBuyer().p99Us()),
                        Units.ms(Math.max(s.buyerToAgent().p999Us(), s.agentToBuyer().p999Us())),
                        Units.ms(r.connections().connect().p99Us()));
            }
        }
        Double fraction = LoadReport.kneeFraction(runs);
        if (fraction != null) {
            out.printf(Locale.ROOT, "knee: kefu at %.1f %% of the relay in this run (%s)%n", 100 * fraction,
                    runs.stream().filter(r -> r.knee() != null && r.knee().rate() != null)
                            .map(r -> r.target() + " " + r.knee().rateText() + "/s")
                            .collect(Collectors.joining(", ")));
        }
    }

    private void knee(Knee k) {
        if (k == null) {
            return;
        }
        out.printf(Locale.ROOT, "knee         %s%s (delivery p99 <= %s ms): %s%n", k.rateText(),
                k.rate() == null ? "" : " msg/s", Units.ms((long) (k.p99BoundMs() * 1000)), k.note());
    }

    private void cpu(StepCpu c) {
        if (c == null || c.cores() == null) {
            return;
        }
        String nodes = c.nodeCores().size() < 2 ? "" : " (per node " + c.nodeCores().stream()
                .map(v -> v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v))
                .collect(Collectors.joining(" / ")) + ")";
        out.printf(Locale.ROOT, "  server cpu %.2f cores%s, %s µs per message sent%n", c.cores(), nodes,
                c.usPerMessage() == null ? "n/a" : String.format(Locale.ROOT, "%.0f", c.usPerMessage()));
    }

    private void line(String label, LatencySummary l) {
        if (l.count() == 0) {
            out.printf(Locale.ROOT, "%-12s none%n", label);
            return;
        }
        out.printf(Locale.ROOT, "%-12s p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms  (n=%d)%n", label,
                Units.ms(l.p50Us()), Units.ms(l.p90Us()), Units.ms(l.p99Us()), Units.ms(l.p999Us()),
                Units.ms(l.maxUs()), l.count());
    }

    private void messages(String label, MessageCounts m, boolean expectedUndelivered) {
        out.printf(Locale.ROOT, "%-12s sent %d, acked %d, rejected %d, delivered %d, %s %d, duplicated %d, "
                        + "out of order %d, seq gaps %d, seq repeats %d%n", label, m.sent(), m.acked(), m.rejected(),
                m.delivered(), expectedUndelivered ? "undelivered" : "LOST", m.unaccounted(), m.duplicated(),
                m.outOfOrder(), m.seqGaps(), m.seqRepeats());
    }

    private static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining("; "));
    }

    private void server(ServerReport s) {
        if (s.metricsUrl() == null) {
            out.println("server       metrics not read");
            return;
        }
        ServerFigures max = s.max();
        out.printf(Locale.ROOT, "server max   %sheap %s, rss %s, direct %s, connections %s, event-loop delay p99 %s "
                        + "max %s ms, store queue %s, store executor queue %s%n",
                s.nodes() != null && s.nodes().size() > 1 ? "(" + s.nodes().size() + " nodes summed) " : "",
                Units.bytes(max.heapBytes()),
                Units.bytes(max.rssBytes()), Units.bytes(max.directBytes()), Units.count(max.connections()),
                Units.secondsAsMs(max.loopDelayP99Seconds()), Units.secondsAsMs(max.loopDelayMaxSeconds()),
                Units.count(max.storeQueueDepth()), Units.count(max.storeExecutorQueue()));
        out.printf(Locale.ROOT, "per conn     heap %s, rss %s (end minus before, over connections held)%n",
                Units.bytes(s.heapBytesPerConnection()), Units.bytes(s.rssBytesPerConnection()));
        if (s.cpuSeconds() != null) {
            out.printf(Locale.ROOT, "server cpu   %.1f s from before the first connection to the end%n",
                    s.cpuSeconds());
        }
        for (int i = 0; s.nodes() != null && i < s.nodes().size(); i++) {
            NodeReport n = s.nodes().get(i);
            ServerFigures m = n.max();
            out.printf(Locale.ROOT, "node %-7d %s: max heap %s, rss %s, connections %s, event-loop delay p99 %s "
                            + "max %s ms, store queue %s; cpu %s s%s%n", i, n.metricsUrl(), Units.bytes(m.heapBytes()),
                    Units.bytes(m.rssBytes()), Units.count(m.connections()), Units.secondsAsMs(m.loopDelayP99Seconds()),
                    Units.secondsAsMs(m.loopDelayMaxSeconds()), Units.count(m.storeQueueDepth()),
                    n.cpuSeconds() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", n.cpuSeconds()),
                    n.lastError() == null ? "" : "; last read failed: " + n.lastError());
        }
        if (s.note() != null) {
            out.println("note         " + s.note());
        }
        if (s.lastError() != null) {
            out.println("metrics      last read failed: " + s.lastError());
        }
    }
}
