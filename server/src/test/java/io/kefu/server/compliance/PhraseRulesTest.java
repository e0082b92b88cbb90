package io.kefu.server.compliance;

import io.kefu.server.ManualExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Phrase and contact rules of the platform and of shops: matching, actions, senders, loading, rebuilds, walls. */
class PhraseRulesTest {
    private final InMemoryComplianceStore store = new InMemoryComplianceStore();
    private final AuditWriter audit = new AuditWriter(store, AuditWriter.Settings.DEFAULT);
    private final ManualExecutor executor = ManualExecutor.direct();
    private final ComplianceFilter filter = new ComplianceFilter(store, executor, audit, new IdGenerator(1),
            Clock.systemUTC());
    private final ComplianceRules rules = new ComplianceRules(store, filter, new IdGenerator(2), Clock.systemUTC());

    @AfterEach
    void close() {
        audit.close();
    }

    private static RuleDraft phrase(String pattern, List<String> variants, String action, List<String> appliesTo) {
        return RuleDraft.parse("rule " + pattern, "phrase", pattern, Optional.of(variants), Optional.of(action),
                Optional.of(appliesTo));
    }

    private static RuleDraft phrase(String pattern, String... variants) {
        return phrase(pattern, List.of(variants), "block", List.of("agent", "bot"));
    }

    @Test
    void aPhraseAndItsVariantsMatchThroughSpacingWidthAndCase() {
        Rule rule = rules.addShopRule("shop-a", phrase("私下交易", "si下交易", "私xia交易"));
        Rule abuse = rules.addShopRule("shop-a", phrase("SB"));

        assertThat(filter.check("shop-a", "agent", "我们可以私 下 交 易吗")).isEqualTo(
                new Verdict.Block(rule, 4, 11));
        assertThat(filter.check("shop-a", "agent", "可以 SI下交易").blocked()).isTrue();
        assertThat(filter.check("shop-a", "agent", "私Xia交易").blocked()).isTrue();
        assertThat(filter.check("shop-a", "agent", "你个ＳＢ")).isEqualTo(new Verdict.Block(abuse, 2, 4));
        assertThat(filter.check("shop-a", "agent", "你个s😡b").blocked()).isTrue();
        assertThat(filter.check("shop-a", "agent", "这根 USB 数据线 1 米").passed()).as("not inside a word").isTrue();
        assertThat(filter.check("shop-a", "agent", "私下说一句，交易已完成").passed()).isTrue();
    }

    @Test
    void aWarnRuleWarnsAndABlockRuleAnywhereInTheTextWins() {
        Rule warn = rules.addShopRule("shop-a", phrase("差评", List.of(), "warn", List.of("agent")));
        Rule block = rules.addShopRule("shop-a", phrase("滚", List.of(), "block", List.of("agent")));

        assertThat(filter.check("shop-a", "agent", "别给差评呀")).isEqualTo(new Verdict.Warn(warn, 2, 4));
        assertThat(filter.check("shop-a", "agent", "差评就差评，滚")).isEqualTo(new Verdict.Block(block, 6, 7));
    }

    @Test
    void aRuleAppliesOnlyToTheSendersItNames() {
        rules.addShopRule("shop-a", phrase("退钱", List.of(), "warn", List.of("buyer")));

        assertThat(filter.check("shop-a", "buyer", "快退钱").passed()).isFalse();
        assertThat(filter.check("shop-a", "agent", "马上给您退钱").passed()).isTrue();
        assertThat(filter.check("shop-a", "bot", "马上给您退钱").passed()).isTrue();
    }

    @Test
    void aShopsRulesNeverAffectAnotherShop() {
        rules.addShopRule("shop-a", phrase("内部价"));

        assertThat(filter.check("shop-a", "agent", "给您内部价").blocked()).isTrue();
        assertThat(filter.check("shop-b", "agent", "给您内部价").passed()).isTrue();
    }

    @Test
    void aPlatformRuleAppliesToEveryShop() {
        Rule rule = rules.addPlatformRule(phrase("刷单"));

        assertThat(filter.check("shop-a", "agent", "要不要刷单")).isEqualTo(new Verdict.Block(rule, 3, 5));
        assertThat(filter.check("shop-b", "bot", "刷 单返现").blocked()).isTrue();
        assertThat(rules.platformRules()).extracting(Rule::id).startsWith("builtin-wechat").contains(rule.id());
    }

    @Test
    void aShopContactRuleCanWarnAboutBuyersPhoneNumbers() {
        Rule rule = rules.addShopRule("shop-a", new RuleDraft("buyer phones", RuleType.CONTACT, "phone", List.of(),
                RuleAction.WARN, java.util.Set.of(Sender.BUYER)));

        assertThat(filter.check("shop-a", "buyer", "我电话 13812345678")).isEqualTo(new Verdict.Warn(rule, 4, 15));
        assertThat(filter.check("shop-b", "buyer", "我电话 13812345678").passed()).isTrue();
        assertThat(filter.check("shop-a", "agent", "电话 13812345678").blocked()).as("built-in still blocks").isTrue();
    }

    @Test
    void theNextCheckAfterAChangeSeesIt() {
        assertThat(filter.check("shop-a", "agent", "这是假货").passed()).isTrue();

        Rule rule = rules.addShopRule("shop-a", phrase("假货"));
        Verdict afterAdd = filter.check("shop-a", "agent", "这是假货");
        rules.deleteShopRule("shop-a", rule.id());
        Verdict afterDelete = filter.check("shop-a", "agent", "这是假货");

        assertThat(afterAdd.blocked()).isTrue();
        assertThat(afterDelete.passed()).isTrue();
    }

    @Test
    void untilAShopsRulesAreLoadedOnlyThePlatformsApplyAndPrepareTellsWhenTheyAre() {
        ManualExecutor held = ManualExecutor.held();
        ComplianceFilter lazy = new ComplianceFilter(store, held, audit, new IdGenerator(3), Clock.systemUTC());
        new ComplianceRules(store, filter, new IdGenerator(4), Clock.systemUTC()).addShopRule("shop-a", phrase("假货"));

        Verdict first = lazy.check("shop-a", "agent", "这是假货");
        Verdict builtIn = lazy.check("shop-a", "agent", "电话 13812345678");
        CompletableFuture<Void> ready = lazy.prepare("shop-a");
        boolean readyBefore = ready.isDone();
        held.runAll();

        assertThat(first.passed()).isTrue();
        assertThat(builtIn.blocked()).isTrue();
        assertThat(readyBefore).isFalse();
        assertThat(ready).isCompleted();
        assertThat(lazy.ready("shop-a")).isTrue();
        assertThat(lazy.check("shop-a", "agent", "这是假货").blocked()).isTrue();
    }

    @Test
    void aShopsRulesAreReadOnceNotOnEveryCheck() {
        filter.check("shop-a", "agent", "你好");
        int reads = store.reads();

        for (int i = 0; i < 100; i++) {
            filter.check("shop-a", "agent", "你好 " + i);
        }

        assertThat(store.reads()).isEqualTo(reads);
    }

    @Test
    void tenThousandPhraseRulesAllMatch() {
        for (int i = 0; i < 10_000; i++) {
            store.insertRule(new Rule("r" + i, "shop-big", "r" + i, RuleType.PHRASE, "禁词" + i + "号", List.of(),
                    RuleAction.BLOCK, java.util.Set.of(Sender.AGENT), false, i).toRecord());
        }
        filter.prepare("shop-big").join();

        assertThat(filter.check("shop-big", "agent", "这里有禁词9999号")).isInstanceOfSatisfying(Verdict.Block.class,
                b -> assertThat(b.rule().id()).isEqualTo("r9999"));
        assertThat(filter.check("shop-big", "agent", "这里有禁词 4321 号")).isInstanceOfSatisfying(Verdict.Block.class,
                b -> assertThat(b.rule().id()).isEqualTo("r4321"));
        assertThat(filter.check("shop-big", "agent", "这里有禁词99999号").passed()).as("digits do not split").isTrue();
    }

    @Test
    void builtInRulesCannotBeDeletedAndOtherShopsRulesAreNotFound() {
        Rule rule = rules.addShopRule("shop-a", phrase("假货"));

        assertThatThrownBy(() -> rules.deletePlatformRule("builtin-phone")).isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThatThrownBy(() -> rules.deleteShopRule("shop-b", rule.id())).isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> rules.deletePlatformRule(rule.id())).isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(filter.check("shop-a", "agent", "假货").blocked()).isTrue();
    }

    @Test
    void badDraftsNameTheField() {
        assertThat(refusal(() -> RuleDraft.parse("n", "regex", "x", Optional.empty(), Optional.empty(), Optional.empty())))
                .contains("'type'");
        assertThat(refusal(() -> RuleDraft.parse("n", "contact", "skype", Optional.empty(), Optional.empty(),
                Optional.empty()))).contains("'pattern'");
        assertThat(refusal(() -> RuleDraft.parse("n", "phrase", "!!! 🙂", Optional.empty(), Optional.empty(),
                Optional.empty()))).contains("'pattern'");
        assertThat(refusal(() -> RuleDraft.parse("n", "phrase", "ok", Optional.of(List.of("fine", "…")),
                Optional.empty(), Optional.empty()))).contains("'variants[1]'");
        assertThat(refusal(() -> RuleDraft.parse("n", "phrase", "ok", Optional.empty(), Optional.of("delete"),
                Optional.empty()))).contains("'action'");
        assertThat(refusal(() -> RuleDraft.parse("n", "phrase", "ok", Optional.empty(), Optional.empty(),
                Optional.of(List.of("agent", "system"))))).contains("'appliesTo'");
        assertThat(RuleDraft.parse("n", "phrase", "ok", Optional.empty(), Optional.empty(), Optional.empty()))
                .satisfies(d -> {
                    assertThat(d.action()).isEqualTo(RuleAction.BLOCK);
                    assertThat(d.appliesTo()).containsExactlyInAnyOrder(Sender.AGENT, Sender.BOT);
                });
    }

    private static String refusal(Runnable r) {
        try {
            r.run();
        } catch (KefuException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }
}
