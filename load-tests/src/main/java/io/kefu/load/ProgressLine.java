package io.kefu.load;

import io.kefu.load.metrics.ServerFigures;
import io.kefu.load.report.MessageCounts;
import io.kefu.load.report.Units;
import java.util.Locale;

/**
 * The once-a-second progress line: elapsed time, what the run is doing, connections, message rates,
 * p99 so far in the current phase (latencies of messages scheduled in it), errors and the server's
 * figures. Keeps the previous counts to turn them into rates. Used by the reporter thread only.
 */
final class ProgressLine {
    private final RunState run;
    private final long startMicros;
    private long lastAt;
    private long lastSent;
    private long lastDelivered;

    ProgressLine(RunState run) {
        this.run = run;
        this.startMicros = run.clock.nowMicros();
        this.lastAt = startMicros;
    }

    String format(String stage, ServerFigures server) {
        long now = run.clock.nowMicros();
        MessageCounts m = run.normal.snapshot();
        double seconds = Math.max(1e-3, (now - lastAt) / 1e6);
        double sendRate = (m.sent() - lastSent) / seconds;
        double deliverRate = (m.delivered() - lastDelivered) / seconds;
        lastAt = now;
        lastSent = m.sent();
        lastDelivered = m.delivered();
        int phase = run.phaseOf(now);
        StringBuilder sb = new StringBuilder(200);
        sb.append(String.format(Locale.ROOT, "[%4ds] %-22s conns %d", (now - startMicros) / 1_000_000, stage,
                run.connections.ready.get()));
        if (run.plan() == null) {
            sb.append(" p99 connect ").append(Units.ms(run.latency.connect.copy(0).getValueAtPercentile(99)))
                    .append(" ms");
        } else {
            sb.append(String.format(Locale.ROOT, " | sent %s/s dlv %s/s", Units.rate(sendRate), Units.rate(deliverRate)));
            sb.append(" | p99 b>a ").append(p99(run.latency.buyerToAgent, phase))
                    .append(" a>b ").append(p99(run.latency.agentToBuyer, phase))
                    .append(" ok ").append(p99(run.latency.ok, phase))
                    .append(" lag ").append(p99(run.latency.senderLag, phase)).append(" ms");
        }
        sb.append(" | err ").append(run.errors.total()).append(" in flight ").append(m.unaccounted());
        return sb.append(server(server)).toString();
    }

    private static String p99(LatencyRecorder r, int phase) {
        org.HdrHistogram.Histogram h = r.copy(phase);
        return h.getTotalCount() == 0 ? "-" : Units.ms(h.getValueAtPercentile(99));
    }

    private static String server(ServerFigures f) {
        if (f == ServerFigures.NONE) {
            return "";
        }
        return " | srv heap " + Units.bytes(f.heapBytes()) + " rss " + Units.bytes(f.rssBytes())
                + " conns " + Units.count(f.connections()) + " loop " + Units.secondsAsMs(f.loopDelayMaxSeconds())
                + " ms q " + Units.count(f.storeQueueDepth());
    }
}
