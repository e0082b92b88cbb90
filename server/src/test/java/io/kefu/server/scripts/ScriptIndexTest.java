package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScriptIndexTest {
    private static final String SHOP = "s1";
    private static final String LI = "agent-li";
    private static final String ZHOU = "agent-zhou";

    private static Script shop(String id, String title, String shortcut, String body, long uses) {
        return new Script(id, SHOP, ScriptScope.SHOP, null, "通用", title, shortcut, body, uses, 1);
    }

    private static Script personal(String id, String owner, String title, String shortcut, String body) {
        return new Script(id, SHOP, ScriptScope.PERSONAL, owner, "我的", title, shortcut, body, 0, 1);
    }

    private static List<String> ids(List<Script> scripts) {
        return scripts.stream().map(Script::id).toList();
    }

    @Test
    void exactShortcutThenShortcutPrefixThenTitleThenBody() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("10", "物流说明", null, "已发顺丰 tk 单号", 900),
                shop("11", "tk 催发货", null, "亲，马上为您催", 800),
                shop("12", "退款进度", "tkjd", "退款正在处理", 700),
                shop("13", "退款流程", "tk", "请在订单页申请退款", 0),
                shop("14", "无关", "hello", "您好", 1_000)));

        List<Script> hits = index.search("tk", null, LI, 10);

        assertThat(ids(hits)).containsExactly("13", "12", "11", "10");
    }

    @Test
    void tiesAreBrokenByUsesThenByTheOlderId() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("100", "发货时间 A", null, "", 5),
                shop("99", "发货时间 B", null, "", 5),
                shop("101", "发货时间 C", null, "", 50)));

        assertThat(ids(index.search("发货", null, LI, 10))).as("99 < 100 as numbers, not as strings")
                .containsExactly("101", "99", "100");
    }

    @Test
    void everyTermMustOccurAndChineseTermsMatchAsSubstrings() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "七天无理由退货", null, "支持七天无理由退货，运费由买家承担", 0),
                shop("2", "退货地址", null, "请寄回：杭州市余杭区……", 0),
                shop("3", "运费险", null, "退货时运费险自动理赔", 0)));

        assertThat(ids(index.search("退货 运费", null, LI, 10))).containsExactly("1", "3");
        assertThat(ids(index.search("无理由", null, LI, 10))).containsExactly("1");
        assertThat(index.search("退货 发票", null, LI, 10)).isEmpty();
    }

    @Test
    void aQueryMatchesAcrossTitleAndBodyButTitleOnlyMatchesRankFirst() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "顺丰", null, "包邮", 100),
                shop("2", "顺丰包邮", null, "……", 0)));

        assertThat(ids(index.search("顺丰 包邮", null, LI, 10))).containsExactly("2", "1");
    }

    @Test
    void searchIsCaseInsensitiveAndFullWidthBlind() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "VIP 专属优惠", "vip", "Dear VIP", 0),
                shop("2", "尺码表", "size", "S/M/L/XL", 0)));

        assertThat(ids(index.search("ＶＩＰ", null, LI, 10))).containsExactly("1");
        assertThat(index.search("Vip", null, LI, 10).get(0).shortcut()).isEqualTo("vip");
        assertThat(ids(index.search("ｘｌ", null, LI, 10))).containsExactly("2");
    }

    @Test
    void aQueryWithASpaceIsNoShortcutQuery() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "标题", "ab", "正文", 9),
                shop("2", "a 和 b", null, "正文", 0)));

        assertThat(ids(index.search("a b", null, LI, 10))).as("shortcut ab only holds both terms")
                .containsExactly("2", "1");
        assertThat(ids(index.search("ab", null, LI, 10))).containsExactly("1");
    }

    @Test
    void personalScriptsAreSeenOnlyByTheirOwner() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "欢迎语", "hi", "您好，欢迎光临", 0),
                personal("2", LI, "我的欢迎语", "hi2", "您好呀，我是小李"),
                personal("3", ZHOU, "周的欢迎语", "hi3", "您好，我是小周")));

        assertThat(ids(index.search("欢迎", null, LI, 10))).containsExactly("1", "2");
        assertThat(ids(index.search("欢迎", null, ZHOU, 10))).containsExactly("1", "3");
        assertThat(ids(index.search("欢迎", null, null, 10))).as("the platform admin").containsExactly("1");
        assertThat(index.find("3", LI)).isEmpty();
        assertThat(index.find("3", ZHOU)).isPresent();
        assertThat(index.categories(LI)).containsOnlyKeys("通用", "我的").containsEntry("我的", 1);
    }

    @Test
    void anEmptyQueryListsEverythingVisibleByUsesWithinTheCategory() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "a", null, "x", 1),
                shop("2", "b", null, "x", 3),
                personal("3", LI, "c", null, "x")));

        assertThat(ids(index.search("", null, LI, 10))).containsExactly("2", "1", "3");
        assertThat(ids(index.search(null, "通用", LI, 10))).containsExactly("2", "1");
        assertThat(ids(index.search("  ", "我的", LI, 10))).containsExactly("3");
        assertThat(ids(index.search("", "没有", LI, 10))).isEmpty();
    }

    @Test
    void theLimitKeepsTheBest() {
        List<Script> many = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            many.add(shop(String.valueOf(i), "发货 " + i, null, "", i));
        }
        ScriptIndex index = ScriptIndex.of(SHOP, many);

        assertThat(ids(index.search("发货", null, LI, 3))).containsExactly("50", "49", "48");
    }

    @Test
    void aUseCountsAtOnceInTheRanking() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                shop("1", "发货 a", null, "", 1),
                shop("2", "发货 b", null, "", 1)));

        index.addUse("2");
        index.addUse("no-such-script");

        assertThat(ids(index.search("发货", null, LI, 10))).containsExactly("2", "1");
        assertThat(index.find("2", LI).orElseThrow().uses()).isEqualTo(2);
    }

    @Test
    void anExportHoldsTheShopScriptsByCategoryAndTitle() {
        ScriptIndex index = ScriptIndex.of(SHOP, List.of(
                new Script("1", SHOP, ScriptScope.SHOP, null, "b", "z", null, "x", 0, 1),
                new Script("2", SHOP, ScriptScope.SHOP, null, "a", "y", null, "x", 0, 1),
                personal("3", LI, "c", null, "x"),
                new Script("4", SHOP, ScriptScope.SHOP, null, "b", "a", null, "x", 0, 1)));

        assertThat(ids(index.shopScripts())).containsExactly("2", "4", "1");
    }

    @Test
    void theAnswerIsThatOfRankingEveryMatch() {
        Random random = new Random(42);
        String alphabet = "退款发货顺丰abc1";
        for (int round = 0; round < 40; round++) {
            List<Script> scripts = new ArrayList<>();
            Map<String, Long> uses = new HashMap<>();
            int n = 1 + random.nextInt(300);
            for (int i = 0; i < n; i++) {
                String id = String.valueOf(1_000 + random.nextInt(100_000));
                if (uses.containsKey(id)) {
                    continue;
                }
                String owner = random.nextInt(5) == 0 ? (random.nextBoolean() ? LI : ZHOU) : null;
                long u = random.nextInt(4) == 0 ? 7 : random.nextInt(20);
                uses.put(id, u);
                scripts.add(new Script(id, SHOP, owner == null ? ScriptScope.SHOP : ScriptScope.PERSONAL, owner,
                        random.nextBoolean() ? "a" : "b", word(random, alphabet, 1 + random.nextInt(4)),
                        random.nextInt(3) == 0 ? null : word(random, "abc1", 1 + random.nextInt(3)),
                        word(random, alphabet, random.nextInt(12)) + "。", u, 1));
            }
            ScriptIndex index = ScriptIndex.of(SHOP, scripts);
            for (int q = 0; q < 30; q++) {
                if (random.nextBoolean()) {
                    Script used = scripts.get(random.nextInt(scripts.size()));
                    int times = 1 + random.nextInt(15);
                    for (int t = 0; t < times; t++) {
                        index.addUse(used.id());
                    }
                    uses.merge(used.id(), (long) times, Long::sum);
                }
                String query = random.nextInt(6) == 0 ? "" : word(random, alphabet, 1 + random.nextInt(2))
                        + (random.nextInt(4) == 0 ? " " + word(random, alphabet, 1) : "");
                String category = random.nextInt(4) == 0 ? "a" : null;
                String viewer = random.nextBoolean() ? LI : null;
                int limit = 1 + random.nextInt(8);

                List<String> expected = bruteForce(scripts, uses, query, category, viewer, limit);

                assertThat(ids(index.search(query, category, viewer, limit)))
                        .as("round %d query '%s' category %s viewer %s limit %d", round, query, category, viewer, limit)
                        .isEqualTo(expected);
            }
        }
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The contract's ranking, spelt out: every visible match, sorted, cut to the limit. */
    private static List<String> bruteForce(List<Script> scripts, Map<String, Long> uses, String query,
                                           String category, String viewer, int limit) {
        List<String> terms = ScriptText.terms(ScriptText.fold(query));
        record Ranked(String id, int tier, long uses) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Script s : scripts) {
            if (!s.visibleTo(viewer) || (category != null && !category.equals(s.category()))) {
                continue;
            }
            String shortcut = s.shortcut() == null ? "" : ScriptText.fold(s.shortcut());
            int tier;
            if (terms.isEmpty()) {
                tier = 0;
            } else if (terms.size() == 1 && shortcut.equals(terms.get(0))) {
                tier = 0;
            } else if (terms.size() == 1 && !shortcut.isEmpty() && shortcut.startsWith(terms.get(0))) {
                tier = 1;
            } else if (terms.stream().allMatch(t -> s.title().contains(t))) {
                tier = 2;
            } else if (terms.stream().allMatch(t -> s.title().contains(t) || s.body().contains(t)
                    || shortcut.contains(t))) {
                tier = 3;
            } else {
                continue;
            }
            ranked.add(new Ranked(s.id(), tier, uses.get(s.id())));
        }
        ranked.sort(Comparator.comparingInt(Ranked::tier).thenComparing(Comparator.comparingLong(Ranked::uses)
                .reversed()).thenComparing(Ranked::id, ScriptIndex::compareIds));
        return ranked.stream().limit(limit).map(Ranked::id).toList();
    }
}
