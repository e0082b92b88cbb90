package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void the_fifth_failure_locks_for_30_s_and_each_further_one_doubles_the_lock() {
        fail(LoginThrottle.FREE_FAILURES - 1);
        assertThatCode(() -> throttle.check("s1", "li", "10.0.0.1")).doesNotThrowAnyException();

        fail(1);
        assertLockedFor(30);
        clock.advance(Duration.ofSeconds(29));
        assertLockedFor(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("s1", "li", "10.0.0.1")).doesNotThrowAnyException();

        fail(1);
        assertLockedFor(60);
        clock.advance(Duration.ofSeconds(60));
        fail(1);
        assertLockedFor(120);
    }

    @Test
    void the_lock_stops_at_15_minutes() {
        fail(40);
        assertLockedFor(LoginThrottle.MAX_LOCK.toSeconds());
    }

    @Test
    void another_address_or_account_is_not_locked_but_the_username_case_is_ignored() {
        fail(LoginThrottle.FREE_FAILURES);

        assertThatCode(() -> throttle.check("s1", "li", "10.0.0.2")).doesNotThrowAnyException();
        assertThatCode(() -> throttle.check("s1", "wang", "10.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> throttle.check("s2", "li", "10.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> throttle.check("s1", "LI", "10.0.0.1")).isInstanceOf(KefuException.class);
    }

    @Test
    void a_success_or_an_hour_without_failures_starts_the_count_again() {
        fail(LoginThrottle.FREE_FAILURES - 1);
        throttle.succeeded("s1", "li", "10.0.0.1");
        fail(LoginThrottle.FREE_FAILURES - 1);
        assertThatCode(() -> throttle.check("s1", "li", "10.0.0.1")).doesNotThrowAnyException();

        clock.advance(Duration.ofHours(1));
        fail(LoginThrottle.FREE_FAILURES - 1);
        assertThatCode(() -> throttle.check("s1", "li", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void guessesFromManyAddressesLockTheAccountForEveryone() {
        LoginThrottle wide = new LoginThrottle(clock, 8);
        for (int address = 1; address <= 8; address++) {
            wide.failed("s1", "li", "10.0.0." + address); // one guess each: no address is locked by itself
        }

        assertThatThrownBy(() -> wide.check("s1", "li", "10.0.0.99"))
                .isInstanceOfSatisfying(io.kefu.server.base.RetryLaterException.class, e -> {
                    assertThat(e.retryAfterSec()).isEqualTo(LoginThrottle.FIRST_LOCK.toSeconds());
                    assertThat(e).hasMessageContaining("KEFU_LOGIN_ACCOUNT_FAILURES=8");
                });
        assertThatCode(() -> wide.check("s1", "zhang", "10.0.0.99")).doesNotThrowAnyException();
        clock.advance(LoginThrottle.FIRST_LOCK);
        assertThatCode(() -> wide.check("s1", "li", "10.0.0.99")).doesNotThrowAnyException();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed("s1", "li", "10.0.0.1");
        }
    }

    private void assertLockedFor(long seconds) {
        assertThatThrownBy(() -> throttle.check("s1", "li", "10.0.0.1"))
                .isInstanceOfSatisfying(KefuException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e).hasMessageEndingWith("try again in " + seconds + " s");
                });
    }
}
