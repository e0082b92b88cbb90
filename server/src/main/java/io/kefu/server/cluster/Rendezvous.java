package io.kefu.server.cluster;

import java.util.Collection;

/**
 * Rendezvous (highest random weight) hashing: every node computes the same owner for a key from the same set of
 * nodes, and when a node leaves only its keys move. Pure; thread-safe.
 */
final class Rendezvous {
    private Rendezvous() {
    }

    /** The node that {@code key} goes to among {@code nodes}, or null if there is none. */
    static String pick(String key, Collection<String> nodes) {
        String best = null;
        long bestWeight = Long.MIN_VALUE;
        for (String node : nodes) {
            long w = mix(key.hashCode() * 31L + node.hashCode());
            if (best == null || w > bestWeight || (w == bestWeight && node.compareTo(best) < 0)) {
                best = node;
                bestWeight = w;
            }
        }
        return best;
    }

    /** A 64-bit finaliser (SplitMix64's): nearby inputs get unrelated weights. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
