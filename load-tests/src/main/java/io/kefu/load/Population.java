package io.kefu.load;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The simulated users of a run and their conversations: agents by global index, buyers by index, and
 * one {@link ConvTrack} per conversation. Local source addresses are dealt round-robin over all
 * connections (agents first), so each address carries an even share. Built once on the main thread,
 * then read by every thread.
 */
final class Population {
    final Endpoint[] agents;
    final Endpoint[] buyers;
    final ConvTrack[] tracks;

    private Population(Endpoint[] agents, Endpoint[] buyers, ConvTrack[] tracks) {
        this.agents = agents;
        this.buyers = buyers;
        this.tracks = tracks;
    }

    /**
     * @param agentCredential relay id of agent {@code i}, or {@code null} (Kefu: set after set-up)
     * @param buyerCredential relay id of buyer {@code i}, or {@code null}
     */
    static Population create(Scenario s, IntFunction<String> agentCredential, IntFunction<String> buyerCredential) {
        List<InetSocketAddress> sources = s.sources().stream().map(a -> new InetSocketAddress(a, 0)).toList();
        Endpoint[] agents = new Endpoint[s.agents()];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = new Endpoint(Endpoint.Role.AGENT, i, agentCredential.apply(i), source(sources, i),
                    s.isSlowAgent(i));
        }
        Endpoint[] buyers = new Endpoint[s.buyers()];
        for (int i = 0; i < buyers.length; i++) {
            buyers[i] = new Endpoint(Endpoint.Role.BUYER, i, buyerCredential.apply(i),
                    source(sources, agents.length + i), false);
        }
        ConvTrack[] tracks = new ConvTrack[s.conversations()];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new ConvTrack(i, buyers[s.buyerOf(i)]);
        }
        return new Population(agents, buyers, tracks);
    }

    private static InetSocketAddress source(List<InetSocketAddress> sources, int connection) {
        return sources.isEmpty() ? null : sources.get(connection % sources.size());
    }

    int connections() {
        return agents.length + buyers.length;
    }

    long slowConversations() {
        return java.util.Arrays.stream(tracks).filter(ConvTrack::slow).count();
    }
}
