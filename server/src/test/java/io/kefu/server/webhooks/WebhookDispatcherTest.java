package io.kefu.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kefu.server.ManualTimers;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.JdbcWebhookStore;
import io.kefu.server.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dispatcher against a real receiver on loopback, with the clock and timers in the test's hands: signature,
 * retries with backoff, timeouts, giving up after an hour, the full queue, and pending deliveries across a restart.
 */
@Timeout(60)
class WebhookDispatcherTest {
    private static final String SECRET = "s3cret-s3cret-s3cret";
    private static final long TIMEOUT_MS = 30_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService http = Executors.newFixedThreadPool(2);
    private final Receiver receiver = new Receiver();
    private Database db;
    private JdbcWebhookStore store;
    private ManualTimers timers;
    private WebhookDispatcher dispatcher;
    private String shopId;
    private Webhook hook;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2();
        store = new JdbcWebhookStore(db);
        shopId = new JdbcShopStore(db, new IdGenerator(3)).createShop("Tea").id();
        hook = new Webhook("w-1", shopId, receiver.url(), EnumSet.of(WebhookEvent.MESSAGE_CREATED), SECRET, 1);
        store.insert(hook, 10);
        timers = new ManualTimers(clock);
        dispatcher = dispatcher(store, WebhookDispatcher.Settings.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        receiver.close();
        http.shutdownNow();
        db.close();
    }

    /** A single node's dispatcher: it takes up every pending delivery at start. */
    private WebhookDispatcher dispatcher(WebhookStore s, WebhookDispatcher.Settings settings) {
        WebhookDispatcher d = clusterNode(s, settings);
        d.takeUp();
        return d;
    }

    /** A cluster node's dispatcher: it takes up the pending deliveries of the shops it comes to own. */
    private WebhookDispatcher clusterNode(WebhookStore s, WebhookDispatcher.Settings settings) {
        // The longest wait every time, so the test knows how far to move the clock.
        return new WebhookDispatcher(s, http, timers, clock, new IdGenerator(4), settings.withTimeoutMs(TIMEOUT_MS)
                .withRetries(RetrySchedule.DEFAULT.withJitter(bound -> bound)), registry);
    }

    private void publish(int n) {
        dispatcher.publish(shopId, WebhookEvent.MESSAGE_CREATED, () -> JsonNodeFactory.instance.objectNode().put("n", n));
    }

    private Delivery only() {
        List<Delivery> log = store.recent(hook.id(), 10);
        assertThat(log).hasSize(1);
        return log.get(0);
    }

    /** Waits until the delivery's n-th attempt is recorded (and its retry scheduled). */
    private Delivery awaitAttempts(int n) {
        await().until(() -> store.recent(hook.id(), 1).stream().anyMatch(d -> d.attempts() == n));
        return only();
    }

    private double count(String name, String tag, String value) {
        return Optional.ofNullable(registry.find(name).tag(tag, value).counter()).map(c -> c.count()).orElse(0.0);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aDeliveryIsSignedWithTheSecretAndCarriesItsIdEventShopAndTime() throws Exception {
        publish(1);

        await().until(() -> receiver.calls().size() == 1);
        Receiver.Call call = receiver.calls().get(0);
        assertThat(call.signature()).isEqualTo(hmac(SECRET, call.body()));
        assertThat(call.signature()).isNotEqualTo(hmac("another-secret-entirely", call.body()));
        assertThat(call.json().get("id").asText()).isEqualTo(call.deliveryId());
        assertThat(call.json().get("event").asText()).isEqualTo("message.created").isEqualTo(call.event());
        assertThat(call.json().get("shopId").asText()).isEqualTo(shopId);
        assertThat(call.json().get("ts").asLong()).isEqualTo(clock.millis());
        assertThat(call.json().get("data").get("n").asInt()).isEqualTo(1);
        Delivery d = awaitAttempts(1);
        assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED);
        assertThat(d.lastStatus()).isEqualTo(200);
        await().until(() -> count("kefu.webhooks.deliveries", "outcome", "delivered") == 1.0);
    }

    @Test
    void aReceiverThatFailsThenRecoversGetsTheSameDeliveryAfterBackoff() {
        receiver.answer(500);
        publish(1);

        awaitAttempts(1);
        clock.advance(Duration.ofMillis(999));
        timers.advance(Duration.ZERO);
        assertThat(receiver.calls()).hasSize(1); // not before the first second
        timers.advance(Duration.ofMillis(1));
        assertThat(awaitAttempts(2).nextAt()).isEqualTo(clock.millis() + 2_000);
        timers.advance(Duration.ofSeconds(2));
        awaitAttempts(3);
        receiver.answer(204);
        timers.advance(Duration.ofSeconds(4));

        Delivery d = awaitAttempts(4);
        assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED);
        assertThat(receiver.calls()).hasSize(4).extracting(Receiver.Call::text).containsOnly(receiver.calls().get(0).text());
        assertThat(receiver.calls()).extracting(Receiver.Call::deliveryId).containsOnly(d.id());
        assertThat(count("kefu.webhooks.attempts", "outcome", "http_error")).isEqualTo(3.0);
        await().until(() -> count("kefu.webhooks.attempts", "outcome", "ok") == 1.0);
        assertThat(dispatcher.backlog()).isZero();
    }

    @Test
    void aReceiverThatHangsIsTimedOutOnTheClockAndTriedAgain() {
        receiver.hang();
        publish(1);
        await().until(() -> receiver.calls().size() == 1);

        timers.advance(Duration.ofMillis(TIMEOUT_MS));
        Delivery first = awaitAttempts(1);
        assertThat(first.state()).isEqualTo(Delivery.State.PENDING);
        assertThat(first.lastError()).contains("no answer within " + TIMEOUT_MS + " ms");
        assertThat(count("kefu.webhooks.attempts", "outcome", "timeout")).isEqualTo(1.0);
        receiver.answer(200);
        timers.advance(Duration.ofSeconds(1));

        assertThat(awaitAttempts(2).state()).isEqualTo(Delivery.State.DELIVERED);
    }

    @Test
    void aDeliveryIsTriedForAnHourThenGivenUp() {
        receiver.answer(503);
        publish(1);
        long created = clock.millis();

        Delivery d = awaitAttempts(1);
        for (int attempt = 2; d.state() == Delivery.State.PENDING && attempt < 40; attempt++) {
            timers.advance(Duration.ofMillis(d.nextAt() - clock.millis()));
            d = awaitAttempts(attempt);
        }

        assertThat(d.state()).isEqualTo(Delivery.State.FAILED);
        assertThat(d.lastAttemptAt() - created).isGreaterThanOrEqualTo(Duration.ofHours(1).toMillis());
        assertThat(d.lastStatus()).isEqualTo(503);
        assertThat(d.attempts()).isEqualTo(receiver.calls().size()).isBetween(15, 20);
        assertThat(count("kefu.webhooks.deliveries", "outcome", "gave_up")).isEqualTo(1.0);
        assertThat(dispatcher.backlog()).isZero();
    }

    @Test
    void aFullQueueDropsItsOldestEventCountsItAndNeverBlocksThePublisher() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.close();
        dispatcher = dispatcher(new GatedStore(store, busy, release), WebhookDispatcher.Settings.DEFAULT.withQueueCapacity(2));

        publish(1); // the worker takes it and waits in the store
        busy.await();
        for (int n = 2; n <= 5; n++) {
            publish(n);
        }
        assertThat(dispatcher.queued()).isEqualTo(2);
        assertThat(count("kefu.webhooks.dropped", "reason", "queue_full")).isEqualTo(2.0);
        release.countDown();

        await().until(() -> receiver.calls().size() == 3);
        assertThat(receiver.calls()).extracting(c -> c.json().get("data").get("n").asInt())
                .containsExactlyInAnyOrder(1, 4, 5);
    }

    @Test
    void pendingDeliveriesAreTriedAgainAfterARestart() {
        receiver.answer(500);
        publish(1);
        Delivery before = awaitAttempts(1);
        dispatcher.close();
        timers.close();

        timers = new ManualTimers(clock);
        receiver.answer(200);
        dispatcher = dispatcher(new JdbcWebhookStore(db), WebhookDispatcher.Settings.DEFAULT);
        await().until(() -> dispatcher.backlog() == 1);
        timers.advance(Duration.ofSeconds(1));

        Delivery after = awaitAttempts(2);
        assertThat(after.state()).isEqualTo(Delivery.State.DELIVERED);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(receiver.calls()).extracting(Receiver.Call::deliveryId).containsExactly(before.id(), before.id());
    }

    @Test
    void aShopThatMovesToAnotherNodeIsRetriedThereAndNoLongerHere() {
        String otherShop = new JdbcShopStore(db, new IdGenerator(5)).createShop("Silk").id();
        store.insert(new Webhook("w-2", otherShop, receiver.url(), EnumSet.of(WebhookEvent.MESSAGE_CREATED), SECRET, 1),
                10);
        receiver.answer(500);
        publish(1);
        dispatcher.publish(otherShop, WebhookEvent.MESSAGE_CREATED, () -> JsonNodeFactory.instance.objectNode());
        await().until(() -> receiver.calls().size() == 2 && store.pending(10).stream().allMatch(d -> d.attempts() == 1));
        WebhookDispatcher newOwner = clusterNode(new JdbcWebhookStore(db), WebhookDispatcher.Settings.DEFAULT);
        try {
            assertThat(newOwner.backlog()).isZero(); // a cluster node takes up nothing of its own accord

            dispatcher.letGo(shopId);
            newOwner.takeUp(shopId);
            await().until(() -> newOwner.backlog() == 1 && dispatcher.backlog() == 1); // each node: its own shop's
            receiver.answer(200);
            timers.advance(Duration.ofSeconds(1));

            await().until(() -> store.recent(hook.id(), 1).get(0).state() == Delivery.State.DELIVERED);
            await().until(() -> receiver.calls().size() == 4 && newOwner.backlog() == 0 && dispatcher.backlog() == 0);
            Delivery moved = only();
            assertThat(moved.attempts()).isEqualTo(2); // once before the move, once by the new owner, never twice
            String kept = store.recent("w-2", 1).get(0).id();
            assertThat(receiver.calls()).extracting(Receiver.Call::deliveryId)
                    .containsExactlyInAnyOrder(moved.id(), moved.id(), kept, kept);
        } finally {
            newOwner.close();
        }
    }

    @Test
    void aShopWithoutAWebhookForTheEventQueuesNothingOnceItsWebhooksAreKnown() {
        publish(1);
        await().until(() -> receiver.calls().size() == 1);

        for (int i = 0; i < 100; i++) {
            dispatcher.publish(shopId, WebhookEvent.RATING_CREATED, () -> {
                throw new AssertionError("data is never made for an event no webhook wants");
            });
        }

        assertThat(dispatcher.queued()).isZero();
    }

    /** A store whose first read of a shop's webhooks waits for the test. */
    private static final class GatedStore implements WebhookStore {
        private final WebhookStore inner;
        private final CountDownLatch busy;
        private final CountDownLatch release;

        GatedStore(WebhookStore inner, CountDownLatch busy, CountDownLatch release) {
            this.inner = inner;
            this.busy = busy;
            this.release = release;
        }

        @Override
        public List<Webhook> list(String shopId) {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.list(shopId);
        }

        @Override
        public Optional<Webhook> find(String shopId, String webhookId) {
            return inner.find(shopId, webhookId);
        }

        @Override
        public void insert(Webhook webhook, int maxPerShop) {
            inner.insert(webhook, maxPerShop);
        }

        @Override
        public boolean delete(String shopId, String webhookId) {
            return inner.delete(shopId, webhookId);
        }

        @Override
        public void addDeliveries(List<Delivery> deliveries) {
            inner.addDeliveries(deliveries);
        }

        @Override
        public void updateDelivery(Delivery delivery, int keepLog) {
            inner.updateDelivery(delivery, keepLog);
        }

        @Override
        public List<Delivery> pending(int limit) {
            return inner.pending(limit);
        }

        @Override
        public List<Delivery> pendingOf(String shopId, int limit) {
            return inner.pendingOf(shopId, limit);
        }

        @Override
        public List<Delivery> recent(String webhookId, int limit) {
            return inner.recent(webhookId, limit);
        }

        @Override
        public int pendingCount(String webhookId) {
            return inner.pendingCount(webhookId);
        }
    }
}
