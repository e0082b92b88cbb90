package io.kefu.server.bot;

import io.kefu.server.ManualExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.BotStore;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcBotStore;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link FaqBot} over the real H2 store, with store tasks run when the test says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaqBotTest {
    private final Database db = TestDatabases.h2();
    private final IdGenerator ids = new IdGenerator(3);
    private final BotStore store = new JdbcBotStore(db, ids, Clock.systemUTC());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterAll
    void close() {
        db.close();
    }

    private String shopWithFaqs() {
        String shop = new JdbcShopStore(db, ids).createShop("Tea House").id();
        store.create(shop, Faq.draft("什么时候发货？", "48小时内发货。", List.of("发货")), 100);
        store.create(shop, Faq.draft("怎么申请退款？", "订单页申请退款。", List.of("退款")), 100);
        store.updateSettings(shop, s -> s.withEnabled(true));
        return shop;
    }

    @Test
    void untilItsBotIsLoadedAShopHasTheDefaultsThenItsOwn() {
        String shop = shopWithFaqs();
        ManualExecutor executor = ManualExecutor.held();
        FaqBot bot = new FaqBot(store, executor, new BotMeters(registry));

        CompletableFuture<Void> prepared = bot.prepare(shop);
        BotSettings before = bot.settings(shop);
        BotReply earlyReply = bot.reply(shop, "什么时候发货");
        BotReply earlyHandoff = bot.reply(shop, "转人工");
        boolean readyBefore = bot.ready(shop);
        int loads = executor.runAll();

        assertThat(before).isEqualTo(BotSettings.DEFAULT);
        assertThat(earlyReply).isEqualTo(BotReply.MISS);
        assertThat(earlyHandoff).isEqualTo(new BotReply.Handoff("转人工"));
        assertThat(readyBefore).isFalse();
        assertThat(loads).as("one load for every early call").isEqualTo(1);
        assertThat(prepared).isCompleted();
        assertThat(bot.ready(shop)).isTrue();
        assertThat(bot.settings(shop).enabled()).isTrue();
        assertThat(bot.reply(shop, "什么时候发货")).isInstanceOfSatisfying(BotReply.Answer.class,
                a -> assertThat(a.answer()).isEqualTo("48小时内发货。"));
    }

    @Test
    void everyChangeIsSeenByTheNextReply() {
        String shop = shopWithFaqs();
        FaqBot bot = new FaqBot(store, ManualExecutor.direct(), new BotMeters(registry));
        bot.prepare(shop).join();

        Faq added = bot.createFaq(shop, Faq.draft("  可以开发票吗？ ", "可以。", List.of("发票")), "sup").join();
        BotReply afterCreate = bot.reply(shop, "能开发票吗");
        bot.updateFaq(shop, added.id(), f -> new Faq(f.id(), f.question(), "可以，电子发票。", f.keywords()), "sup").join();
        BotReply afterEdit = bot.reply(shop, "能开发票吗");
        bot.updateSettings(shop, s -> s.withThreshold(1.0).withEnabled(false), "sup").join();
        BotReply afterSettings = bot.reply(shop, "能开发票吗");
        bot.deleteFaq(shop, added.id(), "sup").join();
        BotReply afterDelete = bot.reply(shop, "能开发票吗");

        assertThat(added.question()).as("checked before it is stored").isEqualTo("可以开发票吗？");
        assertThat(afterCreate).isInstanceOfSatisfying(BotReply.Answer.class,
                a -> assertThat(a.faqId()).isEqualTo(added.id()));
        assertThat(afterEdit).isInstanceOfSatisfying(BotReply.Answer.class,
                a -> assertThat(a.answer()).isEqualTo("可以，电子发票。"));
        assertThat(afterSettings).as("threshold 1").isInstanceOf(BotReply.Suggestions.class);
        assertThat(bot.settings(shop).enabled()).isFalse();
        assertThat(afterDelete).isEqualTo(BotReply.MISS);
        assertThat(bot.faq(shop, added.id())).isEmpty();
    }

    @Test
    void anotherShopsFaqIsNotFound() {
        String shop = shopWithFaqs();
        String other = shopWithFaqs();
        FaqBot bot = new FaqBot(store, ManualExecutor.direct(), new BotMeters(registry));
        String faqId = bot.faqs(shop).join().get(0).id();

        assertNotFound(bot.updateFaq(other, faqId, f -> f, "x"));
        assertNotFound(bot.deleteFaq(other, faqId, "x"));
        bot.prepare(other).join();
        assertThat(bot.faq(other, faqId)).isEmpty();
        assertThat(bot.faqs(shop).join()).extracting(Faq::id).contains(faqId);
    }

    @Test
    void anUnknownShopFailsToPrepareAndIsTriedAgainNextTime() {
        ManualExecutor executor = ManualExecutor.direct();
        FaqBot bot = new FaqBot(store, executor, new BotMeters(registry));

        assertNotFound(bot.prepare("no-such-shop"));
        assertNotFound(bot.prepare("no-such-shop"));
        assertThat(bot.ready("no-such-shop")).isFalse();
        assertThat(bot.settings("no-such-shop")).isEqualTo(BotSettings.DEFAULT);
    }

    @Test
    void repliesPicksAndHandoffsAreCounted() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        String shop = shopWithFaqs();
        FaqBot bot = new FaqBot(store, ManualExecutor.direct(), new BotMeters(own));
        bot.prepare(shop).join();
        String faqId = bot.faqs(shop).join().get(0).id();

        bot.reply(shop, "什么时候发货");
        bot.reply(shop, "什么时候发货呀");
        bot.reply(shop, "今天天气真好");
        bot.reply(shop, "转人工");
        bot.faq(shop, faqId);
        bot.meters().handoff("word");
        bot.meters().handoff(BotMeters.HandoffReason.MISSES);

        assertThat(own.get(BotMeters.REPLIES).tag("result", "answer").counter().count()).isEqualTo(2);
        assertThat(own.get(BotMeters.REPLIES).tag("result", "miss").counter().count()).isEqualTo(1);
        assertThat(own.get(BotMeters.REPLIES).tag("result", "handoff").counter().count()).isEqualTo(1);
        assertThat(own.get(BotMeters.REPLIES).tag("result", "suggestions").counter().count()).isZero();
        assertThat(own.get(BotMeters.PICKED).counter().count()).isEqualTo(1);
        assertThat(own.get(BotMeters.HANDOFFS).tag("reason", "word").counter().count()).isEqualTo(1);
        assertThat(own.get(BotMeters.HANDOFFS).tag("reason", "misses").counter().count()).isEqualTo(1);
        assertThat(own.get(BotMeters.HANDOFFS).tag("reason", "frame").counter().count()).isZero();
        assertThatThrownBy(() -> bot.meters().handoff("bored")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frame, word or misses");
    }

    @Test
    void aBadFaqIsRefusedBeforeTheStoreIsAsked() {
        ManualExecutor executor = ManualExecutor.held();
        FaqBot bot = new FaqBot(store, executor, new BotMeters(registry));

        assertThatThrownBy(() -> bot.createFaq("any", Faq.draft("", "a", List.of()), "x"))
                .hasMessageContaining("field 'question'");
        assertThat(executor.queueDepth()).isZero();
    }

    @Test
    void withoutTheBotEveryShopIsOffAndTheApiFails() {
        FaqBot bot = FaqBot.unavailable();

        assertThat(bot.prepare("s")).isCompleted();
        assertThat(bot.settings("s")).isEqualTo(BotSettings.DEFAULT);
        assertThat(bot.reply("s", "什么时候发货")).isEqualTo(BotReply.MISS);
        assertThatThrownBy(() -> bot.faqs("s").join()).hasCauseInstanceOf(KefuException.class)
                .hasMessageContaining("not wired");
    }

    @Test
    void theCacheKeepsAtMostItsShops() {
        FaqBot bot = new FaqBot(store, ManualExecutor.direct(), new BotMeters(registry), 2);
        for (int i = 0; i < 5; i++) {
            bot.prepare(shopWithFaqs()).join();
        }

        assertThat(bot.cachedShops()).isLessThanOrEqualTo(2);
    }

    private static void assertNotFound(CompletableFuture<?> f) {
        assertThatThrownBy(f::join).cause().isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
