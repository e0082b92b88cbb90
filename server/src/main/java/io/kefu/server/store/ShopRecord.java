package io.kefu.server.store;

/** A shop (tenant). */
public record ShopRecord(String id, String name, long createdAt) {
}
