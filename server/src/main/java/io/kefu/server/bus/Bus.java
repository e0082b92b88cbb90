package io.kefu.server.bus;

import io.kefu.protocol.Frame;
import java.util.Collection;

/**
 * Delivers frames to users wherever they are connected. Implementations are thread-safe and never
 * block the caller: a user with no connection simply misses the push (they {@code sync} when they come
 * back; everything pushed that matters is stored first).
 */
public interface Bus {

    void publish(String userId, Frame frame);

    default void publish(Collection<String> userIds, Frame frame) {
        for (String userId : userIds) {
            publish(userId, frame);
        }
    }

    /** {@code true} if the user has at least one live connection (on any node, for a cluster bus). */
    boolean isConnected(String userId);
}
