package io.kefu.server.store;

import java.util.Objects;

/**
 * One entry of the admin audit trail (table {@code admin_audit}): who ({@code actorType} {@code platform} or
 * {@code agent}, {@code actorId}) did what ({@code type}, {@code target}, a short {@code detail}) to a shop's set-up,
 * when, and from which {@code address}. Never a password or a token. Immutable.
 */
public record AdminAuditRecord(String id, String shopId, long ts, String type, String actorType, String actorId,
                               String target, String detail, String address) {
    public AdminAuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actorType, "actorType");
    }
}
