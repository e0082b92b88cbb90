package io.kefu.server.compliance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.RuleRecord;
import io.kefu.server.store.StoreExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled rules in memory: the platform's (built-in rules first) and, per shop, the shop's own, loaded
 * on first use. Readers ({@link #platform()}, {@link #shop}) never block: a shop that is not loaded yet reads
 * as having no rules of its own while its load runs on the store executor.
 *
 * <p>Every load and reload takes a generation number before it reads the store and installs its result
 * only over an older one, so when two changes race, the rules installed last are those read last, which
 * include both changes.
 *
 * <p>Threads: the readers on any thread (router lanes); loads run on the store executor; {@link #reloadShop}
 * and {@link #reloadPlatform} run on the calling store thread.
 */
final class RuleCache {
    private static final Logger log = LoggerFactory.getLogger(RuleCache.class);

    /** A shop's rules: {@code rules} is null while the first load runs; {@code ready} completes when loaded. */
    private record Entry(long generation, CompiledRules rules, CompletableFuture<Void> ready) {
    }

    /** The platform's rules in force and the generation they were read in. */
    private record Installed(long generation, CompiledRules rules) {
    }

    private final ComplianceStore store;
    private final StoreExecutor executor;
    private final AtomicLong generations = new AtomicLong();
    private final AtomicReference<Installed> platform;
    /** The platform's first load: null until started, replaced when it failed. */
    private final AtomicReference<CompletableFuture<Void>> platformLoad = new AtomicReference<>();
    private final Cache<String, Entry> shops;

    RuleCache(ComplianceStore store, StoreExecutor executor, int maxShops) {
        this.store = store;
        this.executor = executor;
        this.platform = new AtomicReference<>(new Installed(0, CompiledRules.compile(BuiltInRules.ALL)));
        this.shops = Caffeine.newBuilder().maximumSize(maxShops).build();
    }

    CompiledRules platform() {
        return platform.get().rules();
    }

    /** The shop's own rules; none while they load (the load is started here). */
    CompiledRules shop(String shopId) {
        Entry e = shops.getIfPresent(shopId);
        if (e == null) {
            startLoad(shopId);
            return CompiledRules.NONE;
        }
        return e.rules() == null ? CompiledRules.NONE : e.rules();
    }

    boolean shopLoaded(String shopId) {
        Entry e = shops.getIfPresent(shopId);
        return e != null && e.rules() != null;
    }

    /**
     * Completes once the platform's stored rules and the shop's rules are in memory, on a store thread (or
     * at once, on the caller's, when they are). Fails when a load failed; asking again retries.
     */
    CompletableFuture<Void> prepare(String shopId) {
        Entry e = shops.getIfPresent(shopId);
        CompletableFuture<Void> shopReady = e == null ? startLoad(shopId) : e.ready();
        return CompletableFuture.allOf(loadPlatform(), shopReady);
    }

    /** Starts loading the platform's stored rules on the store executor, unless that is done or under way. */
    CompletableFuture<Void> loadPlatform() {
        CompletableFuture<Void> current = platformLoad.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!platformLoad.compareAndSet(current, mine)) {
            return platformLoad.get();
        }
        long generation = generations.incrementAndGet();
        executor.submit(() -> compilePlatform(store.platformRules())).whenComplete((rules, error) -> {
            if (error != null) {
                log.error("Cannot load the platform's compliance rules; the built-in rules apply meanwhile: {}",
                        error.toString());
                mine.completeExceptionally(error);
            } else {
                installPlatform(generation, rules);
                mine.complete(null);
            }
        });
        return mine;
    }

    /** Reads and installs the platform's rules now; on a store thread, after a change. */
    void reloadPlatform() {
        long generation = generations.incrementAndGet();
        installPlatform(generation, compilePlatform(store.platformRules()));
    }

    /** Reads and installs the shop's rules now; on a store thread, after a change. */
    void reloadShop(String shopId) {
        long generation = generations.incrementAndGet();
        installShop(shopId, generation, compile(store.shopRules(shopId)));
    }

    private CompletableFuture<Void> startLoad(String shopId) {
        Entry placeholder = new Entry(generations.incrementAndGet(), null, new CompletableFuture<>());
        Entry existing = shops.asMap().putIfAbsent(shopId, placeholder);
        if (existing != null) {
            return existing.ready();
        }
        executor.submit(() -> compile(store.shopRules(shopId))).whenComplete((rules, error) -> {
            if (error != null) {
                shops.asMap().remove(shopId, placeholder);
                if (KefuException.unwrap(error) instanceof KefuException k && k.code() == ErrorCode.OVERLOADED) {
                    log.debug("Compliance rules of shop {} not loaded, the store is busy (next check retries)", shopId);
                } else {
                    log.warn("Cannot load the compliance rules of shop {} (next check retries): {}", shopId,
                            error.toString());
                }
                placeholder.ready().completeExceptionally(error);
            } else {
                installShop(shopId, placeholder.generation(), rules);
                placeholder.ready().complete(null);
            }
        });
        return placeholder.ready();
    }

    private void installShop(String shopId, long generation, CompiledRules rules) {
        Entry[] replaced = new Entry[1];
        shops.asMap().compute(shopId, (id, old) -> {
            if (old == null || old.rules() == null || old.generation() < generation) {
                replaced[0] = old;
                return new Entry(generation, rules, CompletableFuture.completedFuture(null));
            }
            return old;
        });
        if (replaced[0] != null && replaced[0].rules() == null) {
            replaced[0].ready().complete(null);
        }
    }

    private void installPlatform(long generation, CompiledRules rules) {
        Installed installed = platform.updateAndGet(old -> old.generation() < generation
                ? new Installed(generation, rules) : old);
        if (installed.rules() == rules) {
            log.info("Platform compliance rules in force: {} built-in, {} stored", BuiltInRules.ALL.size(),
                    rules.rules().size() - BuiltInRules.ALL.size());
        }
    }

    private static CompiledRules compilePlatform(List<RuleRecord> stored) {
        List<Rule> all = new ArrayList<>(BuiltInRules.ALL);
        all.addAll(convert(stored));
        return CompiledRules.compile(all);
    }

    private static CompiledRules compile(List<RuleRecord> stored) {
        return stored.isEmpty() ? CompiledRules.NONE : CompiledRules.compile(convert(stored));
    }

    private static List<Rule> convert(List<RuleRecord> stored) {
        List<Rule> rules = new ArrayList<>(stored.size());
        for (RuleRecord r : stored) {
            try {
                rules.add(Rule.fromRecord(r));
            } catch (IllegalArgumentException e) {
                log.warn("Skipping a stored compliance rule: {}", e.getMessage());
            }
        }
        return rules;
    }
}
