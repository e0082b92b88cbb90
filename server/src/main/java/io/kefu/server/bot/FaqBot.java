package io.kefu.server.bot;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.BotStore;
import io.kefu.server.store.StoreExecutor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FAQ bot (机器人客服, contract §7): what routing asks on its lanes, and the changes the HTTP API makes.
 *
 * <p><b>Routing side</b> ({@link #prepare}, {@link #ready}, {@link #settings}, {@link #reply}, {@link #faq}):
 * answered in memory from the shop's compiled {@link FaqMatcher}, never blocking. A shop's bot is read
 * from the store on first use, on the store executor: <b>until it is in memory the shop reads as having
 * the default settings (bot off) and no FAQs</b>. A caller that must know awaits {@link #prepare} first.
 * Each reply is counted in {@link BotMeters}; hand-offs are counted by the caller ({@link #meters()}).
 *
 * <p><b>API side</b> (the other methods): run on the store executor and complete there. Every change is
 * written, then the shop's bot is read back and compiled again before the future completes: once the API
 * has answered, every reply sees it.
 *
 * <p>Thread-safe. The per-thread matching buffers ({@link MatchScratch}) live as long as the threads that
 * reply (router lanes: few and long-lived).
 */
public final class FaqBot {
    private static final Logger log = LoggerFactory.getLogger(FaqBot.class);
    /** How many shops' bots are kept in memory; beyond that the least used are dropped and reloaded. */
    public static final int DEFAULT_MAX_SHOPS = 10_000;

    private final BotStore store;
    private final StoreExecutor executor;
    private final BotCache cache;
    private final BotMeters meters;
    private final boolean available;
    /** The matching buffers of each replying thread. */
    private final ThreadLocal<MatchScratch> scratch = ThreadLocal.withInitial(MatchScratch::new);

    public FaqBot(BotStore store, StoreExecutor executor, BotMeters meters, int maxShops) {
        this(store, executor, meters, maxShops, true);
    }

    public FaqBot(BotStore store, StoreExecutor executor, BotMeters meters) {
        this(store, executor, meters, DEFAULT_MAX_SHOPS);
    }

    private FaqBot(BotStore store, StoreExecutor executor, BotMeters meters, int maxShops, boolean available) {
        this.store = store;
        this.executor = executor;
        this.cache = new BotCache(store, executor, maxShops);
        this.meters = meters;
        this.available = available;
    }

    /**
     * For a server built without the bot (tests of other parts): every shop has the default settings and
     * no FAQs, and every API call fails with {@code internal}.
     */
    public static FaqBot unavailable() {
        StoreExecutor none = new StoreExecutor() {
            @Override
            public <T> CompletableFuture<T> submit(Callable<T> task) {
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL,
                        "the FAQ bot is not wired into this server"));
            }

            @Override
            public int queueDepth() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        return new FaqBot(null, none, new BotMeters(new SimpleMeterRegistry()), 1, false);
    }

    // ---- routing side: in memory, never blocks ----

    /**
     * Completes when the shop's settings and FAQs are in memory. Completes on a store thread (or at once
     * when they are loaded): continue on your own executor. Fails when the store could not be read (an
     * unknown shop: {@code not_found}); asking again retries.
     */
    public CompletableFuture<Void> prepare(String shopId) {
        return available ? cache.prepare(shopId) : CompletableFuture.completedFuture(null);
    }

    /** Whether the shop's bot is in memory. */
    public boolean ready(String shopId) {
        return !available || cache.loaded(shopId);
    }

    /** The shop's settings; the defaults (bot off) until they are in memory (this starts loading them). */
    public BotSettings settings(String shopId) {
        return matcher(shopId).settings();
    }

    /** What the bot makes of a buyer's message (see {@link FaqMatcher} for how); counted in the meters. */
    public BotReply reply(String shopId, String text) {
        BotReply r = matcher(shopId).reply(text, scratch.get());
        meters.replied(r);
        return r;
    }

    /** The shop's FAQ with this id, for a buyer who picked a suggestion; counted as a pick when found. */
    public Optional<Faq> faq(String shopId, String faqId) {
        Optional<Faq> f = matcher(shopId).faq(faqId);
        if (f.isPresent()) {
            meters.picked();
        }
        return f;
    }

    public BotMeters meters() {
        return meters;
    }

    // ---- API side: on the store executor ----

    /** The shop's settings as stored. */
    public CompletableFuture<BotSettings> storedSettings(String shopId) {
        return executor.submit(() -> store.settings(shopId));
    }

    /** Applies {@code change} to the stored settings; {@code by} is who asked (for the log). */
    public CompletableFuture<BotSettings> updateSettings(String shopId, UnaryOperator<BotSettings> change, String by) {
        return executor.submit(() -> {
            BotSettings s = store.updateSettings(shopId, change);
            cache.reload(shopId);
            log.info("Bot settings changed shop={} enabled={} by={}", shopId, s.enabled(), by);
            return s;
        });
    }

    /** The shop's FAQs as stored, oldest first. */
    public CompletableFuture<List<Faq>> faqs(String shopId) {
        return executor.submit(() -> store.faqs(shopId));
    }

    /** Stores a new FAQ (the draft is checked first, on the caller's thread). */
    public CompletableFuture<Faq> createFaq(String shopId, Faq draft, String by) {
        Faq checked = draft.check();
        return executor.submit(() -> {
            Faq f = store.create(shopId, checked, Faq.MAX_PER_SHOP);
            cache.reload(shopId);
            log.info("FAQ created shop={} faq={} by={}", shopId, f.id(), by);
            return f;
        });
    }

    /** Applies {@code edit} to the stored FAQ; {@code not_found} when the shop has no such FAQ. */
    public CompletableFuture<Faq> updateFaq(String shopId, String faqId, UnaryOperator<Faq> edit, String by) {
        return executor.submit(() -> {
            Faq current = store.find(shopId, faqId).orElseThrow(() -> notFound(shopId, faqId));
            Faq f = store.update(shopId, edit.apply(current).withId(faqId).check())
                    .orElseThrow(() -> notFound(shopId, faqId));
            cache.reload(shopId);
            log.info("FAQ changed shop={} faq={} by={}", shopId, faqId, by);
            return f;
        });
    }

    public CompletableFuture<Void> deleteFaq(String shopId, String faqId, String by) {
        return executor.submit(() -> {
            if (!store.delete(shopId, faqId)) {
                throw notFound(shopId, faqId);
            }
            cache.reload(shopId);
            log.info("FAQ deleted shop={} faq={} by={}", shopId, faqId, by);
            return null;
        });
    }

    /** Shops whose bot is held now (tests). */
    long cachedShops() {
        return cache.size();
    }

    private FaqMatcher matcher(String shopId) {
        return available ? cache.matcher(shopId) : BotCache.NOT_LOADED;
    }

    private static KefuException notFound(String shopId, String faqId) {
        return KefuException.notFound("FAQ '" + faqId + "' not found in shop " + shopId);
    }
}
