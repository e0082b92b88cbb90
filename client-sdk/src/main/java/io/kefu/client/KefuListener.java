package io.kefu.client;

import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.Read;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Typing;

/**
 * Receives a client's server pushes and connection lifecycle events. Every method has a no-op default,
 * so implement only what you need.
 *
 * <p><b>Threading:</b> callbacks run on the client's event loop, one at a time and in arrival order. Do
 * not block in them (no I/O, no locks held for long, no {@code join()} or {@code get()} on a client
 * future, which would deadlock): hand work to your own executor instead. An exception thrown by a
 * callback is logged and otherwise ignored.
 */
public interface KefuListener {

    /** A listener that ignores everything. */
    KefuListener NONE = new KefuListener() {
    };

    /**
     * A message of a conversation. Per conversation, messages arrive in {@code seq} order, without gaps
     * and never twice: the client fills gaps (and the time it was disconnected) with {@code sync}. The
     * first message seen of a conversation the client did not know yet is delivered as is; earlier ones
     * are history, see {@code history}.
     */
    default void onMessage(Msg msg) {
    }

    /** The conversation waits in a queue; pushed again whenever its position changes. */
    default void onQueued(ConvQueued queued) {
    }

    /** An agent has the conversation. */
    default void onAssigned(ConvAssigned assigned) {
    }

    /** The conversation was handed over to another agent or group. */
    default void onTransferred(ConvTransferred transferred) {
    }

    /** The conversation ended. */
    default void onClosed(ConvClosed closed) {
    }

    /** The buyer is asked to rate a closed conversation. */
    default void onSurvey(Survey survey) {
    }

    /** The other side read up to a {@code seq}. */
    default void onRead(Read read) {
    }

    /** The other side is typing. */
    default void onTyping(Typing typing) {
    }

    /**
     * {@code hello} succeeded: on the first connect and after every successful reconnect. Conversations
     * are being synced when this runs.
     */
    default void onConnected(HelloResult hello) {
    }

    /**
     * An established WebSocket connection ended. {@code closeCode} is the code the server sent (4401,
     * 4403, 4408, 4429, 1009, ...), 1000 when this client closed it, or 1006 when the connection was
     * lost without a close frame. With auto-reconnect on, the client is already trying again unless the
     * code was 4401 or 4403, or {@link KefuClient#close()} was called.
     */
    default void onDisconnected(int closeCode, String reason) {
    }

    /**
     * Any other push: frame types added to the protocol later, and {@code error} frames that answer no
     * request.
     */
    default void onPush(Frame frame) {
    }
}
