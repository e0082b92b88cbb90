package io.kefu.load;

import java.util.List;

/**
 * The latency recorders of a run. Deliveries and {@code ok} answers are measured from the message's
 * scheduled send time; connects from the connection's scheduled start; sender lag is how late the
 * harness actually sent each message (a generator that falls behind makes the run invalid).
 */
final class Latencies {
    final LatencyRecorder buyerToAgent;
    final LatencyRecorder agentToBuyer;
    final LatencyRecorder ok;
    final LatencyRecorder connect;
    final LatencyRecorder handshake;
    final LatencyRecorder senderLag;

    Latencies(int phases) {
        buyerToAgent = new LatencyRecorder("buyerToAgent", phases);
        agentToBuyer = new LatencyRecorder("agentToBuyer", phases);
        ok = new LatencyRecorder("ok", phases);
        connect = new LatencyRecorder("connect", phases);
        handshake = new LatencyRecorder("handshake", phases);
        senderLag = new LatencyRecorder("senderLag", phases);
    }

    List<LatencyRecorder> all() {
        return List.of(buyerToAgent, agentToBuyer, ok, connect, handshake, senderLag);
    }

    LatencyRecorder delivery(Stamp s) {
        return s.fromBuyer() ? buyerToAgent : agentToBuyer;
    }
}
