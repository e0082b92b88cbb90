package io.kefu.server;

import io.kefu.client.KefuListener;
import io.kefu.protocol.Frame;
import io.kefu.protocol.OkResult.HelloResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every push a client gets, for tests to wait on. {@link #await} returns the first matching push
 * not returned before, so a test reads a client's pushes in order without losing the others.
 */
public final class Recorder implements KefuListener {
    private final List<Frame> frames = new ArrayList<>();
    private final List<Boolean> taken = new ArrayList<>();
    private volatile int lastCloseCode;

    @Override
    public void onMessage(io.kefu.protocol.Msg msg) {
        record(msg);
    }

    @Override
    public void onQueued(io.kefu.protocol.ConvQueued queued) {
        record(queued);
    }

    @Override
    public void onAssigned(io.kefu.protocol.ConvAssigned assigned) {
        record(assigned);
    }

    @Override
    public void onTransferred(io.kefu.protocol.ConvTransferred transferred) {
        record(transferred);
    }

    @Override
    public void onClosed(io.kefu.protocol.ConvClosed closed) {
        record(closed);
    }

    @Override
    public void onSurvey(io.kefu.protocol.Survey survey) {
        record(survey);
    }

    @Override
    public void onRead(io.kefu.protocol.Read read) {
        record(read);
    }

    @Override
    public void onTyping(io.kefu.protocol.Typing typing) {
        record(typing);
    }

    @Override
    public void onPush(Frame frame) {
        record(frame);
    }

    private synchronized void record(Frame frame) {
        frames.add(frame);
        taken.add(false);
        notifyAll();
    }

    @Override
    public void onDisconnected(int closeCode, String reason) {
        lastCloseCode = closeCode;
    }

    @Override
    public void onConnected(HelloResult hello) {
    }

    public int lastCloseCode() {
        return lastCloseCode;
    }

    public <T extends Frame> T await(Class<T> type) {
        return await(type, f -> true);
    }

    public synchronized <T extends Frame> T await(Class<T> type, Predicate<T> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (int i = 0; i < frames.size(); i++) {
                Frame f = frames.get(i);
                if (!taken.get(i) && type.isInstance(f) && match.test(type.cast(f))) {
                    taken.set(i, true);
                    return type.cast(f);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type.getSimpleName() + " push matching within 10 s; got " + frames);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every push of this type received so far (taken or not). */
    public synchronized <T extends Frame> List<T> all(Class<T> type) {
        List<T> list = new ArrayList<>();
        for (Frame f : frames) {
            if (type.isInstance(f)) {
                list.add(type.cast(f));
            }
        }
        return list;
    }
}
