package io.kefu.server.aftersales;

import io.kefu.protocol.Role;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;

/**
 * Who may see and change which ticket (docs/aftersales.md). The shop's staff (any role) and the platform admin see
 * and act on the shop's tickets; a buyer sees their own and may only {@code escalate} them (ask the platform to
 * step in, 平台介入). {@code resolve} ends a dispute: the platform's decision, so only the platform admin (admin
 * key) may (the rows {@code AFTERSALE_ACTIONS} and {@code RESOLVE_DISPUTE} of the permission matrix). Someone who
 * may not see a ticket learns nothing of it: {@code not_found}. Stateless.
 */
public final class AfterSaleAccess {
    private AfterSaleAccess() {
    }

    /** Staff of the shop or the platform admin. */
    public static boolean isStaff(Principal who, String shopId) {
        return Permissions.allows(who, Permission.AFTERSALE_ACTIONS, shopId);
    }

    /** The ticket, if {@code who} may see it; else {@code not_found}. */
    public static AfterSale visible(Principal who, AfterSale t) {
        boolean ownBuyer = who.role() == Role.BUYER && who.userId().equals(t.buyerId());
        if (!isStaff(who, t.shopId()) && !ownBuyer) {
            throw notFound(t.id());
        }
        return t;
    }

    /** Checks that {@code who}, who sees {@code t}, may do {@code action} to it. */
    public static void mayAct(Principal who, AfterSale t, AfterSaleAction action) {
        visible(who, t);
        if (action == AfterSaleAction.RESOLVE) {
            if (!Permissions.allows(who, Permission.RESOLVE_DISPUTE, t.shopId())) {
                throw KefuException.forbidden("only the platform (admin key) may resolve a dispute; after-sale "
                        + t.id() + " is " + t.state().wire());
            }
            return;
        }
        if (action != AfterSaleAction.ESCALATE && !isStaff(who, t.shopId())) {
            throw KefuException.forbidden("a buyer may only escalate their after-sale (" + action.wire()
                    + " is for the shop's staff)");
        }
    }

    public static KefuException notFound(String id) {
        return KefuException.notFound("after-sale " + id + " not found");
    }
}
