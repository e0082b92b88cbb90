package io.kefu.load.bench;

import io.kefu.server.bot.BotReply;
import io.kefu.server.bot.BotSettings;
import io.kefu.server.bot.Faq;
import io.kefu.server.bot.FaqMatcher;
import io.kefu.server.bot.MatchScratch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
 * The FAQ bot reading one buyer message against a shop of {@code faqs} FAQs (the most a shop may have is
 * 2,000), as a router lane does: in memory, with the lane's {@link MatchScratch}. The FAQs are made from a
 * fixed seed: 90 % Chinese questions about 40 products × 25 aspects in four phrasings, 10 % English, most
 * with one or two keywords. {@code query} picks the message:
 * <ul>
 *   <li>{@code answer}: a chatty paraphrase of one FAQ, answered;</li>
 *   <li>{@code suggestions}: a product named without an aspect, close to 50 FAQs, so suggestions;</li>
 *   <li>{@code english}: an English paraphrase, answered;</li>
 *   <li>{@code miss}: small talk that matches nothing;</li>
 *   <li>{@code handoff}: a message with a hand-off word (found before any matching);</li>
 *   <li>{@code long}: a 500-character message, the most the bot reads.</li>
 * </ul>
 * {@link #compile} measures what a change costs: compiling the shop's FAQs again. Single-threaded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BotMatchBenchmark {
    static final String[] PRODUCTS = {"羽绒服", "连衣裙", "运动鞋", "手机壳", "保温杯", "蓝牙耳机", "面霜", "床单", "儿童玩具",
        "笔记本支架", "双肩包", "电饭煲", "空气炸锅", "机械键盘", "无线鼠标", "茶叶", "咖啡豆", "坚果礼盒", "牛仔裤", "卫衣",
        "羊毛衫", "拖鞋", "雨伞", "台灯", "收纳箱", "洗发水", "沐浴露", "口红", "香水", "手表", "项链", "太阳镜", "瑜伽垫",
        "跑步机", "电动牙刷", "吹风机", "猫粮", "狗绳", "行李箱", "保鲜盒"};
    static final String[] EN_PRODUCTS = {"down jacket", "dress", "sneakers", "phone case", "thermos",
        "bluetooth headphones", "face cream", "bed sheet", "toy", "laptop stand", "backpack", "rice cooker",
        "air fryer", "keyboard", "mouse", "tea", "coffee beans", "nut box", "jeans", "hoodie"};
    static final String[] ASPECTS = {"尺码", "颜色", "材质", "保修", "发货时间", "价格", "库存", "洗涤方法", "安装方法", "配件",
        "赠品", "使用方法", "产地", "保质期", "尺寸", "重量", "包装", "发票", "退换货", "优惠券", "快递", "正品", "色差", "味道",
        "适用年龄"};
    static final String[] EN_ASPECTS = {"size", "color", "material", "warranty", "shipping time", "price", "stock",
        "washing instructions", "installation", "accessories", "gift", "origin", "shelf life", "weight", "invoice"};
    static final String[] PHRASINGS = {"%s的%s是怎样的？", "请问%s的%s怎么看？", "%s有%s说明吗？", "想了解%s的%s"};
    static final String[] EN_PHRASINGS = {"What is the %2$s of the %1$s?", "How do I check the %2$s for the %1$s?"};

    /** The shop: its FAQs compiled, as the bot holds them. */
    @State(Scope.Benchmark)
    public static class Shop {
        @Param({"2000"})
        public int faqs;

        List<Faq> list;
        FaqMatcher matcher;

        @Setup
        public void setUp() {
            list = faqs(faqs, new Random(20_261_201L));
            matcher = FaqMatcher.compile(BotSettings.DEFAULT, list);
        }
    }

    /** The message, and the scratch of the thread that reads it. */
    @State(Scope.Thread)
    public static class Message {
        @Param({"answer", "suggestions", "english", "miss", "handoff", "long"})
        public String query;

        String text;
        final MatchScratch scratch = new MatchScratch();

        @Setup
        public void setUp(Shop shop) {
            text = switch (query) {
                case "answer" -> "你好，想了解一下蓝牙耳机的保修，谢谢";
                case "suggestions" -> "蓝牙耳机怎么样";
                case "english" -> "hi, what's the warranty on the bluetooth headphones?";
                case "miss" -> "今天天气真不错，你们吃饭了吗";
                case "handoff" -> "说了半天没用，我要转人工";
                case "long" -> ("亲，你好，我上周在你们店里买了一件羽绒服，穿了两天发现有点大，想问一下羽绒服的尺码是怎样的，"
                        + "能不能换小一码，另外快递是发什么的，多久能到，还有发票怎么开，谢谢啦！").repeat(10)
                        .substring(0, MatchScratch.MAX_QUERY_CHARS);
                default -> throw new IllegalArgumentException("unknown query kind " + query);
            };
            BotReply r = shop.matcher.reply(text, scratch);
            System.out.println("\n" + query + " (" + text.length() + " chars): " + describe(r));
        }
    }

    static List<Faq> faqs(int count, Random random) {
        Set<String> questions = new LinkedHashSet<>();
        List<Faq> faqs = new ArrayList<>(count);
        while (faqs.size() < count) {
            boolean english = random.nextInt(10) == 0;
            int p = random.nextInt(english ? EN_PRODUCTS.length : PRODUCTS.length);
            int a = random.nextInt(english ? EN_ASPECTS.length : ASPECTS.length);
            String product = english ? EN_PRODUCTS[p] : PRODUCTS[p];
            String aspect = english ? EN_ASPECTS[a] : ASPECTS[a];
            String[] phrasings = english ? EN_PHRASINGS : PHRASINGS;
            String question = String.format(phrasings[random.nextInt(phrasings.length)], product, aspect);
            if (!questions.add(question)) {
                continue;
            }
            List<String> keywords = switch (random.nextInt(4)) {
                case 0 -> List.of();
                case 1 -> List.of(product);
                default -> List.of(product + (english ? " " : "") + aspect, aspect);
            };
            String id = Long.toString(800_000_000_000_000_000L + faqs.size());
            faqs.add(new Faq(id, question, "关于" + product + "的" + aspect + "：请以商品详情页说明为准，如有疑问可联系人工客服。",
                    keywords));
        }
        return faqs;
    }

    static String describe(BotReply r) {
        if (r instanceof BotReply.Answer a) {
            return String.format("answer '%s' (score %.2f)", a.question(), a.score());
        }
        if (r instanceof BotReply.Suggestions s) {
            return "suggestions " + s.items().stream().map(BotReply.Item::question).toList();
        }
        return r.toString();
    }

    @Benchmark
    public BotReply reply(Shop shop, Message message) {
        return shop.matcher.reply(message.text, message.scratch);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FaqMatcher compile(Shop shop) {
        return FaqMatcher.compile(BotSettings.DEFAULT, shop.list);
    }
}
