package io.kefu.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaqMatcherTest {
    /** A shop's FAQs as a merchant writes them: Chinese and English, some with keywords. */
    static final List<Faq> FAQS = List.of(
            new Faq("ship", "什么时候发货？", "付款后48小时内发货。", List.of("发货")),
            new Faq("refund", "怎么申请退款？", "在订单页点击“申请退款”即可。", List.of("退款", "退钱")),
            new Faq("refund-time", "退款多久能到账？", "审核通过后1-3个工作日原路退回。", List.of()),
            new Faq("size", "尺码偏大还是偏小？", "尺码标准，按平时尺码拍即可。", List.of("尺码", "码数")),
            new Faq("express", "发什么快递？", "默认顺丰包邮。", List.of("快递", "顺丰")),
            new Faq("invoice", "可以开发票吗？", "可以，下单时备注抬头和税号。", List.of("发票")),
            new Faq("address", "下单后可以修改收货地址吗？", "发货前可以在订单页修改地址。", List.of("改地址")),
            new Faq("return", "支持七天无理由退货吗？", "支持，商品完好不影响二次销售即可。", List.of("无理由")),
            new Faq("en-ship", "When will my order ship?", "Orders ship within 48 hours of payment.", List.of()),
            new Faq("en-refund", "How do I request a refund?", "Open the order and tap Request refund.",
                    List.of("refund")),
            new Faq("en-track", "How can I track my package?", "The tracking number is on the order page.",
                    List.of("tracking")),
            new Faq("en-coupon", "Can I use more than one coupon?", "One coupon per order.", List.of("coupon")));

    private final FaqMatcher matcher = FaqMatcher.compile(BotSettings.DEFAULT, FAQS);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "什么时候发货,ship",
        "请问什么时候能发货呀？,ship",
        "我想申请退款,refund",
        "退款怎么弄,refund",
        "这个尺码偏小吗,size",
        "你们发的什么快递,express",
        "能开发票不,invoice",
        "地址写错了，下单后能改地址吗,address",
        "七天无理由退货支持吗,return",
        "When does my order ship?,en-ship",
        "how do i get a refund,en-refund",
        "I want to track my package,en-track",
        "ＣＡＮ Ｉ ＵＳＥ ＴＷＯ ＣＯＵＰＯＮＳ,en-coupon"})
    void aParaphraseIsAnswered(String message, String faqId) {
        BotReply r = matcher.reply(message);
        assertThat(r).as("%s, scores %s", r, scores(message)).isInstanceOfSatisfying(BotReply.Answer.class,
                a -> assertThat(a.faqId()).isEqualTo(faqId));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"今天天气真不错", "你们老板是谁", "the weather is nice today", "asdfgh", "。。。！！", "123"})
    void anUnrelatedMessageIsAMiss(String message) {
        assertThat(matcher.reply(message)).as("scores %s", scores(message)).isEqualTo(BotReply.MISS);
    }

    @Test
    void aMessageBetweenTwoFaqsGetsSuggestionsBestFirst() {
        BotReply r = matcher.reply("钱多久退回来 退款到账要几天");

        assertThat(r).isInstanceOfSatisfying(BotReply.Suggestions.class, sg -> {
            assertThat(sg.text()).isEqualTo(FaqMatcher.SUGGESTIONS_TEXT);
            assertThat(sg.items()).extracting(BotReply.Item::faqId).containsExactly("refund-time", "refund");
            assertThat(sg.items().get(0).question()).isEqualTo("退款多久能到账？");
        });
    }

    @Test
    void twoFaqsScoringAlikeAreSuggestedRatherThanAnswered() {
        FaqMatcher twins = FaqMatcher.compile(BotSettings.DEFAULT, List.of(
                new Faq("a", "怎么修改收货地址？", "A", List.of()), new Faq("b", "怎么修改收货地址", "B", List.of()),
                new Faq("c", "发什么快递？", "C", List.of())));

        assertThat(twins.reply("怎么修改收货地址")).isInstanceOfSatisfying(BotReply.Suggestions.class,
                sg -> assertThat(sg.items()).extracting(BotReply.Item::faqId).containsExactly("a", "b"));
    }

    @Test
    void theThresholdDecidesBetweenAnswerSuggestionsAndMiss() {
        String message = "我要退货退款";
        double score = matcher.scoreOf(message, "refund", new MatchScratch());
        assertThat(score).isBetween(0.3, 0.7);

        BotReply strict = FaqMatcher.compile(BotSettings.DEFAULT.withThreshold(score + 0.01), FAQS).reply(message);
        BotReply lenient = FaqMatcher.compile(BotSettings.DEFAULT.withThreshold(score - 0.01), FAQS).reply(message);
        BotReply picky = FaqMatcher.compile(BotSettings.DEFAULT.withThreshold(Math.min(1, score * 2 + 0.01)), FAQS)
                .reply(message);

        assertThat(strict).isInstanceOfSatisfying(BotReply.Suggestions.class,
                sg -> assertThat(sg.items().get(0).faqId()).isEqualTo("refund"));
        assertThat(lenient).isInstanceOfSatisfying(BotReply.Answer.class, a -> {
            assertThat(a.faqId()).isEqualTo("refund");
            assertThat(a.score()).isEqualTo(score);
            assertThat(a.answer()).isEqualTo("在订单页点击“申请退款”即可。");
        });
        assertThat(picky).as("below half the threshold").isEqualTo(BotReply.MISS);
    }

    @Test
    void aKeywordAloneLiftsItsFaq() {
        assertThat(matcher.scoreOf("退钱", "refund", new MatchScratch())).isGreaterThanOrEqualTo(0.5);
        assertThat(matcher.reply("我要退钱")).isInstanceOfSatisfying(BotReply.Suggestions.class,
                sg -> assertThat(sg.items()).extracting(BotReply.Item::faqId).startsWith("refund"));
        assertThat(matcher.reply("码数")).isInstanceOfSatisfying(BotReply.Answer.class,
                a -> assertThat(a.faqId()).isEqualTo("size"));
    }

    @Test
    void anExactQuestionScoresOne() {
        assertThat(matcher.scoreOf("怎么申请退款？", "refund", new MatchScratch())).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(matcher.scoreOf("How do I request a refund", "en-refund", new MatchScratch())).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"转人工,转人工", "我要转人工！,转人工", "人工客服在吗,人工客服", "找个人工,人工", "HUMAN please,human",
        "Can I talk to an agent?,agent", "ｈｕｍａｎ,human"})
    void aHandoffWordHandsOffBeforeAnyMatching(String message, String word) {
        assertThat(matcher.reply(message)).isEqualTo(new BotReply.Handoff(word));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"humanity is great", "how do I become an agents partner", "reagent"})
    void aLatinHandoffWordInsideAnotherWordDoesNotCount(String message) {
        assertThat(matcher.reply(message)).isNotInstanceOf(BotReply.Handoff.class);
    }

    @Test
    void theShopsOwnHandoffWordsReplaceTheDefaults() {
        FaqMatcher own = FaqMatcher.compile(BotSettings.DEFAULT.withHandoffWords(List.of("找客服")), FAQS);

        assertThat(own.reply("帮我找客服")).isEqualTo(new BotReply.Handoff("找客服"));
        assertThat(own.reply("转人工")).isNotInstanceOf(BotReply.Handoff.class);
    }

    @Test
    void withoutFaqsEveryMessageIsAMissButHandoffWordsStillWork() {
        FaqMatcher empty = FaqMatcher.compile(BotSettings.DEFAULT, List.of());

        assertThat(empty.reply("怎么申请退款")).isEqualTo(BotReply.MISS);
        assertThat(empty.reply("")).isEqualTo(BotReply.MISS);
        assertThat(empty.reply("转人工")).isEqualTo(new BotReply.Handoff("转人工"));
    }

    @Test
    void aFaqIsFoundByIdForABuyerWhoPicksASuggestion() {
        assertThat(matcher.faq("size")).hasValueSatisfying(f -> assertThat(f.question()).isEqualTo("尺码偏大还是偏小？"));
        assertThat(matcher.faq("nope")).isEmpty();
        assertThat(matcher.size()).isEqualTo(FAQS.size());
    }

    @Test
    void oneScratchServesManyMessagesWithTheSameResults() {
        MatchScratch s = new MatchScratch();
        FaqMatcher small = FaqMatcher.compile(BotSettings.DEFAULT, FAQS.subList(0, 3));
        for (int round = 0; round < 3; round++) {
            assertThat(matcher.reply("什么时候发货", s)).isEqualTo(matcher.reply("什么时候发货"));
            assertThat(small.reply("我想申请退款", s)).isEqualTo(small.reply("我想申请退款"));
            assertThat(matcher.reply("今天天气真不错", s)).isEqualTo(BotReply.MISS);
        }
    }

    @Test
    void onlyTheFirst500CharsAreRead() {
        String padding = "啊".repeat(MatchScratch.MAX_QUERY_CHARS);

        assertThat(matcher.reply(padding + "转人工")).isNotInstanceOf(BotReply.Handoff.class);
        assertThat(matcher.reply("转人工" + padding)).isInstanceOf(BotReply.Handoff.class);
    }

    private String scores(String message) {
        MatchScratch s = new MatchScratch();
        StringBuilder b = new StringBuilder();
        for (Faq f : FAQS) {
            double v = matcher.scoreOf(message, f.id(), s);
            if (v > 0) {
                b.append(f.id()).append('=').append(String.format("%.3f", v)).append(' ');
            }
        }
        return b.toString();
    }
}
