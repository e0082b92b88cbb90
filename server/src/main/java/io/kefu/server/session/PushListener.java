package io.kefu.server.session;

import io.kefu.protocol.Frame;

/**
 * What the {@link SessionRegistry} tells statistics about each push. Called on the pushing thread (router
 * lanes, mostly; several at once): thread-safe, cheap and never blocking. Does nothing by default.
 */
public interface PushListener {
    /** Hears nothing. */
    PushListener NOOP = new PushListener() {
    };

    /** What became of a push to one connection, or to a user with none here. */
    enum Outcome {
        /** Handed to the connection's channel to be written. */
        WRITTEN,
        /** The user has no connection on this node (offline, or in cluster mode connected elsewhere). */
        OFFLINE,
        /** The connection had closed already. */
        CLOSED,
        /** The client stopped reading: the push was dropped and the connection closed. */
        SLOW
    }

    default void pushed(Frame frame, Outcome outcome) {
    }
}
