package io.kefu.server.session;

import io.kefu.protocol.Frame;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of this node by user id. A user may have several (two console tabs, a phone and a
 * laptop); a push reaches all of them. Thread-safe: connections are added and removed on their event
 * loops and pushed to from router threads.
 */
public final class SessionRegistry {
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Connection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final PushListener listener;
    private volatile UserChannels channels = UserChannels.LOCAL;

    public SessionRegistry() {
        this(PushListener.NOOP);
    }

    public SessionRegistry(PushListener listener) {
        this.listener = listener;
    }

    /** Cluster mode: where pushes for users reach this node from (set once at start, before the port opens). */
    public void useChannels(UserChannels channels) {
        this.channels = channels;
    }

    /** See {@link UserChannels#hold}: called before a session's hello is answered. */
    public java.util.concurrent.CompletableFuture<Void> hold(String userId) {
        return channels.hold(userId);
    }

    /** See {@link UserChannels#release}: once per {@link #hold}, when the session ends or its hello failed. */
    public void release(String userId) {
        channels.release(userId);
    }

    public void add(Connection connection) {
        byUser.computeIfAbsent(connection.principal().userId(), k -> new CopyOnWriteArrayList<>()).add(connection);
        count.incrementAndGet();
    }

    /** Removes the connection; returns how many connections its user still has on this node. */
    public int remove(Connection connection) {
        String userId = connection.principal().userId();
        int[] left = {0};
        byUser.computeIfPresent(userId, (k, list) -> {
            if (list.remove(connection)) {
                count.decrementAndGet();
            }
            left[0] = list.size();
            return list.isEmpty() ? null : list;
        });
        return left[0];
    }

    public List<Connection> connections(String userId) {
        List<Connection> list = byUser.get(userId);
        return list == null ? List.of() : list;
    }

    public boolean isConnected(String userId) {
        return byUser.containsKey(userId);
    }

    /** Pushes to every connection of the user on this node; returns how many it reached. */
    public int push(String userId, Frame frame) {
        List<Connection> list = byUser.get(userId);
        if (list == null) {
            listener.pushed(frame, PushListener.Outcome.OFFLINE);
            return 0;
        }
        for (Connection c : list) {
            listener.pushed(frame, c.push(frame));
        }
        return list.size();
    }

    /**
     * Asks every connection of the user on this node to close with a WebSocket close {@code code} (4403 when an
     * agent is disabled, 4401 when their tokens were revoked). The request travels as a {@link CloseRequest} user
     * event to the session's handler, on the connection's event loop. Returns how many connections were asked.
     */
    public int close(String userId, int code, String reason) {
        List<Connection> list = connections(userId);
        for (Connection c : list) {
            c.channel().pipeline().fireUserEventTriggered(new CloseRequest(code, reason));
        }
        return list.size();
    }

    /** A user event asking a WebSocket session to close with this code and reason. */
    public record CloseRequest(int code, String reason) {
    }

    /** The channels of every authenticated connection on this node (for draining at shutdown). */
    public List<io.netty.channel.Channel> channels() {
        List<io.netty.channel.Channel> all = new java.util.ArrayList<>(count.get());
        byUser.values().forEach(list -> list.forEach(c -> all.add(c.channel())));
        return all;
    }

    /** Authenticated connections on this node. */
    public int size() {
        return count.get();
    }
}
