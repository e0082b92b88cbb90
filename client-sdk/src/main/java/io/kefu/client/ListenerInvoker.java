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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the application's {@link KefuListener}, routing each push to its method and isolating the
 * client from exceptions the listener throws. Runs on the client's event loop.
 */
final class ListenerInvoker {
    private static final Logger log = LoggerFactory.getLogger(ListenerInvoker.class);

    private final KefuListener listener;

    ListenerInvoker(KefuListener listener) {
        this.listener = listener;
    }

    void message(Msg msg) {
        invoke("onMessage", () -> listener.onMessage(msg));
    }

    void connected(HelloResult hello) {
        invoke("onConnected", () -> listener.onConnected(hello));
    }

    void disconnected(int code, String reason) {
        invoke("onDisconnected", () -> listener.onDisconnected(code, reason));
    }

    /** A push other than {@code msg}: to its own method, or to {@code onPush} when it has none. */
    void push(Frame frame) {
        invoke(frame.type(), () -> route(frame));
    }

    private void route(Frame frame) {
        if (frame instanceof ConvQueued f) {
            listener.onQueued(f);
        } else if (frame instanceof ConvAssigned f) {
            listener.onAssigned(f);
        } else if (frame instanceof ConvTransferred f) {
            listener.onTransferred(f);
        } else if (frame instanceof ConvClosed f) {
            listener.onClosed(f);
        } else if (frame instanceof Survey f) {
            listener.onSurvey(f);
        } else if (frame instanceof Read f) {
            listener.onRead(f);
        } else if (frame instanceof Typing f) {
            listener.onTyping(f);
        } else {
            listener.onPush(frame);
        }
    }

    private static void invoke(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("KefuListener threw while handling {}", what, e);
        }
    }
}
