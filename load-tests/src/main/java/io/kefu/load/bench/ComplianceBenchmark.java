package io.kefu.load.bench;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.compliance.AuditWriter;
import io.kefu.server.compliance.ComplianceFilter;
import io.kefu.server.compliance.Sender;
import io.kefu.server.compliance.Verdict;
import io.kefu.server.store.AuditRecord;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.RuleRecord;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the compliance filter costs per message on the router lane: {@code check} of a 200-character agent
 * message with prices, an order number, a size and a date, against the built-in platform rules only
 * ({@code phraseRules = 0}) or with 10,000 phrase rules on the shop as well. {@code clean} passes (the whole
 * text is scanned, the common case); {@code blocked} carries a phone number spelled with Chinese digits and
 * is blocked. Rules come from an in-memory store; the shop's rules are loaded before measuring.
 *
 * <p>Single-threaded: each benchmark method runs on JMH's one worker thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ComplianceBenchmark {
    /** 200 characters of an ordinary after-sales answer. */
    public static final String CLEAN = "亲，您好！您的订单号 202612011234567890 已经在 12月1日 14:30 发货了，"
            + "顺丰单号 SF1234567890123，预计两天内送达。这款羽绒服活动价 ¥199，尺码 XL 适合身高 175 的亲，"
            + "如果不合适七天内可以无理由退换，运费险已经帮您买好了。还有什么问题随时在这里问我就好，"
            + "祝您生活愉快，期待您的下次光临，有需要可以收藏店铺关注上新。谢谢亲的支持！再见啦亲，拜拜～～";
    /** The same length, with a phone number written in Chinese digits near the end. */
    public static final String BLOCKED = CLEAN.substring(0, 187) + "电话一三八一二三四五六七八";

    /** What the load harness sends: a stamp, then dots up to 200 characters (io.kefu.load.Stamp). */
    public static final String HARNESS = "L|612094387230457856|b|1287|t1718000000123|"
            + ".".repeat(200 - "L|612094387230457856|b|1287|t1718000000123|".length());

    private static final String SHOP = "bench-shop";

    @Param({"0", "10000"})
    public int phraseRules;

    private ComplianceFilter filter;
    private AuditWriter audit;

    @Setup(Level.Trial)
    public void setUp() {
        ListStore store = new ListStore(phrases(phraseRules));
        audit = new AuditWriter(store, AuditWriter.Settings.DEFAULT);
        filter = new ComplianceFilter(store, new InlineExecutor(), audit, new IdGenerator(1), Clock.systemUTC());
        filter.prepare(SHOP).join();
        if (!filter.check(SHOP, Sender.AGENT, CLEAN).passed() || !filter.check(SHOP, Sender.AGENT, BLOCKED).blocked()) {
            throw new IllegalStateException("the benchmark messages do not give the expected verdicts");
        }
        System.out.println("\nmessage: " + CLEAN.length() + " chars; phrase rules: " + phraseRules);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        audit.close();
    }

    /** The verdict on {@code text} sent by an agent (contact rules apply to staff), for tests; after {@link #setUp}. */
    Verdict check(String text) {
        return filter.check(SHOP, Sender.AGENT, text);
    }

    @Benchmark
    public Verdict clean() {
        return filter.check(SHOP, Sender.AGENT, CLEAN);
    }

    @Benchmark
    public Verdict harness() {
        return filter.check(SHOP, Sender.AGENT, HARNESS);
    }

    @Benchmark
    public Verdict blocked() {
        return filter.check(SHOP, Sender.AGENT, BLOCKED);
    }

    /**
     * {@code n} distinct phrases of 2–6 common characters (from a fixed seed), none of which occurs in the
     * messages, so the automaton walks real paths without matching.
     */
    static List<RuleRecord> phrases(int n) {
        String pool = "的了是在有我他这中大来上个们到说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家"
                + "种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力"
                + "它与长把机十民第公此已工使情明性知全见问合间外正安加打快退货款价格包邮运费质量尺码颜色款式优惠活动";
        Random random = new Random(42);
        List<RuleRecord> rules = new ArrayList<>(n);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (rules.size() < n) {
            int len = 2 + random.nextInt(5);
            StringBuilder b = new StringBuilder(len);
            for (int i = 0; i < len; i++) {
                b.append(pool.charAt(random.nextInt(pool.length())));
            }
            String p = b.toString();
            if (seen.add(p) && !CLEAN.contains(p) && !BLOCKED.contains(p)) {
                rules.add(new RuleRecord("r" + rules.size(), SHOP, "rule " + rules.size(), "phrase", p, List.of(),
                        "block", List.of("agent", "bot"), rules.size()));
            }
        }
        return rules;
    }

    /** Rules from a list; audit entries dropped. */
    static final class ListStore implements ComplianceStore {
        private final List<RuleRecord> shopRules;

        ListStore(List<RuleRecord> shopRules) {
            this.shopRules = List.copyOf(shopRules);
        }

        @Override
        public List<RuleRecord> platformRules() {
            return List.of();
        }

        @Override
        public List<RuleRecord> shopRules(String shopId) {
            return SHOP.equals(shopId) ? shopRules : List.of();
        }

        @Override
        public int countRules(String shopId) {
            return shopRules(shopId).size();
        }

        @Override
        public void insertRule(RuleRecord rule) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RuleRecord> findRule(String ruleId) {
            return Optional.empty();
        }

        @Override
        public boolean deleteRule(String ruleId) {
            return false;
        }

        @Override
        public void insertAudit(List<AuditRecord> entries) {
        }

        @Override
        public List<AuditRecord> audit(String shopId, long from, long to, int limit) {
            return List.of();
        }
    }

    /** Runs store tasks on the calling thread (set-up only). */
    static final class InlineExecutor implements StoreExecutor {
        @Override
        public <T> CompletableFuture<T> submit(Callable<T> task) {
            try {
                return CompletableFuture.completedFuture(task.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public int queueDepth() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
