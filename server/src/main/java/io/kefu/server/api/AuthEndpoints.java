package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.BuyerRecord;
import io.kefu.server.store.ShopRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token minting: staff log in with a password; a platform back end mints buyer tokens with the admin
 * key. Look-ups run in {@code storeExecutor} tasks, the password check (and signing after it) in an
 * {@code authExecutor} task.
 */
final class AuthEndpoints {
    private static final Logger log = LoggerFactory.getLogger(AuthEndpoints.class);
    /** One answer for every failed login, so it cannot be used to find shops or usernames. */
    static final String LOGIN_FAILED = "invalid shop, username or password";
    /** The answer to the right password of a disabled staff member. */
    static final String DISABLED = "this staff account is disabled; ask an admin of the shop to enable it";
    /** Logins are not length-checked against the creation policy; this only bounds the hashing work. */
    private static final int MAX_LOGIN_PASSWORD = 1_024;
    /** The throttle's key for a shop name that finds no one shop (no shop id starts with it). */
    private static final String NAME_KEY = "name:";

    private final ApiServices s;

    AuthEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> agentLogin(ApiRequest r) {
        JsonBody b = r.json();
        Optional<String> shopId = b.optionalString("shopId", ShopEndpoints.MAX_ID);
        Optional<String> shopName = b.optionalString("shopName", ShopEndpoints.MAX_NAME);
        if (shopId.isPresent() == shopName.isPresent()) {
            throw KefuException.badRequest(shopId.isPresent() ? "give field 'shopId' or field 'shopName', not both"
                    : "field 'shopId' (or 'shopName') is required");
        }
        String username = b.string("username", ShopEndpoints.MAX_NAME);
        String password = b.rawString("password", 1, MAX_LOGIN_PASSWORD);
        locked(() -> s.authFailures().check(r.client(), "login"));
        if (shopId.isPresent()) {
            locked(() -> s.loginThrottle().check(shopId.get(), username, r.client()));
        }
        return s.storeExecutor().submit(() -> {
            // By name: the throttle counts the shop the name finds, so an account has one count however its
            // shop is named; a name that finds no one shop counts as typed. Checked here, before any hashing.
            String shop = shopId.orElseGet(() -> s.shops().findShopByName(shopName.get()).map(ShopRecord::id)
                    .orElse(NAME_KEY + shopName.get()));
            if (shopName.isPresent()) {
                locked(() -> s.loginThrottle().check(shop, username, r.client()));
            }
            Optional<AgentRecord> agent = shop.startsWith(NAME_KEY) ? Optional.empty()
                    : s.shops().findAgentByUsername(shop, username);
            // Failed logins are audited only in a shop that exists: made-up shop ids would fill the trail.
            boolean shopKnown = agent.isPresent() || (!shop.startsWith(NAME_KEY) && s.shops().findShop(shop).isPresent());
            return new Lookup(shop, agent, shopKnown);
        }).thenCompose(found -> hash(found.agent(), () -> checkPassword(found, username, r.client(), password)))
                .thenApply(agent -> {
                    Principal who = Principal.staff(agent.id(), agent.role(), agent.shopId(), agent.name());
                    log.info("Staff logged in shop={} agent={}", agent.shopId(), agent.id());
                    s.authListener().staffLoggedIn();
                    s.audit().record(agent.shopId(), AdminAudit.LOGIN_OK, "agent", agent.id(), agent.id(),
                            "username=" + agent.username(), r.client());
                    return ApiJson.object().put("token", s.jwt().issue(who, s.tokenTtl()))
                            .put("agentId", agent.id()).put("role", agent.role().wire()).put("name", agent.name())
                            .put("shopId", agent.shopId());
                });
    }

    /** The shop a login named (its id, or {@code name:} and the name no one shop has) and the agent found. */
    private record Lookup(String shop, Optional<AgentRecord> agent, boolean shopKnown) {
    }

    private void locked(Runnable check) {
        try {
            check.run();
        } catch (KefuException locked) {
            s.authListener().staffLoginFailed(AuthListener.LoginFailure.LOCKED);
            throw locked;
        }
    }

    CompletableFuture<ObjectNode> buyerToken(ApiRequest r, Principal who) {
        JsonBody b = r.json();
        String buyerId = b.string("buyerId", ShopEndpoints.MAX_ID);
        Optional<String> name = b.optionalString("name", ShopEndpoints.MAX_NAME);
        return s.storeExecutor().submit(() -> {
            s.buyers().upsertBuyer(buyerId, name.orElse(null));
            return s.buyers().findBuyer(buyerId).map(BuyerRecord::name);
        }).thenApply(stored -> {
            log.debug("Buyer token minted buyer={}", buyerId);
            s.authListener().buyerTokenMinted();
            Principal buyer = Principal.buyer(buyerId, stored.orElse(null));
            return ApiJson.object().put("token", s.jwt().issue(buyer, s.tokenTtl()));
        });
    }

    /**
     * Runs the password check on the {@code kefu-auth} executor; for an unknown username only while fewer
     * than {@code KEFU_LOGIN_UNKNOWN_HASHES} such checks run (else 429 at once). Called on a store thread.
     */
    private CompletableFuture<AgentRecord> hash(Optional<AgentRecord> agent, java.util.function.Supplier<AgentRecord> check) {
        if (agent.isPresent()) {
            return s.authExecutor().submit(check::get);
        }
        s.unknownUserHashes().acquire();
        CompletableFuture<AgentRecord> checked;
        try {
            checked = s.authExecutor().submit(check::get);
        } catch (RuntimeException e) {
            s.unknownUserHashes().release();
            throw e;
        }
        return checked.whenComplete((ok, failure) -> s.unknownUserHashes().release());
    }

    /** Runs on the {@code kefu-auth} executor: hashing is slow on purpose. */
    private AgentRecord checkPassword(Lookup found, String username, String client, String password) {
        String shopId = found.shop();
        Optional<AgentRecord> agent = found.agent();
        if (!s.hasher().verify(password, agent.map(AgentRecord::passwordHash))) {
            if (found.shopKnown()) {
                s.audit().record(shopId, AdminAudit.LOGIN_FAILED, "agent", agent.map(AgentRecord::id).orElse(null),
                        agent.map(AgentRecord::id).orElse(null), agent.isPresent() ? "reason=bad_password username="
                                + username : "reason=unknown_user username=" + username, client);
            }
            s.loginThrottle().failed(shopId, username, client);
            s.authFailures().failed(client);
            s.authListener().staffLoginFailed(agent.isPresent() ? AuthListener.LoginFailure.BAD_PASSWORD
                    : AuthListener.LoginFailure.UNKNOWN_USER);
            log.info("Staff login refused shop={} client={}", shopId, client);
            throw new KefuException(ErrorCode.UNAUTHORIZED, LOGIN_FAILED);
        }
        s.loginThrottle().succeeded(shopId, username, client);
        AgentRecord a = agent.orElseThrow();
        s.jwt().staffTokens().remember(a.id(), a.disabled(), a.tokenVersion());
        if (a.disabled()) {
            // Told only to whoever knows the password: a guess learns nothing new.
            s.audit().record(shopId, AdminAudit.LOGIN_FAILED, "agent", a.id(), a.id(), "reason=disabled username="
                    + username, client);
            log.info("Staff login refused: disabled shop={} agent={} client={}", shopId, a.id(), client);
            throw KefuException.forbidden(DISABLED);
        }
        return a;
    }
}
