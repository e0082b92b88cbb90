package io.kefu.server.auth;

import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;

/**
 * The one place that decides who may do what: a {@link Permission} (row) against where the caller stands towards
 * the shop ({@link Standing}, column). Every HTTP call is checked here before it runs ({@code api.ApiHandler}),
 * every frame by {@code conversation.FrameDispatcher}, and the rules inside calls (whose conversations, numbers,
 * scripts) by the code that applies them. Stateless and cheap: any thread, event loops and router lanes included.
 */
public final class Permissions {
    /** The answer for one caller and row. */
    public enum Decision {
        ALLOW,
        /** {@code forbidden}: the caller may know the thing exists. */
        FORBID,
        /** {@code not_found}: across a tenant wall. */
        HIDE
    }

    private Permissions() {
    }

    /** The matrix itself: whether {@code standing} may do {@code p}. */
    public static boolean allows(Standing standing, Permission p) {
        return p.audience().includes(standing);
    }

    /** Whether {@code who} may do {@code p} in {@code shopId} (null: their own shop, or no shop). */
    public static boolean allows(Principal who, Permission p, String shopId) {
        return decide(who, p, shopId) == Decision.ALLOW;
    }

    /** Whether a staff member of this role may do {@code p} in their own shop (routing's pushes go by role). */
    public static boolean allows(Role role, Permission p) {
        return allows(Standing.ofRole(role), p);
    }

    public static Decision decide(Principal who, Permission p, String shopId) {
        Standing standing = Standing.of(who, shopId);
        if (allows(standing, p)) {
            return Decision.ALLOW;
        }
        return p.walled() && standing == Standing.OUTSIDER ? Decision.HIDE : Decision.FORBID;
    }

    /**
     * Throws {@code forbidden} naming who may do it, unless {@code who} may. A walled row's outsider gets
     * {@code forbidden} here too: callers that hide use {@link #decide} and say what is not found.
     */
    public static void require(Principal who, Permission p, String shopId) {
        if (decide(who, p, shopId) != Decision.ALLOW) {
            throw refusal(p, shopId);
        }
    }

    /** The {@code forbidden} answer to a caller who may not do {@code p}. */
    public static KefuException refusal(Permission p, String shopId) {
        return KefuException.forbidden(p.audience().refusal(shopId, p.what(), p.kind() == Permission.Kind.FRAME));
    }
}
