package io.kefu.server.stats;

import io.kefu.server.api.AuthListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Staff logins by result and buyer tokens minted. Thread-safe; called on event loops and the store and
 * auth executors.
 */
public final class LoginMeters implements AuthListener {
    public static final String LOGINS = "kefu.auth.logins";
    public static final String BUYER_TOKENS = "kefu.auth.buyer.tokens";
    static final String OK = "ok";

    private final Counter ok;
    private final Map<LoginFailure, Counter> failed = new EnumMap<>(LoginFailure.class);
    private final Counter buyerTokens;

    public LoginMeters(MeterRegistry registry) {
        ok = login(registry, OK);
        for (LoginFailure f : LoginFailure.values()) {
            failed.put(f, login(registry, f.name().toLowerCase(Locale.ROOT)));
        }
        buyerTokens = Counter.builder(BUYER_TOKENS).description("Buyer tokens minted by the platform back end")
                .register(registry);
    }

    @Override
    public void staffLoggedIn() {
        ok.increment();
    }

    @Override
    public void staffLoginFailed(LoginFailure reason) {
        failed.get(reason).increment();
    }

    @Override
    public void buyerTokenMinted() {
        buyerTokens.increment();
    }

    private static Counter login(MeterRegistry registry, String result) {
        return Counter.builder(LOGINS).tag("result", result)
                .description("Staff password logins by result: ok, bad_password, unknown_user, locked"
                        + " (refused by the failed-login throttle)")
                .register(registry);
    }
}
