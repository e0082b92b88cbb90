package io.kefu.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pairs each conversation with its server id and its agent. In Kefu the two halves arrive on different
 * connections in either order: the buyer's {@code ok} to {@code open} (the id) and the agent's
 * {@code conv.assigned} (the agent). Whichever comes second binds them, exactly once. Called from any
 * event loop; lock-free.
 */
final class ConvBook {
    private final ConvTrack[] tracks;
    private final ConcurrentHashMap<String, ConvTrack> byId = new ConcurrentHashMap<>();
    /** Assignments that arrived before the buyer's {@code ok} named the conversation. */
    private final ConcurrentHashMap<String, Endpoint> early = new ConcurrentHashMap<>();
    private final AtomicInteger ready = new AtomicInteger();

    ConvBook(ConvTrack[] tracks) {
        this.tracks = tracks;
    }

    int size() {
        return tracks.length;
    }

    ConvTrack get(int index) {
        return index >= 0 && index < tracks.length ? tracks[index] : null;
    }

    ConvTrack byId(String convId) {
        return convId == null ? null : byId.get(convId);
    }

    int ready() {
        return ready.get();
    }

    /** The buyer learnt the conversation's id. */
    void opened(ConvTrack track, String convId) {
        track.convId(convId);
        byId.put(convId, track);
        Endpoint agent = early.remove(convId);
        if (agent != null) {
            bind(track, agent);
        }
    }

    /** An agent was given the conversation {@code convId}. */
    void assigned(String convId, Endpoint agent) {
        ConvTrack track = byId.get(convId);
        if (track != null) {
            bind(track, agent);
            return;
        }
        early.put(convId, agent);
        track = byId.get(convId);
        if (track != null && early.remove(convId, agent)) {
            bind(track, agent);
        }
    }

    /** Relay mode: the harness knows both halves up front. */
    void pair(ConvTrack track, String convId, Endpoint agent) {
        track.convId(convId);
        byId.put(convId, track);
        bind(track, agent);
    }

    private void bind(ConvTrack track, Endpoint agent) {
        if (track.agent() == null) {
            track.agent(agent);
            ready.incrementAndGet();
        }
    }
}
