package io.kefu.server.store;

/**
 * A skill group of a shop. {@code overflowTo} (a group id) and {@code overflowAfterSec} may be
 * {@code null}/0 when the group does not overflow.
 */
public record GroupRecord(String id, String shopId, String name, boolean isDefault, String overflowTo,
                          int overflowAfterSec) {
}
