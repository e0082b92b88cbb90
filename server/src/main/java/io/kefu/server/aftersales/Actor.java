package io.kefu.server.aftersales;

import io.kefu.server.auth.Principal;

/**
 * Who changes a ticket, as its history records it: a user id ({@code null} for the server) and a role name
 * ({@code buyer}, {@code agent}, {@code supervisor}, {@code admin}, {@code platform} for the admin key's holder,
 * {@code system} for the server).
 */
public record Actor(String id, String role) {
    public static final Actor SYSTEM = new Actor(null, "system");

    public static Actor of(Principal p) {
        return p.isPlatformAdmin() ? new Actor(p.userId(), "platform") : new Actor(p.userId(), p.role().wire());
    }
}
