package io.kefu.server.store;

/** Where a client message id was stored: its {@code seq} and the {@code ts} the message got. */
public record StoredCmid(long seq, long ts) {
}
