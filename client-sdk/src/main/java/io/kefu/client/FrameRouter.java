package io.kefu.client;

import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each frame from the server where it belongs: {@code ok} and {@code error} to the request they
 * answer, {@code msg} through the {@link ConversationTracker}, other pushes to the listener. Runs on the
 * client's event loop.
 */
final class FrameRouter {
    private static final Logger log = LoggerFactory.getLogger(FrameRouter.class);

    private final PendingRequests pending;
    private final ConversationTracker tracker;
    private final ListenerInvoker listener;
    private final java.util.function.Supplier<io.kefu.protocol.OkResult.HelloResult> session;

    FrameRouter(PendingRequests pending, ConversationTracker tracker, ListenerInvoker listener) {
        this(pending, tracker, listener, () -> null);
    }

    /** {@code session} is the current {@code hello} answer (who this client is), or null before one. */
    FrameRouter(PendingRequests pending, ConversationTracker tracker, ListenerInvoker listener,
                java.util.function.Supplier<io.kefu.protocol.OkResult.HelloResult> session) {
        this.session = session;
        this.pending = pending;
        this.tracker = tracker;
        this.listener = listener;
    }

    void route(Frame frame) {
        if (frame instanceof Ok ok) {
            succeed(ok);
        } else if (frame instanceof ErrorFrame error) {
            if (!pending.answerError(error.re(), error.code(), error.message(), error.rule())) {
                log.warn("Server error answering no pending request: {} {}", error.code(), error.message());
                listener.push(error);
            }
        } else if (frame instanceof Msg msg) {
            tracker.pushed(msg);
        } else if (!(frame instanceof Pong)) {
            if (frame instanceof ConvClosed closed) {
                tracker.closed(closed.conv());
            }
            if (frame instanceof io.kefu.protocol.ConvTransferred t && transferredAway(t)) {
                tracker.closed(t.conv()); // a plain agent can no longer read it: no syncs after reconnects
            }
            listener.push(frame);
        }
    }

    /** A plain agent's conversation went to someone else (supervisors and admins still see it). */
    private boolean transferredAway(io.kefu.protocol.ConvTransferred t) {
        io.kefu.protocol.OkResult.HelloResult me = session.get();
        return me != null && me.role() == io.kefu.protocol.Role.AGENT && t.to() != null
                && !me.userId().equals(t.to().agent());
    }

    private void succeed(Ok ok) {
        PendingRequests.Pending p = pending.answered(ok.re());
        if (p == null) {
            log.debug("ok for request {} that is no longer pending (timed out?)", ok.re());
            return;
        }
        if (p.frame instanceof Open && ok.result() instanceof OpenResult opened) {
            // Before the caller hears of it, so that no message of the new conversation is missed.
            tracker.opened(opened.conv());
        }
        p.future.complete(ok.result());
    }
}
