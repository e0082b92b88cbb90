package io.kefu.protocol;

/** Who a connected user is. Agents, supervisors and admins belong to one shop; buyers to none. */
public enum Role {
    BUYER, AGENT, SUPERVISOR, ADMIN;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code true} for the shop's staff (agent, supervisor, admin). */
    public boolean isStaff() {
        return this != BUYER;
    }

    /**
     * {@code true} for roles that see every conversation of their shop (supervisors and admins), as a client may
     * want to know. The server decides with its permission matrix ({@code docs/staff.md}), not with this.
     */
    public boolean seesWholeShop() {
        return this == SUPERVISOR || this == ADMIN;
    }

    public static Role fromWire(String s) {
        return Wire.enumValue(Role.class, s);
    }
}
