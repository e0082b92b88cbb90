package io.kefu.server.orders;

import static io.kefu.server.orders.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.base.KefuException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP source against a real HTTP server (the JDK's) playing a shop's order system: signed requests, a back end
 * that is slow (the call gives up at the shop's timeout with a clear error), one that fails (the breaker opens and
 * calls stop reaching it), one that recovers (a trial call closes the breaker), and the brief cache.
 */
@Timeout(60)
class HttpOrderSourceTest {
    private static final String SECRET = "shop-secret-0123456789";
    private static final String SHOP = "600000000000000001";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final FakeShopBackend backend;
    private volatile OrderSourceConfig config;
    private final HttpOrderSource source;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    HttpOrderSourceTest() throws Exception {
        backend = new FakeShopBackend(SECRET);
        config = new OrderSourceConfig(OrderSourceConfig.Kind.HTTP, backend.url(), SECRET, 5_000);
        source = new HttpOrderSource(shop -> CompletableFuture.completedFuture(config), threads, clock,
                HttpOrderSource.Settings.DEFAULT, registry);
        backend.put(order("SO-1", "u-1", OrderStatus.SHIPPED, 1_000));
    }

    @AfterEach
    void close() {
        backend.close();
        threads.shutdownNow();
    }

    private static KefuException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
        assertThat(t).as("the call should have failed").isNotNull();
        assertThat(KefuException.unwrap(t)).isInstanceOf(KefuException.class);
        return (KefuException) KefuException.unwrap(t);
    }

    private Order find(String orderNo) throws Exception {
        return source.find(SHOP, orderNo).get(20, TimeUnit.SECONDS).orElseThrow();
    }

    @Test
    void requestsAreSignedAndNameTheShopAndAnswersAreCachedBriefly() throws Exception {
        Order first = find("SO-1");
        Order again = find("SO-1");
        int afterTwo = backend.requests();
        clock.advance(Duration.ofMillis(HttpOrderSource.Settings.DEFAULT.cacheTtlMs() + 1));
        find("SO-1");

        assertThat(first.logistics().trackingNo()).isEqualTo("SFSO-1");
        assertThat(again).isEqualTo(first);
        assertThat(afterTwo).as("the second look-up came from the cache").isEqualTo(1);
        assertThat(backend.requests()).isEqualTo(2);
        assertThat(backend.badSignatures()).isZero();
        assertThat(backend.lastShopHeader).isEqualTo(SHOP);
    }

    @Test
    void aWrongSecretIsRefusedByTheBackEndAndSaysToCheckTheSettings() {
        config = new OrderSourceConfig(OrderSourceConfig.Kind.HTTP, backend.url(), "another-secret-000000", 5_000);

        KefuException refused = failure(source.find(SHOP, "SO-1"));

        assertThat(backend.badSignatures()).isEqualTo(1);
        assertThat(refused.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(refused.getMessage()).contains("HTTP 401").contains("URL and secret");
    }

    @Test
    void aSlowBackEndTimesOutWithAClearError() {
        config = new OrderSourceConfig(OrderSourceConfig.Kind.HTTP, backend.url(), SECRET, 300);
        backend.mode(FakeShopBackend.Mode.SLOW);

        KefuException slow = failure(source.find(SHOP, "SO-1"));

        assertThat(slow.code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(slow.getMessage()).isEqualTo("the order system of shop " + SHOP
                + " did not answer within 300 ms; try again");
    }

    @Test
    void aFailingBackEndOpensTheBreakerAndARecoveredOneClosesItAgain() throws Exception {
        backend.mode(FakeShopBackend.Mode.FAILING);
        int failuresToOpen = HttpOrderSource.Settings.DEFAULT.failuresToOpen();
        for (int i = 0; i < failuresToOpen; i++) {
            KefuException failed = failure(source.find(SHOP, "SO-" + (100 + i)));
            assertThat(failed.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(failed.getMessage()).contains("failed (HTTP 500)");
        }
        assertThat(source.breakerState(SHOP)).isEqualTo(CircuitBreaker.State.OPEN);

        KefuException open = failure(source.find(SHOP, "SO-1"));
        assertThat(open.code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(open.getMessage()).contains("is failing").contains("try again in 30 s");
        assertThat(backend.requests()).as("an open breaker does not call").isEqualTo(failuresToOpen);

        // Still failing when the breaker lets a trial through: it opens again.
        clock.advance(Duration.ofMillis(HttpOrderSource.Settings.DEFAULT.openMs()));
        failure(source.find(SHOP, "SO-1"));
        assertThat(source.breakerState(SHOP)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(backend.requests()).isEqualTo(failuresToOpen + 1);

        backend.mode(FakeShopBackend.Mode.NORMAL);
        clock.advance(Duration.ofMillis(HttpOrderSource.Settings.DEFAULT.openMs()));
        assertThat(find("SO-1").orderNo()).isEqualTo("SO-1");
        assertThat(source.breakerState(SHOP)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void callsAreCountedByOutcomeWithTheirLatencyAndTheOpenBreakers() throws Exception {
        find("SO-1");
        backend.mode(FakeShopBackend.Mode.FAILING);
        int failuresToOpen = HttpOrderSource.Settings.DEFAULT.failuresToOpen();
        for (int i = 0; i < failuresToOpen; i++) {
            failure(source.find(SHOP, "SO-" + (200 + i)));
        }
        failure(source.find(SHOP, "SO-999"));

        assertThat(calls("ok")).isEqualTo(1);
        assertThat(calls("http_error")).isEqualTo(failuresToOpen);
        assertThat(calls("breaker_open")).as("refused without a call").isEqualTo(1);
        assertThat(registry.get(OrderSourceMeters.LATENCY).timer().count()).isEqualTo(1 + failuresToOpen);
        assertThat(registry.get(OrderSourceMeters.BREAKERS_OPEN).gauge().value()).isEqualTo(1);
    }

    private double calls(String outcome) {
        return registry.get(OrderSourceMeters.CALLS).tag("outcome", outcome).counter().count();
    }

    @Test
    void timeoutsCountAsFailuresAndTheOpenBreakerAnswersAtOnce() {
        config = new OrderSourceConfig(OrderSourceConfig.Kind.HTTP, backend.url(), SECRET, 300);
        backend.mode(FakeShopBackend.Mode.SLOW);
        for (int i = 0; i < HttpOrderSource.Settings.DEFAULT.failuresToOpen(); i++) {
            failure(source.find(SHOP, "SO-" + i));
        }

        CompletableFuture<?> refused = source.find(SHOP, "SO-1");

        assertThat(refused).as("refused without a call").isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() == 5);
    }

    @Test
    void anAnswerThatIsNotAnOrderIsAClearErrorNamingTheField() throws Exception {
        Order bad = new Order("SO-9", "u-1", OrderStatus.PAID, java.util.List.of(), 0,
                order("SO-9", "u-1", OrderStatus.PAID, 1).address(), null, 1);
        backend.put(bad); // no items: not a valid order

        KefuException unreadable = failure(source.find(SHOP, "SO-9"));

        assertThat(unreadable.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(unreadable.getMessage()).contains("cannot read").contains("'items'");
    }

    @Test
    void anOrderNumberThatIsNoPathSegmentNeverReachesTheBackEnd() throws Exception {
        assertThat(source.find(SHOP, "../admin").get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(failure(source.cancel(SHOP, "a/b", "x", "agent-1")).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(backend.requests()).isZero();
    }

    @Test
    void aChangeRefusedByTheBackEndIsInvalidStateWithItsReason() {
        KefuException refused = failure(source.cancel(SHOP, "SO-1", "不要了", "agent-1"));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(refused.getMessage()).contains("SO-1 is shipped");
        assertThat(backend.lastBody.path("reason").asText()).isEqualTo("不要了");
        assertThat(backend.lastBody.path("by").asText()).isEqualTo("agent-1");
    }
}
