package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.BuyerRecord;
import io.kefu.server.store.ShopRecord;
import io.kefu.server.store.ShopStore;
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
    /** Logins are not length-checked against the creation policy; this only bounds the hashing work. */
    private static final int MAX_LOGIN_PASSWORD = 1_024;

    private final ApiServices s;

    AuthEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> agentLogin(ApiRequest r) {
        JsonBody b = r.json();
        ShopRef shop = shopRef(b);
        String username = b.string("username", ShopEndpoints.MAX_NAME);
        String password = b.rawString("password", 1, MAX_LOGIN_PASSWORD);
        try {
            s.loginThrottle().check(shop.throttleKey(), username, r.client());
        } catch (KefuException locked) {
            s.authListener().staffLoginFailed(AuthListener.LoginFailure.LOCKED);
            throw locked;
        }
        return s.storeExecutor().submit(() -> shop.resolve(s.shops()).flatMap(id -> s.shops()
                        .findAgentByUsername(id, username)))
                .thenCompose(agent -> s.authExecutor().submit(() -> checkPassword(shop, username, r.client(), agent,
                        password)))
                .thenApply(agent -> {
                    Principal who = Principal.staff(agent.id(), agent.role(), agent.shopId(), agent.name());
                    log.info("Staff logged in shop={} agent={}", agent.shopId(), agent.id());
                    s.authListener().staffLoggedIn();
                    return ApiJson.object().put("token", s.jwt().issue(who, s.tokenTtl()))
                            .put("agentId", agent.id()).put("role", agent.role().wire()).put("name", agent.name())
                            .put("shopId", agent.shopId());
                });
    }

    /**
     * The shop a login names: {@code shopId}, or (an extension) {@code shopName}, an exact name that
     * only one shop has. The throttle is keyed by what was typed, as for an id, so a lock says nothing
     * about which names exist.
     */
    private record ShopRef(String id, String name) {
        Optional<String> resolve(ShopStore shops) {
            return id != null ? Optional.of(id) : shops.findShopByName(name).map(ShopRecord::id);
        }

        String throttleKey() {
            return id != null ? id : "name:" + name;
        }

        @Override
        public String toString() {
            return id != null ? id : "name:" + name;
        }
    }

    private static ShopRef shopRef(JsonBody b) {
        Optional<String> id = b.optionalString("shopId", ShopEndpoints.MAX_ID);
        Optional<String> name = b.optionalString("shopName", ShopEndpoints.MAX_NAME);
        if (id.isPresent() && name.isPresent()) {
            throw KefuException.badRequest("give field 'shopId' or field 'shopName', not both");
        }
        if (id.isEmpty() && name.isEmpty()) {
            throw KefuException.badRequest("field 'shopId' (or 'shopName') is required");
        }
        return new ShopRef(id.orElse(null), name.orElse(null));
    }

    CompletableFuture<ObjectNode> buyerToken(ApiRequest r, Principal who) {
        Access.requirePlatformAdmin(who, "mint buyer tokens");
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

    /** Runs on the {@code kefu-auth} executor: hashing is slow on purpose. */
    private AgentRecord checkPassword(ShopRef shop, String username, String client, Optional<AgentRecord> agent,
                                      String password) {
        if (!s.hasher().verify(password, agent.map(AgentRecord::passwordHash))) {
            s.loginThrottle().failed(shop.throttleKey(), username, client);
            s.authListener().staffLoginFailed(agent.isPresent() ? AuthListener.LoginFailure.BAD_PASSWORD
                    : AuthListener.LoginFailure.UNKNOWN_USER);
            log.info("Staff login refused shop={} client={}", shop, client);
            throw new KefuException(ErrorCode.UNAUTHORIZED, LOGIN_FAILED);
        }
        s.loginThrottle().succeeded(shop.throttleKey(), username, client);
        return agent.orElseThrow();
    }
}
