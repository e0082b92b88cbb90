package io.kefu.server.compliance;

import io.kefu.server.ManualExecutor;
import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.base.IdGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in platform rules against evasions of every contact kind (each must be blocked in an agent's
 * message, naming the right rule), and against a corpus of ordinary shop messages full of prices, order and
 * tracking numbers, sizes, dates and times (none may be blocked).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltInRulesTest {
    private final InMemoryComplianceStore store = new InMemoryComplianceStore();
    private final AuditWriter audit = new AuditWriter(store, AuditWriter.Settings.DEFAULT);
    private final ComplianceFilter filter = new ComplianceFilter(store, ManualExecutor.direct(), audit,
            new IdGenerator(1), Clock.systemUTC());

    @AfterAll
    void close() {
        audit.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            wechat | 加我微信 abc12389
            wechat | 我的微信号是 kefu_2024
            wechat | 微信：ab123456
            wechat | 威信 abc12345
            wechat | V信 kefu888
            wechat | vx: shop_2024
            wechat | VX 13812345678
            wechat | wx:abc_123456
            wechat | weixin abc12345
            wechat | WeChat: kefu_xiaomei1
            wechat | 亲，加我 vx 吧
            wechat | 加V
            wechat | +V abc12345
            wechat | 加微 abc12345
            wechat | 微 信：abc123456
            wechat | 微😊信 abc123456
            wechat | ＶＸ：ａｂｃ１２３４５
            wechat | 薇信 abc12345
            wechat | 加我微信
            wechat | 加个微信聊
            wechat | 有问题微信联系我
            wechat | 微信同号
            wechat | 你微信多少，我加你
            wechat | 扫我微信二维码
            wechat | 加我wx
            wechat | 加V❤：abc12345
            wechat | 加微信 wei一二三四五六
            wechat | 微信 abc一二三四五
            wechat | 微-信-号: kefu2024
            wechat | w.x: abc123456
            wechat | 微x：Ab_12-34
            wechat | 加一下我的微信吧
            wechat | V：abc12345
            qq | QQ 12345678
            qq | 扣扣 123456789
            qq | 企鹅 12345678
            qq | q q：1234567
            qq | QQ号：一二三四五六七
            qq | 扣扣号 ①②③④⑤⑥⑦
            qq | 有事加我QQ
            qq | 加Q 12345678
            qq | QQ：壹贰叁肆伍陆柒捌
            qq | ＱＱ １２３４５６７８
            qq | 进我们QQ群聊
            qq | 企鹅号 3 4 5 6 7 8 9
            phone | 13812345678
            phone | 138-1234-5678
            phone | 138 1234 5678
            phone | +86 138 1234 5678
            phone | 0086-13812345678
            phone | 一三八一二三四五六七八
            phone | 壹叁捌壹贰叁肆伍陆柒捌
            phone | ①③⑧①②③④⑤⑥⑦⑧
            phone | 1三8一2三4五6七8
            phone | 1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣
            phone | １３８１２３４５６７８
            phone | 电话：１５９-８８８８-６６６６
            phone | 有事打 18612345678 找我
            phone | 1 3 8 - 1 2 3 4 - 5 6 7 8
            phone | 手机13812345678
            phone | 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖
            phone | 138.1234.5678
            phone | 幺三八 幺二三四 五六七八
            phone | 1🌸3🌸8🌸1🌸2🌸3🌸4🌸5🌸6🌸7🌸8
            email | 发邮件到 kefu@example.com
            email | abc123@qq.com
            email | ＡＢＣ＠１６３．ｃｏｍ
            email | service.team+vip@shop-mail.cn
            email | abc @ qq . com
            url | https://example.com/item/123
            url | http://t.cn/abc
            url | www.example.com
            url | 去 taobao.com 搜一下
            url | 链接 abc.top
            url | 打开abc点com
            url | ＷＷＷ．ＡＢＣ．ＣＯＭ
            url | h t t p s : / / abc.xyz
            url | shop123.vip/item
            url | baidu(dot)com
            url | abc . com
            url | m.example.com.cn/path?id=1
            url | 领券地址 HTTPS://Coupon.Example.NET
            """)
    void blocksEachKindAndItsEvasionsInAgentMessages(String kind, String text) {
        Verdict v = filter.check("shop-1", "agent", text);

        assertThat(v).as(text).isInstanceOf(Verdict.Block.class);
        Verdict.Block b = (Verdict.Block) v;
        assertThat(b.rule().id()).as(text).isEqualTo(BuiltInRules.ID_PREFIX + kind);
        assertThat(b.start()).isBetween(0, text.length() - 1);
        assertThat(b.end()).isBetween(b.start() + 1, text.length());
    }

    @Test
    void passesEveryOrdinaryShopMessage() throws IOException {
        List<String> corpus = lines("/compliance/ordinary-messages.txt");

        List<String> blocked = corpus.stream()
                .filter(text -> !filter.check("shop-1", Sender.AGENT, text).passed())
                .map(text -> text + "  ->  " + filter.check("shop-1", Sender.AGENT, text))
                .toList();

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(blocked).as("false positives").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a landline              | 座机 021-12345678
            a hotline               | 热线 400-123-4567
            a tracking number       | 单号 SF13812345678
            eleven digits in an order number | 订单 202613812345678901
            a payment word          | 用QQ钱包付 12345678
            a negated invitation    | 请勿添加微信，谢谢
            a WeChat mention        | 您是在微信朋友圈看到的吗
            VIP                     | 参加VIP活动 138 元
            a decimal price list    | 13.80 13.80 13.80 13.80
            times                   | 13:30-18:00 19:30-21:00
            a file name             | 说明书.pdf 已发送
            """)
    void documentedNonDetectionsPass(String what, String text) {
        assertThat(filter.check("shop-1", "agent", text).passed()).as(what + ": " + text).isTrue();
    }

    @Test
    void builtInRulesApplyToAgentsAndBotsNotBuyers() {
        String text = "我的电话 13812345678，加我微信 abc12345";

        assertThat(filter.check("shop-1", "agent", text).blocked()).isTrue();
        assertThat(filter.check("shop-1", "bot", text).blocked()).isTrue();
        assertThat(filter.check("shop-1", "buyer", text).passed()).isTrue();
    }

    @Test
    void theSpanCoversTheMatchInTheOriginalText() {
        String text = "亲，电话 138-1234-5678 哦";

        Verdict.Block b = (Verdict.Block) filter.check("shop-1", "agent", text);

        assertThat(text.substring(b.start(), b.end())).isEqualTo("138-1234-5678");
    }

    @Test
    void theEarliestOfSeveralBlockedDetailsIsNamed() {
        Verdict.Block b = (Verdict.Block) filter.check("shop-1", "agent", "邮箱 a1@qq.com 或者电话 13812345678");

        assertThat(b.rule().id()).isEqualTo("builtin-email");
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(BuiltInRulesTest.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
