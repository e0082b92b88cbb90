package io.kefu.load.report;

/**
 * One rate step's measured window (warm-up excluded). Counts are of messages <em>scheduled</em> in the
 * window, delivered whenever they arrived; latencies likewise. Slow-consumer conversations are not in
 * these figures. {@code connect} and {@code handshake} hold the churn reconnects scheduled in the window.
 * {@code serverCpu}: the servers' CPU over the window.
 */
public record StepReport(int step, double offeredRate, int seconds, long sent, long delivered, double sendRate,
                         double deliveredRate, LatencySummary buyerToAgent, LatencySummary agentToBuyer,
                         LatencySummary ok, LatencySummary senderLag, LatencySummary connect,
                         LatencySummary handshake, StepCpu serverCpu) {
}
