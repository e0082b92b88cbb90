package io.kefu.load.report;

/**
 * Connections of a run. {@code planned} is every agent and buyer; {@code ready} how many were usable
 * when set-up ended; {@code connect} (scheduled start → usable: authenticated and, for agents, online)
 * and {@code handshake} (scheduled start → WebSocket upgrade) cover the initial ramp.
 * {@code conversations} were planned, {@code conversationsReady} opened and given an agent.
 * {@code nodes}: the servers connections were spread over; with more than one, {@code crossNode} counts the
 * ready conversations whose buyer and agent were connected to different nodes ({@code null} with one).
 */
public record ConnectionReport(int planned, int ready, long failed, long dropped, long churned, long churnSkipped,
                               int conversations, int conversationsReady, LatencySummary connect,
                               LatencySummary handshake, int nodes, Integer crossNode) {
}
