package io.kefu.server.api;

import io.kefu.server.auth.Audience;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.orders.OrderRules;
import io.kefu.server.store.ConversationRecord;

/**
 * The API's side of the permission matrix ({@link Permissions}): every call's row is checked before the call runs
 * ({@link #check}); conversations are read by their buyer, the agent they are assigned to, and whoever may see the
 * whole shop. Another shop's or another buyer's conversation, and another shop's orders, answer {@code not_found},
 * so a tenant cannot learn that they exist. Stateless; any thread.
 */
final class Access {
    private Access() {
    }

    /** The call's row of the matrix: {@code forbidden}, or {@code not_found} across a tenant wall. */
    static void check(Principal who, ApiRequest r) {
        Permission p = r.endpoint().permission();
        if (p.audience() == Audience.ANYONE) {
            return;
        }
        String shopId = r.param("shopId");
        switch (Permissions.decide(who, p, shopId)) {
            case ALLOW -> {
            }
            case FORBID -> throw Permissions.refusal(p, shopId);
            case HIDE -> throw hidden(r);
        }
    }

    private static KefuException hidden(ApiRequest r) {
        String orderNo = r.param("orderNo");
        String aftersaleId = r.param("aftersaleId");
        if (aftersaleId != null) {
            return io.kefu.server.aftersales.AfterSaleAccess.notFound(aftersaleId);
        }
        return orderNo != null ? OrderRules.notFound(orderNo)
                : KefuException.notFound("shop " + r.param("shopId") + " not found");
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
        if (sameShop && !Permissions.allows(who, Permission.WHOLE_SHOP_CONVERSATIONS, conv.shopId())
                && !who.userId().equals(conv.agentId())) {
            throw KefuException.forbidden("conversation " + conv.id() + " is not assigned to you; "
                    + "only its agent, supervisors and admins may read it");
        }
    }
}
