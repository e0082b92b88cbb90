package io.kefu.server.store;

import io.kefu.protocol.Msg;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A message waiting in a {@link MessageBatchWriter} lane, with the future its router waits on.
 * Identity equality on purpose: {@code append} may have to take back exactly this entry.
 */
final class PendingMessage {
    private final Msg msg;
    private final int epoch;
    /** Whether the router that numbered it has stopped serving its shop (cluster mode: the shop moved). */
    private final BooleanSupplier retired;
    private final CompletableFuture<Void> future = new CompletableFuture<>();

    PendingMessage(Msg msg, int epoch, BooleanSupplier retired) {
        this.msg = msg;
        this.epoch = epoch;
        this.retired = retired;
    }

    Msg msg() {
        return msg;
    }

    int epoch() {
        return epoch;
    }

    /** {@code true} once its router has stopped: it must not be stored any more. */
    boolean retired() {
        return retired.getAsBoolean();
    }

    String conv() {
        return msg.conv();
    }

    long seq() {
        return msg.seq();
    }

    CompletableFuture<Void> future() {
        return future;
    }
}
