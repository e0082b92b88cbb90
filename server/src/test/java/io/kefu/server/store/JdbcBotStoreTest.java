package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.bot.BotSettings;
import io.kefu.server.bot.Faq;
import io.kefu.server.store.Database.Dialect;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The V5 migration and {@link JdbcBotStore} on H2 and on embedded PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcBotStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    /** One generator per kind for the whole class: two generators of one node id can repeat an id. */
    private final IdGenerator faqIds = new IdGenerator(1);
    private final IdGenerator shopIds = new IdGenerator(2);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private BotStore store(Dialect d) {
        return new JdbcBotStore(databases.get(d), faqIds, clock);
    }

    private String shop(Dialect d) {
        return new JdbcShopStore(databases.get(d), shopIds).createShop("Tea House").id();
    }

    private static void assertCode(ErrorCode code, Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KefuException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNewShopHasTheDefaultSettingsAndNoFaqsUntilItChangesThem(Dialect d) {
        BotStore store = store(d);
        String shop = shop(d);

        assertThat(store.load(shop)).isEqualTo(new BotStore.ShopBot(BotSettings.DEFAULT, List.of()));

        BotSettings changed = store.updateSettings(shop, s -> s.withEnabled(true).withThreshold(0.42)
                .withHandoffWords(List.of("找人工", "Human")));
        clock.advance(java.time.Duration.ofSeconds(1));
        store.updateSettings(shop, s -> s.withThreshold(0.43));

        assertThat(changed.threshold()).isEqualTo(0.42);
        assertThat(store.settings(shop)).isEqualTo(changed.withThreshold(0.43));
        assertThat(store.load(shop).settings().handoffWords()).containsExactly("找人工", "Human");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void faqsAreStoredWithTheirKeywordsAndListedOldestFirst(Dialect d) {
        BotStore store = store(d);
        String shop = shop(d);

        Faq first = store.create(shop, Faq.draft("怎么申请退款？", "订单页\n点“退款”", List.of("退款", "refund money")), 100);
        clock.advance(java.time.Duration.ofSeconds(1));
        Faq second = store.create(shop, Faq.draft("发什么快递？", "顺丰", List.of()), 100);

        assertThat(first.id()).isNotBlank().isNotEqualTo(second.id());
        assertThat(store.faqs(shop)).containsExactly(first, second);
        assertThat(store.find(shop, first.id())).contains(first);
        assertThat(store.load(shop).faqs()).containsExactly(first, second);

        Faq edited = new Faq(first.id(), "退款怎么申请？", "在订单页申请", List.of());
        assertThat(store.update(shop, edited)).contains(edited);
        assertThat(store.find(shop, first.id())).contains(edited);
        assertThat(store.delete(shop, second.id())).isTrue();
        assertThat(store.delete(shop, second.id())).isFalse();
        assertThat(store.faqs(shop)).containsExactly(edited);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anotherShopsFaqIsNotFoundAndCannotBeChanged(Dialect d) {
        BotStore store = store(d);
        String shop = shop(d);
        String other = shop(d);
        Faq faq = store.create(shop, Faq.draft("q", "a", List.of()), 100);

        assertThat(store.find(other, faq.id())).isEmpty();
        assertThat(store.update(other, new Faq(faq.id(), "x", "y", List.of()))).isEmpty();
        assertThat(store.delete(other, faq.id())).isFalse();
        assertThat(store.faqs(other)).isEmpty();
        assertThat(store.find(shop, faq.id())).contains(faq);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFullShopAndAnUnknownShopAreRefused(Dialect d) {
        BotStore store = store(d);
        String shop = shop(d);
        store.create(shop, Faq.draft("q1", "a", List.of()), 2);
        store.create(shop, Faq.draft("q2", "a", List.of()), 2);

        assertCode(ErrorCode.INVALID_STATE, () -> store.create(shop, Faq.draft("q3", "a", List.of()), 2),
                "the most it may have (2)");
        assertCode(ErrorCode.NOT_FOUND, () -> store.load("no-such-shop"), "shop 'no-such-shop' not found");
        assertCode(ErrorCode.NOT_FOUND, () -> store.faqs("no-such-shop"), "not found");
        assertCode(ErrorCode.NOT_FOUND, () -> store.updateSettings("no-such-shop", s -> s), "not found");
        assertCode(ErrorCode.NOT_FOUND, () -> store.create("no-such-shop", Faq.draft("q", "a", List.of()), 2),
                "not found");
        assertThat(store.faqs(shop)).hasSize(2);
    }
}
