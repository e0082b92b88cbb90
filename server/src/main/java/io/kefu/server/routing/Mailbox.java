package io.kefu.server.routing;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command queue of one {@link ShopRouter}: runs commands one at a time on the shop's lane, and parks
 * them while the router is loading or refreshing its state. {@link #ask} may be called from any thread;
 * everything else runs on the lane.
 */
final class Mailbox {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

    /** A command; it completes {@code reply} itself, now or later, on the lane. */
    interface Command<T> {
        void run(CompletableFuture<T> reply);
    }

    private enum Phase { PAUSED, OPEN, FAILED }

    private final String shopId;
    private final RouterLanes.Lane lane;
    private final ArrayDeque<Runnable> parked = new ArrayDeque<>();
    private Phase phase = Phase.PAUSED;
    private Throwable failure;

    Mailbox(String shopId, RouterLanes.Lane lane) {
        this.shopId = shopId;
        this.lane = lane;
    }

    <T> CompletableFuture<T> ask(Command<T> command) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        if (lane.full()) {
            reply.completeExceptionally(new KefuException(ErrorCode.OVERLOADED,
                    "routing is overloaded (" + lane.maxQueue() + " commands waiting); retry shortly"));
            return reply;
        }
        lane.execute(() -> {
            switch (phase) {
                case OPEN -> run(command, reply);
                case PAUSED -> parked.add(() -> {
                    if (phase == Phase.OPEN) {
                        run(command, reply);
                    } else {
                        reply.completeExceptionally(failure);
                    }
                });
                case FAILED -> reply.completeExceptionally(failure);
            }
        });
        return reply;
    }

    /** Parks the commands that arrive from now on until {@link #open()}. Lane only. */
    void pause() {
        phase = Phase.PAUSED;
    }

    /** Runs the parked commands, then new ones as they come. Lane only. */
    void open() {
        phase = Phase.OPEN;
        drain();
    }

    /** Fails the parked commands and every later one with {@code cause}. Lane only. */
    void fail(Throwable cause) {
        failure = cause;
        phase = Phase.FAILED;
        drain();
    }

    private void drain() {
        Runnable next;
        while (phase != Phase.PAUSED && (next = parked.poll()) != null) {
            next.run();
        }
    }

    private <T> void run(Command<T> command, CompletableFuture<T> reply) {
        try {
            command.run(reply);
        } catch (KefuException e) {
            reply.completeExceptionally(e);
        } catch (RuntimeException e) {
            log.error("router command failed shop={}", shopId, e);
            reply.completeExceptionally(new KefuException(ErrorCode.INTERNAL,
                    "internal error in routing; the request was not applied", e));
        }
    }
}
