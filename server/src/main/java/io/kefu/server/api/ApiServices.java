package io.kefu.server.api;

import io.kefu.server.aftersales.AfterSales;
import io.kefu.server.aftersales.BuyerProfiles;
import io.kefu.server.base.KefuException;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.AddressFailures;
import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.Principal;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.LoginThrottle;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.auth.UnknownUserHashes;
import io.kefu.server.bot.FaqBot;
import io.kefu.server.routing.LiveView;
import io.kefu.server.routing.QueueView;
import io.kefu.server.stats.kpi.KpiReports;
import io.kefu.server.compliance.ComplianceRules;
import io.kefu.server.orders.OrderService;
import io.kefu.server.scripts.ScriptLibrary;
import io.kefu.server.store.BuyerStore;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import io.kefu.server.webhooks.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the API needs, wired once by {@code KefuServer}. The stores are only ever called inside
 * {@code storeExecutor} tasks and the hasher only inside {@code authExecutor} tasks (the {@code kefu-auth}
 * pool), because both block and the API runs on event loops. {@code shopChanged} hears the id of a shop
 * whose groups or staff changed, so routing can re-read them; it must not block. {@code authListener}
 * hears logins and minted tokens (statistics). {@code routing} answers questions about live routing state on
 * the shops' router lanes. {@code authFailures} counts failed admin-key and login attempts per address, and
 * {@code unknownUserHashes} bounds the hashes run at once for unknown usernames. {@code compliance} changes
 * rules and reads the audit log (store threads only,
 * like the stores). {@code scripts} is the quick-reply library, which makes its store calls on the store
 * executor it was built with (the same one, in the server). {@code bot} is the FAQ bot, likewise: its changes
 * run on the store executor it was built with. {@code orders} are the shops' order sources (contract §10); their
 * calls return at once.
 * {@code kpis} answers KPI reports from the rollups (contract §11). {@code aftersales} are the after-sale tickets and
 * {@code profiles} the figures of buyer profiles (contract §10); their calls return at once. {@code webhooks} manages
 * the shops' webhooks (contract §10, docs/webhooks.md); its calls run on the store executor.
 * {@code sessions} closes a staff member's WebSocket sessions when they are disabled or their tokens revoked;
 * {@code audit} records the admin audit trail (docs/staff.md) without blocking.
 */
public record ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations,
                          MessageStore messages, StoreExecutor storeExecutor, StoreExecutor authExecutor,
                          PasswordHasher hasher, JwtService jwt, BearerAuthenticator authenticator,
                          Duration tokenTtl, LoginThrottle loginThrottle, java.util.function.Consumer<String> shopChanged,
                          AuthListener authListener, RoutingQueries routing, ComplianceRules compliance,
                          ScriptLibrary scripts, AddressFailures authFailures, UnknownUserHashes unknownUserHashes,
                          FaqBot bot, OrderService orders, KpiReports kpis, AfterSales aftersales,
                          BuyerProfiles profiles, Webhooks webhooks, SessionCloser sessions,
                          AdminAudit audit, NodeAdmin nodes) {
    /** Every service but the cluster's nodes (one node: draining answers that there is no cluster). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations,
                       MessageStore messages, StoreExecutor storeExecutor, StoreExecutor authExecutor,
                       PasswordHasher hasher, JwtService jwt, BearerAuthenticator authenticator,
                       Duration tokenTtl, LoginThrottle loginThrottle, java.util.function.Consumer<String> shopChanged,
                       AuthListener authListener, RoutingQueries routing, ComplianceRules compliance,
                       ScriptLibrary scripts, AddressFailures authFailures, UnknownUserHashes unknownUserHashes,
                       FaqBot bot, OrderService orders, KpiReports kpis, AfterSales aftersales,
                       BuyerProfiles profiles, Webhooks webhooks, SessionCloser sessions,
                       AdminAudit audit) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, authListener, routing, compliance, scripts, authFailures, unknownUserHashes,
                bot, orders, kpis, aftersales, profiles, webhooks, sessions, audit, NodeAdmin.NONE);
    }

    /** The nodes of a cluster, for the platform admin. */
    public interface NodeAdmin {
        NodeAdmin NONE = nodeId -> CompletableFuture.failedFuture(KefuException.invalidState(
                "this server is a single node (KEFU_CLUSTER=none): there is no cluster node to drain"));

        /** Drains node {@code nodeId}: it gives its shops to the other nodes (docs/cluster.md). */
        CompletableFuture<Drained> drain(String nodeId);
    }

    /** A drain's answer: the node, and how many shops it gave ({@code null} when another node does it). */
    public record Drained(String node, Integer shops) {
    }

    /** Closes a user's WebSocket sessions on this node with a close code (disabled: 4403; tokens revoked: 4401). */
    public interface SessionCloser {
        SessionCloser NONE = (userId, code, reason) -> 0;

        /** Returns how many sessions were asked to close; never blocks. */
        int close(String userId, int code, String reason);
    }

    /** Live routing state the API reads from the shops' routers; answers on a router lane. */
    public interface RoutingQueries {
        /** Without routing (tests of the API alone): live questions fail, reads go by the store. */
        RoutingQueries NONE = new RoutingQueries() {
            @Override
            public CompletableFuture<QueueView> queue(String shopId) {
                return CompletableFuture.failedFuture(
                        new KefuException(io.kefu.protocol.ErrorCode.INTERNAL, "routing is not running"));
            }

            @Override
            public CompletableFuture<?> authorizeRead(String shopId, Principal who, String convId) {
                return CompletableFuture.failedFuture(KefuException.forbidden("conversation " + convId
                        + " is not assigned to you"));
            }
        };

        CompletableFuture<QueueView> queue(String shopId);

        /** The shop's live view (contract §11); without routing it fails {@code internal}. */
        default CompletableFuture<LiveView> live(String shopId) {
            return CompletableFuture.failedFuture(
                    new KefuException(io.kefu.protocol.ErrorCode.INTERNAL, "routing is not running"));
        }

        /**
         * Whether {@code who} may read an open conversation, by the router's current state: the store's copy
         * of who holds it is written behind the router, so a just-assigned agent may not be in it yet.
         */
        CompletableFuture<?> authorizeRead(String shopId, Principal who, String convId);

        /**
         * A staff member was disabled: the shop's router takes them offline and re-queues their chats. Without
         * routing there is nothing to re-queue.
         */
        default CompletableFuture<Void> agentDisabled(String shopId, io.kefu.server.store.AgentRecord record) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Everything but webhooks (their endpoints answer {@code internal}). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, AuthListener authListener,
                       RoutingQueries routing, ComplianceRules compliance, ScriptLibrary scripts,
                       AddressFailures authFailures, UnknownUserHashes unknownUserHashes, FaqBot bot,
                       OrderService orders, KpiReports kpis, AfterSales aftersales, BuyerProfiles profiles) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, authListener, routing, compliance, scripts, authFailures, unknownUserHashes,
                bot, orders, kpis, aftersales, profiles, Webhooks.unavailable(), SessionCloser.NONE,
                AdminAudit.discarding());
    }

    /** Everything but orders (their endpoints answer {@code internal}). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, AuthListener authListener,
                       RoutingQueries routing, ComplianceRules compliance, ScriptLibrary scripts,
                       AddressFailures authFailures, UnknownUserHashes unknownUserHashes, FaqBot bot) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, authListener, routing, compliance, scripts, authFailures, unknownUserHashes,
                bot, OrderService.unavailable(), KpiReports.unavailable(), AfterSales.unavailable(),
                BuyerProfiles.unavailable(), Webhooks.unavailable(),
                SessionCloser.NONE, AdminAudit.discarding());
    }

    /** Everything but the FAQ bot (its endpoints answer {@code internal}). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, AuthListener authListener,
                       RoutingQueries routing, ComplianceRules compliance, ScriptLibrary scripts,
                       AddressFailures authFailures, UnknownUserHashes unknownUserHashes) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, authListener, routing, compliance, scripts, authFailures, unknownUserHashes,
                FaqBot.unavailable(), OrderService.unavailable(),
                KpiReports.unavailable(), AfterSales.unavailable(),
                BuyerProfiles.unavailable(), Webhooks.unavailable(),
                SessionCloser.NONE, AdminAudit.discarding());
    }

    /** With the default limits on failed logins (tests of the API alone). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, AuthListener authListener,
                       RoutingQueries routing, ComplianceRules compliance, ScriptLibrary scripts, FaqBot bot) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, authListener, routing, compliance, scripts,
                new AddressFailures(Clock.systemUTC(), 20, 10), new UnknownUserHashes(2), bot,
                OrderService.unavailable(), KpiReports.unavailable(), AfterSales.unavailable(),
                BuyerProfiles.unavailable(), Webhooks.unavailable(),
                SessionCloser.NONE, AdminAudit.discarding());
    }

    /** Everything but routing's live state (its questions fail; reads go by the store). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, AuthListener authListener,
                       ComplianceRules compliance, ScriptLibrary scripts) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, authListener, RoutingQueries.NONE, compliance, scripts,
                new AddressFailures(Clock.systemUTC(), 20, 10), new UnknownUserHashes(2), FaqBot.unavailable(),
                OrderService.unavailable(), KpiReports.unavailable(), AfterSales.unavailable(),
                BuyerProfiles.unavailable(), Webhooks.unavailable(),
                SessionCloser.NONE, AdminAudit.discarding());
    }

    /** The same services without statistics or compliance rules (their endpoints answer {@code internal}). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, ScriptLibrary scripts) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, AuthListener.NOOP, ComplianceRules.unavailable(), scripts);
    }

    /** The same services without anyone listening for shop changes (tests of the API alone). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, ScriptLibrary scripts) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                new LoginThrottle(Clock.systemUTC()), shopId -> { }, scripts);
    }

    public ApiServices {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(shops, "shops");
        Objects.requireNonNull(buyers, "buyers");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(storeExecutor, "storeExecutor");
        Objects.requireNonNull(authExecutor, "authExecutor");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(loginThrottle, "loginThrottle");
        Objects.requireNonNull(shopChanged, "shopChanged");
        Objects.requireNonNull(authListener, "authListener");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(authFailures, "authFailures");
        Objects.requireNonNull(unknownUserHashes, "unknownUserHashes");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(kpis, "kpis");
        Objects.requireNonNull(aftersales, "aftersales");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(audit, "audit");
    }
}
