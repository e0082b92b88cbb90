package io.kefu.load.report;

/**
 * Connections of a run. {@code planned} is every agent and buyer; {@code ready} how many were usable
 * when set-up ended; {@code connect} (scheduled start → usable: authenticated and, for agents, online)
 * and {@code handshake} (scheduled start → WebSocket upgrade) cover the initial ramp.
 * {@code conversations} were planned, {@code conversationsReady} opened and given an agent.
 */
public record ConnectionReport(int planned, int ready, long failed, long dropped, long churned, long churnSkipped,
                               int conversations, int conversationsReady, LatencySummary connect,
                               LatencySummary handshake) {
}
