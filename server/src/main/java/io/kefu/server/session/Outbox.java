package io.kefu.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Frames written from a router lane while it runs its tasks, handed to the event loops when the lane closes the
 * outbox (after a task, or after a few that came back to back: {@code routing.LaneExecutor}): one task per event
 * loop and one flush per channel, instead of a task, a wake-up and a flush for every frame. A stored message's
 * pushes and its sender's {@code ok} leave in one {@code writev}.
 *
 * <p>A thread writes through {@link #write}; while the thread has an outbox {@linkplain #open() open}, writes to
 * channels of other event loops wait in it, in order, until {@link #close}; otherwise (an event loop writing to
 * its own channel, a store thread, a thread without an outbox) they are written and flushed at once, as before.
 * Frames to one channel keep the order they were written in. Each thread has its own outbox.
 */
public final class Outbox {
    private static final ThreadLocal<Outbox> BOX = ThreadLocal.withInitial(Outbox::new);
    /** Per event loop, the channels one {@link #writeAll} has flushed: reused, not a new map per hand-over. */
    private static final FastThreadLocal<IdentityHashMap<Channel, Boolean>> FLUSHED = new FastThreadLocal<>() {
        @Override
        protected IdentityHashMap<Channel, Boolean> initialValue() {
            return new IdentityHashMap<>();
        }
    };
    /** A map grown past this by one large hand-over is dropped rather than cleared again and again. */
    private static final int FLUSHED_KEPT = 256;

    /** Per event loop, what waits for it: target, channel and frame of each write, flat, in write order. */
    private final Map<EventExecutor, List<Object>> byLoop = new IdentityHashMap<>(8);
    private boolean open;

    private Outbox() {
    }

    /** Opens this thread's outbox (a router lane, before a task). */
    public static void open() {
        BOX.get().open = true;
    }

    /** Hands what this thread's outbox holds to the event loops and closes it (a router lane, after its tasks). */
    public static void close() {
        Outbox box = BOX.get();
        if (box.open) {
            box.open = false;
            if (!box.byLoop.isEmpty()) {
                box.dispatch();
            }
        }
    }

    /** Writes {@code frame} to {@code channel} through {@code target} (the channel or a handler's context). */
    public static void write(Channel channel, ChannelOutboundInvoker target, Object frame) {
        EventExecutor loop = channel.eventLoop();
        Outbox box = loop.inEventLoop() ? null : BOX.get();
        if (box == null || !box.open) {
            target.writeAndFlush(frame, target.voidPromise());
            return;
        }
        List<Object> writes = box.byLoop.computeIfAbsent(loop, l -> new ArrayList<>());
        writes.add(target);
        writes.add(channel);
        writes.add(frame);
    }

    private void dispatch() {
        byLoop.forEach((loop, writes) -> {
            try {
                loop.execute(() -> writeAll(writes));
            } catch (RejectedExecutionException e) {
                // The event loop is shut down: its channels are closed, nothing can be written to them.
                for (int i = 2; i < writes.size(); i += 3) {
                    ReferenceCountUtil.release(writes.get(i));
                }
            }
        });
        byLoop.clear();
    }

    /** On the event loop: every frame in order, then one flush per channel. */
    private static void writeAll(List<Object> writes) {
        int n = writes.size();
        for (int i = 0; i < n; i += 3) {
            ChannelOutboundInvoker target = (ChannelOutboundInvoker) writes.get(i);
            target.write(writes.get(i + 2), target.voidPromise());
        }
        if (n == 3) {
            ((Channel) writes.get(1)).flush();
            return;
        }
        IdentityHashMap<Channel, Boolean> flushed = FLUSHED.get();
        try {
            for (int i = 1; i < n; i += 3) {
                Channel ch = (Channel) writes.get(i);
                if (flushed.put(ch, Boolean.TRUE) == null) {
                    ch.flush();
                }
            }
        } finally {
            if (flushed.size() > FLUSHED_KEPT) {
                FLUSHED.remove();
            } else {
                flushed.clear();
            }
        }
    }
}
