package io.kefu.server.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may do something: a set of {@link Standing}s, with the words of the refusal that the others get. The
 * rows of the permission matrix name one each ({@link Permission}). Immutable.
 */
public enum Audience {
    /** Anyone, without a token (logging in). */
    ANYONE(EnumSet.allOf(Standing.class)),
    /** The admin key only. */
    PLATFORM(EnumSet.of(Standing.PLATFORM_ADMIN)),
    /** The shop's admins and the platform admin. */
    ADMINS(EnumSet.of(Standing.PLATFORM_ADMIN, Standing.ADMIN)),
    /** "Managers" of contract v1.1: the shop's supervisors and admins, and the platform admin. */
    MANAGERS(EnumSet.of(Standing.PLATFORM_ADMIN, Standing.ADMIN, Standing.SUPERVISOR)),
    /** The shop's staff and the platform admin. */
    STAFF(EnumSet.of(Standing.PLATFORM_ADMIN, Standing.ADMIN, Standing.SUPERVISOR, Standing.AGENT)),
    /** The shop's staff with a token of their own (the platform admin is no one's colleague and has no session). */
    SHOP_STAFF(EnumSet.of(Standing.ADMIN, Standing.SUPERVISOR, Standing.AGENT)),
    /** The shop's staff, the platform admin and buyers (a buyer's own rows only: decided by the data). */
    STAFF_AND_BUYERS(EnumSet.of(Standing.PLATFORM_ADMIN, Standing.ADMIN, Standing.SUPERVISOR, Standing.AGENT,
            Standing.BUYER)),
    /** Buyers only. */
    BUYERS(EnumSet.of(Standing.BUYER)),
    /**
     * Every authenticated caller; the conversation decides (its buyer, its agent, the shop's managers), and
     * across tenant walls it does not exist.
     */
    PARTICIPANTS(EnumSet.allOf(Standing.class));

    private final Set<Standing> allowed;

    Audience(Set<Standing> allowed) {
        this.allowed = allowed;
    }

    public boolean includes(Standing standing) {
        return allowed.contains(standing);
    }

    /** "only ... may {what}" for HTTP calls; frames say "'{what}' is for ... only". */
    String refusal(String shopId, String what, boolean frame) {
        String shop = shopId == null ? "the shop" : "shop " + shopId;
        if (frame) {
            return "'" + what + "' is for " + (this == BUYERS ? "buyers" : "shop staff") + " only";
        }
        return switch (this) {
            case PLATFORM -> "only the platform admin (admin key) may " + what;
            case ADMINS -> "only the platform admin or an admin of " + shop + " may " + what;
            case MANAGERS -> "only supervisors and admins of " + shop + " may " + what;
            case SHOP_STAFF -> "only staff of " + shop + " (with their own token) may " + what;
            case BUYERS -> "only buyers may " + what;
            default -> "only staff of " + shop + " may " + what;
        };
    }
}
