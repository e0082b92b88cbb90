package io.kefu.load.bench;

import io.kefu.server.scripts.Script;
import io.kefu.server.scripts.ScriptIndex;
import io.kefu.server.scripts.ScriptScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One quick-reply search over a shop's index, as the API serves it from the cache: {@code scripts} scripts
 * (90 % shop, 10 % personal of ten agents), Chinese titles of 4–12 characters and bodies of 40–200
 * built from phrases agents use, 60 % with a shortcut ({@code fh<n>}), made from a fixed seed so every
 * run searches the same shop. {@code query} picks what is searched for:
 * <ul>
 *   <li>{@code shortcut}: one script's exact shortcut ({@code fh1234});</li>
 *   <li>{@code prefix}: a shortcut prefix shared by some ({@code fh12});</li>
 *   <li>{@code title}: a word in many titles ({@code 退款});</li>
 *   <li>{@code two-terms}: two words that meet in fewer scripts ({@code 顺丰 破损});</li>
 *   <li>{@code miss}: a word in no script, so every title and body is read to the end (the worst case);</li>
 *   <li>{@code empty}: no query, everything ranked by uses.</li>
 * </ul>
 * The result is the best 20, as the API's default {@code limit}. Single-threaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScriptSearchBenchmark {
    private static final String SHOP = "600000000000000001";
    private static final String VIEWER = "agent-3";
    private static final String[] CATEGORIES = {"售前咨询", "售后服务", "物流快递", "通用", "活动优惠", "投诉安抚"};
    private static final String[] TITLE_WORDS = {"退款", "发货", "物流", "尺码", "优惠券", "换货", "退货", "欢迎",
        "催单", "破损", "地址修改", "发票", "满减", "质量问题", "七天无理由", "顺丰", "预售", "库存", "色差", "安装"};
    private static final String[] BODY_PHRASES = {"亲，您好，", "{buyer.name}您好，", "我是{shop.name}的客服{agent.name}，",
        "您的订单{order.no}已经{order.status}，", "快递是{logistics.company}，单号{logistics.no}，", "请您耐心等待哦～",
        "我们会在48小时内为您发货，", "支持七天无理由退换货，", "退款会在审核通过后原路退回，", "运费险会自动理赔，",
        "这款商品尺码偏小，建议拍大一码，", "现在下单可以领取满199减20的优惠券，", "给您带来不便非常抱歉，",
        "包裹如有破损请拍照联系我们，", "顺丰包邮，一般2-3天送达，", "发票会随包裹一起寄出，",
        "如有其他问题随时联系我们，祝您生活愉快！", "预售商品将在付款后15天内发货，", "颜色以实物为准，可能存在轻微色差，"};

    @Param({"10000"})
    public int scripts;

    @Param({"shortcut", "prefix", "title", "two-terms", "miss", "empty"})
    public String query;

    private ScriptIndex index;
    private String text;

    @Setup
    public void setUp() {
        Random random = new Random(20_240_615L);
        List<Script> all = new ArrayList<>(scripts);
        for (int i = 0; i < scripts; i++) {
            all.add(script(i, random));
        }
        index = ScriptIndex.of(SHOP, all);
        text = switch (query) {
            case "shortcut" -> "fh1234";
            case "prefix" -> "fh12";
            case "title" -> "退款";
            case "two-terms" -> "顺丰 破损";
            case "miss" -> "微信";
            case "empty" -> "";
            default -> throw new IllegalArgumentException("unknown query kind " + query);
        };
        System.out.println("\n" + query + " '" + text + "': " + index.search(text, null, VIEWER, Integer.MAX_VALUE).size()
                + " of " + scripts + " scripts match");
    }

    private static Script script(int i, Random random) {
        String id = Long.toString(700_000_000_000_000_000L + i);
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        StringBuilder title = new StringBuilder(TITLE_WORDS[random.nextInt(TITLE_WORDS.length)]);
        while (title.length() < 4 + random.nextInt(9)) {
            title.append(TITLE_WORDS[random.nextInt(TITLE_WORDS.length)]);
        }
        StringBuilder body = new StringBuilder();
        int length = 40 + random.nextInt(161);
        while (body.length() < length) {
            body.append(BODY_PHRASES[random.nextInt(BODY_PHRASES.length)]);
        }
        String shortcut = i % 10 < 6 ? "fh" + i : null;
        boolean personal = i % 10 == 9;
        String owner = personal ? "agent-" + random.nextInt(10) : null;
        return new Script(id, SHOP, personal ? ScriptScope.PERSONAL : ScriptScope.SHOP, owner, category,
                title.toString(), personal && shortcut != null ? "my" + shortcut : shortcut, body.toString(),
                random.nextInt(1_000), 1_718_000_000_000L);
    }

    @Benchmark
    public List<Script> search() {
        return index.search(text, null, VIEWER, 20);
    }
}
