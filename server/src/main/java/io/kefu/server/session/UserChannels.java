package io.kefu.server.session;

import java.util.concurrent.CompletableFuture;

/**
 * Where pushes for a user reach this node from. On one node pushes are handed over in process and nothing needs
 * doing; in a cluster this node must be listening on the user's channel before it answers their {@code hello}, or a
 * push sent meanwhile by the node that owns their shop would miss them. Counted: the channel is held while at least
 * one of the user's sessions holds it. Thread-safe; never blocks.
 */
public interface UserChannels {
    UserChannels LOCAL = new UserChannels() {
        @Override
        public CompletableFuture<Void> hold(String userId) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void release(String userId) {
        }
    };

    /** Completes once pushes for {@code userId} reach this node; fails if they cannot (the session is refused). */
    CompletableFuture<Void> hold(String userId);

    /** One session of {@code userId} no longer needs the channel (each {@link #hold} is released exactly once). */
    void release(String userId);
}
