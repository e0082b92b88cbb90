package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.Database.Dialect;
import io.kefu.server.webhooks.Delivery;
import io.kefu.server.webhooks.Webhook;
import io.kefu.server.webhooks.WebhookEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The webhook tables' SQL (V10) on both databases: the per-shop limit, the delivery log's bound, the pending list. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcWebhookStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final IdGenerator ids = new IdGenerator(5);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private Webhook hook(String shopId, WebhookEvent... events) {
        return new Webhook(ids.next(), shopId, "https://shop.example/hook", EnumSet.of(events[0], events), "secret-0123456789", 1);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void webhooksAreKeptPerShopUpToTheLimitAndDeletedWithTheirDeliveries(Dialect d) {
        JdbcWebhookStore store = new JdbcWebhookStore(databases.get(d));
        JdbcShopStore shops = new JdbcShopStore(databases.get(d), ids);
        String shop = shops.createShop("Tea").id();
        String other = shops.createShop("Other").id();
        Webhook a = hook(shop, WebhookEvent.MESSAGE_CREATED, WebhookEvent.RATING_CREATED);
        Webhook b = hook(shop, WebhookEvent.CONVERSATION_OPENED);

        store.insert(a, 2);
        store.insert(b, 2);
        store.addDeliveries(List.of(Delivery.pending(ids.next(), a, WebhookEvent.MESSAGE_CREATED, "{}", 5)));

        assertThat(store.list(shop)).containsExactly(a, b);
        assertThat(store.list(other)).isEmpty();
        assertThat(store.find(other, a.id())).isEmpty();
        assertThatThrownBy(() -> store.insert(hook(shop, WebhookEvent.MESSAGE_CREATED), 2))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(store.delete(other, a.id())).isFalse();
        assertThat(store.delete(shop, a.id())).isTrue();
        assertThat(store.list(shop)).containsExactly(b);
        assertThat(store.recent(a.id(), 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theLogKeepsPendingDeliveriesAndTheNewestFinishedOnes(Dialect d) {
        JdbcWebhookStore store = new JdbcWebhookStore(databases.get(d));
        String shop = new JdbcShopStore(databases.get(d), ids).createShop("Log").id();
        Webhook w = hook(shop, WebhookEvent.MESSAGE_CREATED);
        store.insert(w, 10);
        List<Delivery> all = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            all.add(Delivery.pending(ids.next(), w, WebhookEvent.MESSAGE_CREATED, "{\"n\":" + i + "}", i));
        }
        store.addDeliveries(all);

        for (int i = 0; i < 6; i++) { // 6 finish, at times 100..105; the last 2 stay pending
            store.updateDelivery(all.get(i).attempted(100 + i, 200, null, Delivery.State.DELIVERED, 0), 3);
        }
        store.updateDelivery(all.get(6).attempted(50, 500, "HTTP 500", Delivery.State.PENDING, 900), 3);

        List<Delivery> log = store.recent(w.id(), 100);
        assertThat(log).extracting(Delivery::body).containsExactly("{\"n\":8}", "{\"n\":7}", "{\"n\":6}", "{\"n\":5}",
                "{\"n\":4}");
        assertThat(store.pendingCount(w.id())).isEqualTo(2);
        assertThat(store.pending(10)).extracting(Delivery::body).containsSubsequence("{\"n\":8}", "{\"n\":7}");
        Delivery retried = store.recent(w.id(), 100).get(1);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastStatus()).isEqualTo(500);
        assertThat(retried.lastError()).isEqualTo("HTTP 500");
        assertThat(retried.nextAt()).isEqualTo(900);
    }
}
