package io.kefu.server.auth;

import io.kefu.protocol.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * An authenticated caller. Staff (agent, supervisor, admin) belong to one shop; a buyer belongs to none;
 * the platform admin (the admin key's holder) is the one {@link Role#ADMIN} without a shop and may do
 * everything. {@code shopId} is therefore {@code null} for buyers and the platform admin; {@link #shop()}
 * is the null-free view. {@code name} defaults to the user id. What a principal may do is decided by
 * {@link Permissions}, not here.
 */
public record Principal(String userId, Role role, String shopId, String name) {
    public static final String PLATFORM_ADMIN_ID = "platform";

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        if (role == Role.BUYER && shopId != null) {
            throw new IllegalArgumentException("a buyer belongs to no shop");
        }
        if ((role == Role.AGENT || role == Role.SUPERVISOR) && shopId == null) {
            throw new IllegalArgumentException("a staff member (" + role.wire() + ") belongs to a shop");
        }
        name = name == null ? userId : name;
    }

    public static Principal platformAdmin() {
        return new Principal(PLATFORM_ADMIN_ID, Role.ADMIN, null, "platform admin");
    }

    public static Principal buyer(String buyerId, String name) {
        return new Principal(buyerId, Role.BUYER, null, name);
    }

    public static Principal staff(String agentId, Role role, String shopId, String name) {
        return new Principal(agentId, role, Objects.requireNonNull(shopId, "shopId"), name);
    }

    public Optional<String> shop() {
        return Optional.ofNullable(shopId);
    }

    public boolean isPlatformAdmin() {
        return role == Role.ADMIN && shopId == null;
    }

    /** {@code true} for staff of exactly this shop. */
    public boolean isStaffOf(String shop) {
        return role.isStaff() && shopId != null && shopId.equals(shop);
    }
}
