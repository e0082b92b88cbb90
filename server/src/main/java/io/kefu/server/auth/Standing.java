package io.kefu.server.auth;

/**
 * Where a caller stands towards one shop: the columns of the permission matrix ({@link Permissions}). Staff of
 * another shop are {@link #OUTSIDER}s there: they get no more than a buyer would learn. Immutable.
 */
public enum Standing {
    /** The admin key's holder: every shop. */
    PLATFORM_ADMIN("platform admin"),
    /** An {@code admin} of the shop. */
    ADMIN("admin"),
    /** A {@code supervisor} of the shop. */
    SUPERVISOR("supervisor"),
    /** An {@code agent} of the shop. */
    AGENT("agent"),
    /** A buyer (any buyer; what is theirs is decided row by row). */
    BUYER("buyer"),
    /** Staff of another shop. */
    OUTSIDER("other shop's staff");

    private final String label;

    Standing(String label) {
        this.label = label;
    }

    /** The column heading in {@code docs/staff.md}. */
    public String label() {
        return label;
    }

    /**
     * Where {@code who} stands towards {@code shopId}; {@code shopId} null means "their own shop" (calls that name
     * no shop, frames on the caller's own connection).
     */
    public static Standing of(Principal who, String shopId) {
        if (who.isPlatformAdmin()) {
            return PLATFORM_ADMIN;
        }
        return switch (who.role()) {
            case BUYER -> BUYER;
            case ADMIN, SUPERVISOR, AGENT -> shopId != null && !who.isStaffOf(shopId) ? OUTSIDER : ofRole(who.role());
        };
    }

    /** A staff member's own standing in their shop, by role. */
    public static Standing ofRole(io.kefu.protocol.Role role) {
        return switch (role) {
            case BUYER -> BUYER;
            case AGENT -> AGENT;
            case SUPERVISOR -> SUPERVISOR;
            case ADMIN -> ADMIN;
        };
    }
}
