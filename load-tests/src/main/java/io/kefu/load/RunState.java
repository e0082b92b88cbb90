package io.kefu.load;

/**
 * What every part of one run (one target) shares: the scenario, the clock, the plan once the chat
 * starts, the recorders and the counters. Also where arrivals are accounted, the same way for every
 * target. Thread-safe: counters and recorders take updates from any thread, the plan is published once.
 */
final class RunState {
    final Scenario scenario;
    final MicroClock clock;
    final Latencies latency;
    final DeliveryStats normal;
    final DeliveryStats slow;
    final ErrorCounts errors = new ErrorCounts();
    final ConnectionStats connections = new ConnectionStats();
    final ConvBook book;
    private final int phases;
    private volatile RatePlan plan;
    private volatile boolean stopping;

    RunState(Scenario scenario, MicroClock clock, ConvBook book) {
        this.scenario = scenario;
        this.clock = clock;
        this.book = book;
        this.phases = 2 + 2 * scenario.rates().size();
        this.latency = new Latencies(phases);
        this.normal = new DeliveryStats(phases);
        this.slow = new DeliveryStats(phases);
    }

    int phases() {
        return phases;
    }

    /** The chat plan, or {@code null} while setting up. */
    RatePlan plan() {
        return plan;
    }

    void startChat(RatePlan p) {
        this.plan = p;
    }

    /** The phase of a time: set-up (0) until the chat starts. */
    int phaseOf(long at) {
        RatePlan p = plan;
        return p == null ? 0 : p.phaseAt(at);
    }

    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }

    DeliveryStats stats(ConvTrack track) {
        return track.slow() ? slow : normal;
    }

    /**
     * A message stamped {@code s} arrived at {@code receiver}. Own echoes (Kefu pushes a message to its
     * sender too) are ignored here; everything else counts for the flow it belongs to.
     */
    void arrived(Endpoint receiver, ConvTrack track, Stamp s) {
        if (s.fromBuyer() == (receiver.role() == Endpoint.Role.BUYER)) {
            return;
        }
        long now = clock.nowMicros();
        int phase = phaseOf(s.at());
        SeenSet.Outcome outcome = track.flow(s).seen.add(s.n());
        DeliveryStats stats = stats(track);
        stats.arrived(phase, outcome);
        if (outcome != SeenSet.Outcome.DUPLICATE && !track.slow()) {
            latency.delivery(s).record(phase, now - s.at());
        }
    }

    /** The server answered {@code ok} to a send scheduled at {@code at}. */
    void acked(ConvTrack track, long at) {
        if (track == null) {
            errors.count("ok for an unknown conversation");
            return;
        }
        stats(track).acked();
        if (!track.slow()) {
            latency.ok.record(phaseOf(at), clock.nowMicros() - at);
        }
    }

    /** The server answered a send with an error of {@code kind}. */
    void rejected(ConvTrack track, String kind) {
        errors.count(kind);
        if (track != null) {
            stats(track).rejected();
        }
    }

    /** Checks that {@code seq} follows {@code last} (Kefu: gap-free from 1); returns the new last. */
    long checkSeq(ConvTrack track, long last, long seq) {
        if (seq == last + 1) {
            return seq;
        }
        DeliveryStats stats = stats(track);
        if (seq > last + 1) {
            stats.seqGap();
            return seq;
        }
        stats.seqRepeat();
        return last;
    }
}
