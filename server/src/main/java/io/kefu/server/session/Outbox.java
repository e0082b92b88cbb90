package io.kefu.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Frames written from a router lane while it runs one of its tasks, handed to the event loops when the task
 * ends: one task per event loop and one flush per channel, instead of a task, a wake-up and a flush for every
 * frame. A stored message's pushes and its sender's {@code ok} leave in one {@code writev}.
 *
 * <p>A thread writes through {@link #write}; while the thread has an outbox {@linkplain #open() open}, writes to
 * channels of other event loops wait in it, in order, until {@link #close}; otherwise (an event loop writing to
 * its own channel, a store thread, a thread without an outbox) they are written and flushed at once, as before.
 * Frames to one channel keep the order they were written in. An outbox belongs to the thread that opened it.
 */
public final class Outbox {
    private static final ThreadLocal<Outbox> OPEN = new ThreadLocal<>();

    /** What waits for one event loop: targets and frames in write order. */
    private static final class Batch {
        final List<ChannelOutboundInvoker> targets = new ArrayList<>();
        final List<Channel> channels = new ArrayList<>();
        final List<Object> frames = new ArrayList<>();
    }

    private final Map<EventExecutor, Batch> byLoop = new IdentityHashMap<>();

    private Outbox() {
    }

    /** Opens an outbox on this thread (a router lane, before each task). */
    public static void open() {
        OPEN.set(new Outbox());
    }

    /** Hands what the open outbox holds to the event loops and closes it (after each task). */
    public static void close() {
        Outbox box = OPEN.get();
        if (box != null) {
            OPEN.remove();
            box.dispatch();
        }
    }

    /** Writes {@code frame} to {@code channel} through {@code target} (the channel or a handler's context). */
    public static void write(Channel channel, ChannelOutboundInvoker target, Object frame) {
        EventExecutor loop = channel.eventLoop();
        Outbox box = loop.inEventLoop() ? null : OPEN.get();
        if (box == null) {
            target.writeAndFlush(frame, target.voidPromise());
            return;
        }
        Batch batch = box.byLoop.computeIfAbsent(loop, l -> new Batch());
        batch.targets.add(target);
        batch.channels.add(channel);
        batch.frames.add(frame);
    }

    private void dispatch() {
        byLoop.forEach((loop, batch) -> {
            try {
                loop.execute(() -> writeAll(batch));
            } catch (RejectedExecutionException e) {
                // The event loop is shut down: its channels are closed, nothing can be written to them.
                batch.frames.forEach(ReferenceCountUtil::release);
            }
        });
    }

    /** On the event loop: every frame in order, then one flush per channel. */
    private static void writeAll(Batch batch) {
        int n = batch.frames.size();
        for (int i = 0; i < n; i++) {
            ChannelOutboundInvoker target = batch.targets.get(i);
            target.write(batch.frames.get(i), target.voidPromise());
        }
        if (n == 1) {
            batch.channels.get(0).flush();
            return;
        }
        Map<Channel, Boolean> flushed = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            Channel ch = batch.channels.get(i);
            if (flushed.put(ch, Boolean.TRUE) == null) {
                ch.flush();
            }
        }
    }
}
