package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.PasswordPolicy;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.AgentRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff management (docs/staff.md): disable and enable, a staff member's own password change, an admin's password
 * reset. Who may call is checked before (the permission matrix); bodies and the password policy here on the event
 * loop; store calls in {@code storeExecutor} tasks, hashing in {@code authExecutor} tasks. Every change is stored
 * first, then the staff tokens are updated, the sessions closed and the change audited.
 */
final class StaffEndpoints {
    private static final Logger log = LoggerFactory.getLogger(StaffEndpoints.class);
    static final int CLOSE_UNAUTHORIZED = 4401;
    static final int CLOSE_FORBIDDEN = 4403;
    /** Bounds the hashing work of a check of the old password, like a login's. */
    private static final int MAX_OLD_PASSWORD = 1_024;
    /** The throttle's username for a password change: by agent id, apart from the logins by username. */
    private static final String CHANGE_KEY = "password-change:";

    private final ApiServices s;
    private final PasswordPolicy policy = new PasswordPolicy();

    StaffEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> disable(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String agentId = r.param("agentId");
        if (who.userId().equals(agentId)) {
            throw KefuException.invalidState("you cannot disable yourself; another admin of shop " + shopId + " may");
        }
        return s.storeExecutor().submit(() -> s.shops().setDisabled(shopId, agentId, true)).thenCompose(a -> {
            s.jwt().staffTokens().remember(a.id(), true, a.tokenVersion());
            int closed = s.sessions().close(a.id(), CLOSE_FORBIDDEN, "this staff account was disabled by a shop admin");
            log.info("Staff disabled shop={} agent={} by={} sessions={}", shopId, a.id(), who.userId(), closed);
            s.audit().record(shopId, AdminAudit.STAFF_DISABLE, who, a.id(), "username=" + a.username(), r.client());
            return s.routing().agentDisabled(shopId, a).thenApply(v -> ShopEndpoints.agentJson(a));
        });
    }

    CompletableFuture<ObjectNode> enable(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String agentId = r.param("agentId");
        return s.storeExecutor().submit(() -> s.shops().setDisabled(shopId, agentId, false)).thenApply(a -> {
            s.jwt().staffTokens().remember(a.id(), false, a.tokenVersion());
            log.info("Staff enabled shop={} agent={} by={}", shopId, a.id(), who.userId());
            s.audit().record(shopId, AdminAudit.STAFF_ENABLE, who, a.id(), "username=" + a.username(), r.client());
            s.shopChanged().accept(shopId);
            return ShopEndpoints.agentJson(a);
        });
    }

    /** {@code {old, new}}: the caller's own password; answers a fresh token, since every older one stops working. */
    CompletableFuture<ObjectNode> changePassword(ApiRequest r, Principal who) {
        JsonBody b = r.json();
        String old = b.rawString("old", 1, MAX_OLD_PASSWORD);
        String fresh = b.rawString("new", 1, PasswordPolicy.MAX);
        if (fresh.equals(old)) {
            throw KefuException.badRequest("field 'new' must differ from the old password");
        }
        String shopId = who.shopId();
        s.authFailures().check(r.client(), "password");
        s.loginThrottle().check(shopId, CHANGE_KEY + who.userId(), r.client());
        return s.storeExecutor().submit(() -> s.shops().findAgent(who.userId()).filter(a -> a.shopId().equals(shopId))
                        .orElseThrow(() -> KefuException.notFound("agent '" + who.userId() + "' not found")))
                .thenCompose(a -> {
                    policy.check("new", fresh, a.username());
                    return s.authExecutor().submit(() -> {
                        if (!s.hasher().verify(old, a.passwordHash())) {
                            s.loginThrottle().failed(shopId, CHANGE_KEY + a.id(), r.client());
                            s.authFailures().failed(r.client());
                            throw KefuException.forbidden("field 'old' is not the current password");
                        }
                        s.loginThrottle().succeeded(shopId, CHANGE_KEY + a.id(), r.client());
                        return s.hasher().hash(fresh);
                    });
                })
                .thenCompose(hash -> s.storeExecutor().submit(() -> s.shops().setPassword(shopId, who.userId(), hash)))
                .thenApply(a -> {
                    revoke(a, "the password was changed; log in again");
                    s.audit().record(shopId, AdminAudit.PASSWORD_CHANGE, who, a.id(), null, r.client());
                    log.info("Password changed shop={} agent={}", shopId, a.id());
                    Principal now = Principal.staff(a.id(), a.role(), shopId, a.name());
                    return ApiJson.object().put("agentId", a.id()).put("token", s.jwt().issue(now, s.tokenTtl()));
                });
    }

    /**
     * An admin sets a staff member's password ({@code {password}}), or has one made ({@code {}} or no body): the
     * made one is in the answer, once. Every token of that staff member stops working.
     */
    CompletableFuture<ObjectNode> resetPassword(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String agentId = r.param("agentId");
        Optional<String> given = r.body().length == 0 ? Optional.empty()
                : r.json().value("password").isPresent() ? Optional.of(r.json().rawString("password", 1, PasswordPolicy.MAX))
                : Optional.empty();
        return s.storeExecutor().submit(() -> s.shops().findAgent(agentId).filter(a -> a.shopId().equals(shopId))
                        .orElseThrow(() -> KefuException.notFound("agent '" + agentId + "' not found in shop " + shopId)))
                .thenCompose(a -> s.authExecutor().submit(() -> {
                    // Made here: SecureRandom may read the OS's entropy, which blocks.
                    String password = given.orElseGet(policy::generate);
                    policy.check("password", password, a.username());
                    return new Made(password, s.hasher().hash(password));
                }))
                .thenCompose(made -> s.storeExecutor().submit(() -> s.shops().setPassword(shopId, agentId, made.hash()))
                        .thenApply(a -> new Reset(a, made.password())))
                .thenApply(reset -> {
                    AgentRecord a = reset.agent();
                    String password = reset.password();
                    revoke(a, "the password was reset by a shop admin; log in again");
                    s.audit().record(shopId, AdminAudit.PASSWORD_RESET, who, a.id(),
                            given.isPresent() ? "set by admin" : "generated", r.client());
                    log.info("Password reset shop={} agent={} by={}", shopId, a.id(), who.userId());
                    ObjectNode out = ShopEndpoints.agentJson(a);
                    return given.isPresent() ? out : out.put("password", password);
                });
    }

    private record Made(String password, String hash) {
    }

    private record Reset(AgentRecord agent, String password) {
    }

    /** Older tokens stop working, and so do the sessions opened with them. */
    private void revoke(AgentRecord a, String why) {
        s.jwt().staffTokens().remember(a.id(), a.disabled(), a.tokenVersion());
        s.sessions().close(a.id(), CLOSE_UNAUTHORIZED, why);
    }
}
