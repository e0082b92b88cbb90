package io.kefu.server.store;

import io.kefu.protocol.Msg;
import java.util.concurrent.CompletableFuture;

/**
 * A message waiting in a {@link MessageBatchWriter} lane, with the future its router waits on.
 * Identity equality on purpose: {@code append} may have to take back exactly this entry.
 */
final class PendingMessage {
    private final Msg msg;
    private final int epoch;
    private final CompletableFuture<Void> future = new CompletableFuture<>();

    PendingMessage(Msg msg, int epoch) {
        this.msg = msg;
        this.epoch = epoch;
    }

    Msg msg() {
        return msg;
    }

    int epoch() {
        return epoch;
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
