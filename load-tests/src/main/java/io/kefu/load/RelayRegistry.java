package io.kefu.load;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline relay's one piece of state: client id → connection. A second connection with an id
 * replaces (and closes) the first; a closing connection only removes its own entry. Lock-free, called
 * from every event loop.
 */
final class RelayRegistry {
    private final ConcurrentHashMap<String, Channel> byId = new ConcurrentHashMap<>();

    void register(String id, Channel ch) {
        Channel old = byId.put(id, ch);
        if (old != null && old != ch) {
            old.close();
        }
    }

    void unregister(String id, Channel ch) {
        byId.remove(id, ch);
    }

    /** The connection of {@code id}, or {@code null} when it is not connected. */
    Channel get(String id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }
}
