package io.kefu.server.pages;

import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.Principal;
import io.kefu.server.demo.DemoInfo;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code /demo} needs: the demo shop, once seeded, and buyer tokens for demo buyers. Only demo
 * buyers (ids {@code demo-...}) get tokens here, and only when the server runs the demo
 * ({@code KEFU_DEMO=true}, the default): a real deployment mints buyer tokens in its own back end with
 * {@code POST /api/v1/auth/buyer}. Thread-safe: the demo is published once from the start-up thread and
 * read on event loops.
 */
public final class DemoAccess {
    static final Duration TOKEN_TTL = Duration.ofDays(1);
    private static final Pattern DEMO_BUYER = Pattern.compile("demo-[A-Za-z0-9_-]{1,40}");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final JwtService jwt;
    private final SecureRandom random = new SecureRandom();
    private volatile DemoInfo demo;

    public DemoAccess(JwtService jwt) {
        this.jwt = jwt;
    }

    /** The demo shop is ready: {@code /demo} works from now on. */
    public void ready(DemoInfo demo) {
        this.demo = demo;
    }

    Optional<DemoInfo> demo() {
        return Optional.ofNullable(demo);
    }

    /** A demo buyer's id: {@code wanted} when it is a valid demo id, else a new random one. */
    String buyerId(String wanted) {
        if (wanted != null && DEMO_BUYER.matcher(wanted).matches()) {
            return wanted;
        }
        StringBuilder id = new StringBuilder("demo-");
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** A 24-hour buyer token for a demo buyer id (an HMAC: cheap enough for an event loop). */
    String buyerToken(String buyerId) {
        return jwt.issue(Principal.buyer(buyerId, "演示买家 " + buyerId), TOKEN_TTL);
    }
}
