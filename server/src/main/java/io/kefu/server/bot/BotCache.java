package io.kefu.server.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.BotStore;
import io.kefu.server.store.StoreExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each shop's compiled bot ({@link FaqMatcher}), loaded on first use, in a Caffeine cache of at most
 * {@code maxShops} shops. Readers never block: a shop that is not loaded yet reads as
 * {@link #NOT_LOADED} (default settings, no FAQs) while its load runs on the store executor.
 *
 * <p>Every load and reload takes a generation number before it reads the store and installs its result
 * only over an older one, so when two changes race, the bot installed last is the one read last, which
 * includes both changes.
 *
 * <p>Threads: readers on any thread (router lanes, event loops); loads on the store executor;
 * {@link #reload} on the calling store thread.
 */
final class BotCache {
    private static final Logger log = LoggerFactory.getLogger(BotCache.class);
    static final FaqMatcher NOT_LOADED = FaqMatcher.compile(BotSettings.DEFAULT, List.of());

    /** A shop's bot: {@code matcher} is null while the first load runs; {@code ready} completes when loaded. */
    private record Entry(long generation, FaqMatcher matcher, CompletableFuture<Void> ready) {
    }

    private final BotStore store;
    private final StoreExecutor executor;
    private final AtomicLong generations = new AtomicLong();
    private final Cache<String, Entry> shops;

    BotCache(BotStore store, StoreExecutor executor, int maxShops) {
        this.store = store;
        this.executor = executor;
        this.shops = Caffeine.newBuilder().maximumSize(maxShops).build();
    }

    /** The shop's bot; {@link #NOT_LOADED} while it loads (the load is started here). */
    FaqMatcher matcher(String shopId) {
        Entry e = shops.getIfPresent(shopId);
        if (e == null) {
            startLoad(shopId);
            return NOT_LOADED;
        }
        return e.matcher() == null ? NOT_LOADED : e.matcher();
    }

    boolean loaded(String shopId) {
        Entry e = shops.getIfPresent(shopId);
        return e != null && e.matcher() != null;
    }

    /** Completes once the shop's bot is in memory, on a store thread (or at once when it is). */
    CompletableFuture<Void> prepare(String shopId) {
        Entry e = shops.getIfPresent(shopId);
        return e == null ? startLoad(shopId) : e.ready();
    }

    /** Reads and installs the shop's bot now; on a store thread, after a change. */
    void reload(String shopId) {
        long generation = generations.incrementAndGet();
        install(shopId, generation, compile(store.load(shopId)));
    }

    /** Shops held now, after any pending eviction (tests). */
    long size() {
        shops.cleanUp();
        return shops.estimatedSize();
    }

    private CompletableFuture<Void> startLoad(String shopId) {
        Entry placeholder = new Entry(generations.incrementAndGet(), null, new CompletableFuture<>());
        Entry existing = shops.asMap().putIfAbsent(shopId, placeholder);
        if (existing != null) {
            return existing.ready();
        }
        executor.submit(() -> compile(store.load(shopId))).whenComplete((matcher, error) -> {
            if (error != null) {
                shops.asMap().remove(shopId, placeholder);
                Throwable cause = KefuException.unwrap(error);
                if (cause instanceof KefuException k && k.code() == ErrorCode.OVERLOADED) {
                    log.debug("FAQ bot of shop {} not loaded, the store is busy (next use retries)", shopId);
                } else {
                    log.warn("Cannot load the FAQ bot of shop {} (next use retries): {}", shopId, cause.toString());
                }
                placeholder.ready().completeExceptionally(error);
            } else {
                install(shopId, placeholder.generation(), matcher);
                placeholder.ready().complete(null);
            }
        });
        return placeholder.ready();
    }

    private void install(String shopId, long generation, FaqMatcher matcher) {
        Entry[] replaced = new Entry[1];
        shops.asMap().compute(shopId, (id, old) -> {
            if (old == null || old.matcher() == null || old.generation() < generation) {
                replaced[0] = old;
                return new Entry(generation, matcher, CompletableFuture.completedFuture(null));
            }
            return old;
        });
        if (replaced[0] != null && replaced[0].matcher() == null) {
            replaced[0].ready().complete(null);
        }
    }

    private static FaqMatcher compile(BotStore.ShopBot bot) {
        return FaqMatcher.compile(bot.settings(), bot.faqs());
    }
}
