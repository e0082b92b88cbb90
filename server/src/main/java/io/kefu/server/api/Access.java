package io.kefu.server.api;

import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.ConversationRecord;

/**
 * Who may do what over the API. The platform admin may do everything; a shop's admin manages its own
 * groups and staff; staff read their shop's set-up; conversations are read by their buyer, the agent
 * they are assigned to, and their shop's supervisors and admins. Another shop's or another buyer's
 * conversation answers {@code not_found}, so a tenant cannot learn that it exists. Stateless.
 */
final class Access {
    private Access() {
    }

    static void requirePlatformAdmin(Principal who, String action) {
        if (!who.isPlatformAdmin()) {
            throw KefuException.forbidden("only the platform admin (admin key) may " + action);
        }
    }

    static void requireManager(Principal who, String shopId) {
        if (!who.canManageShop(shopId)) {
            throw KefuException.forbidden("only the platform admin or an admin of shop " + shopId
                    + " may manage its groups and staff");
        }
    }

    /** Managers (contract v1.1): the shop's supervisors and admins, and the platform admin. */
    static void requireSupervisor(Principal who, String shopId) {
        if (!who.isPlatformAdmin() && !(who.isStaffOf(shopId) && who.role().seesWholeShop())) {
            throw KefuException.forbidden("only supervisors and admins of shop " + shopId + " may do this");
        }
    }

    /** The shop's staff and the platform admin; {@code what} completes "only staff of shop X may ...". */
    static void requireStaff(Principal who, String shopId, String what) {
        if (!who.isPlatformAdmin() && !who.isStaffOf(shopId)) {
            throw KefuException.forbidden("only staff of shop " + shopId + " may " + what);
        }
    }

    static void requireMember(Principal who, String shopId) {
        if (!who.isPlatformAdmin() && !who.isStaffOf(shopId)) {
            throw KefuException.forbidden("only staff of shop " + shopId + " may read its groups and staff");
        }
    }

    static void requireReader(Principal who, ConversationRecord conv) {
        if (who.isPlatformAdmin()) {
            return;
        }
        boolean ownBuyer = !who.role().isStaff() && who.userId().equals(conv.buyerId());
        boolean sameShop = who.isStaffOf(conv.shopId());
        if (!ownBuyer && !sameShop) {
            throw KefuException.notFound("conversation " + conv.id() + " not found");
        }
        if (sameShop && !who.role().seesWholeShop() && !who.userId().equals(conv.agentId())) {
            throw KefuException.forbidden("conversation " + conv.id() + " is not assigned to you; "
                    + "only its agent, supervisors and admins may read it");
        }
    }
}
