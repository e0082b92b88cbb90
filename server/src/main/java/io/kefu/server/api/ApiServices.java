package io.kefu.server.api;

import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.LoginThrottle;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.scripts.ScriptLibrary;
import io.kefu.server.store.BuyerStore;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the API needs, wired once by {@code KefuServer}. The stores are only ever called inside
 * {@code storeExecutor} tasks and the hasher only inside {@code authExecutor} tasks (the {@code kefu-auth}
 * pool), because both block and the API runs on event loops. {@code shopChanged} hears the id of a shop
 * whose groups or staff changed, so routing can re-read them; it must not block. {@code authListener}
 * hears logins and minted tokens (statistics). {@code scripts} is the quick-reply library, which makes its
 * store calls on the store executor it was built with (the same one, in the server).
 */
public record ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations,
                          MessageStore messages, StoreExecutor storeExecutor, StoreExecutor authExecutor,
                          PasswordHasher hasher, JwtService jwt, BearerAuthenticator authenticator,
                          Duration tokenTtl, LoginThrottle loginThrottle, java.util.function.Consumer<String> shopChanged,
                          AuthListener authListener, ScriptLibrary scripts) {
    /** The same services without statistics. */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, LoginThrottle loginThrottle,
                       java.util.function.Consumer<String> shopChanged, ScriptLibrary scripts) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                loginThrottle, shopChanged, AuthListener.NOOP, scripts);
    }

    /** The same services without anyone listening for shop changes (tests of the API alone). */
    public ApiServices(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                       StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher, JwtService jwt,
                       BearerAuthenticator authenticator, Duration tokenTtl, ScriptLibrary scripts) {
        this(shops, buyers, conversations, messages, storeExecutor, authExecutor, hasher, jwt, authenticator, tokenTtl,
                new LoginThrottle(Clock.systemUTC()), shopId -> { }, scripts);
    }

    public ApiServices {
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
        Objects.requireNonNull(scripts, "scripts");
    }
}
