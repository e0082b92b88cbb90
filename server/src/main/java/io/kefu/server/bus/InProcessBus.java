package io.kefu.server.bus;

import io.kefu.protocol.Frame;
import io.kefu.server.session.SessionRegistry;

/** The single-node bus: hands frames straight to this node's {@link SessionRegistry}. Runs on the caller's thread. */
public final class InProcessBus implements Bus {
    private final SessionRegistry sessions;

    public InProcessBus(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void publish(String userId, Frame frame) {
        sessions.push(userId, frame);
    }

    @Override
    public boolean isConnected(String userId) {
        return sessions.isConnected(userId);
    }
}
