package io.kefu.server.scripts;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.ScriptStore;
import io.kefu.server.store.ScriptStore.ImportOutcome;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The script library (话术库, contract §6): searches served from a per-shop {@link ScriptIndex} kept in a
 * Caffeine cache of at most {@link Settings#cacheShops()} shops, and every change to a shop's scripts,
 * which drops that shop's index once the change is committed, so the next search (the changer's
 * included, since it is answered after the drop) loads the new state.
 *
 * <p>Visibility: staff of the shop see its shop scripts and their own personal ones; the platform admin
 * sees the shop scripts; another agent's personal script is not found, whoever asks. Shop scripts are
 * changed by the shop's managers (supervisors, admins, the platform admin); a personal script only by its
 * owner. Role checks that need no data (who may call what) are the API's; the checks here need the
 * script.
 *
 * <p><b>Threads:</b> every method but {@link #find} and {@link #close} may be called on an event loop or
 * a router lane: none blocks. A cache miss loads on the store executor, and so does every write; the
 * futures complete on a store thread, or at once on the caller's thread when the index is cached.
 */
public final class ScriptLibrary implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptLibrary.class);

    /**
     * @param cacheShops     shops whose index is kept in memory (least recently used go first)
     * @param limits         lengths and counts
     * @param usesFlushAt    pending use counts that trigger a write
     * @param usesFlushAfter how long use counts may wait for a write while uses keep coming
     * @param maxPendingUses scripts whose uses may wait at once; beyond, uses are dropped
     */
    public record Settings(int cacheShops, ScriptLimits limits, int usesFlushAt, Duration usesFlushAfter,
                           int maxPendingUses) {
        public static final Settings DEFAULT = new Settings(1_000, ScriptLimits.DEFAULT, 1_000, Duration.ofSeconds(5),
                100_000);

        public Settings {
            if (cacheShops < 1 || usesFlushAt < 1 || maxPendingUses < 1 || usesFlushAfter.isNegative()) {
                throw new IllegalArgumentException("script library settings must be positive: " + cacheShops + ", "
                        + usesFlushAt + ", " + maxPendingUses + ", " + usesFlushAfter);
            }
        }

        public Settings withCacheShops(int value) {
            return new Settings(value, limits, usesFlushAt, usesFlushAfter, maxPendingUses);
        }

        public Settings withLimits(ScriptLimits value) {
            return new Settings(cacheShops, value, usesFlushAt, usesFlushAfter, maxPendingUses);
        }
    }

    private final ScriptStore store;
    private final StoreExecutor executor;
    private final Settings settings;
    /**
     * A failed load is held as a {@link Load} with its failure rather than a failed future: Caffeine logs
     * every failed future with a stack trace, and an unknown shop or a full store queue is no such event.
     * The failed entry is removed by whoever reads it.
     */
    private final AsyncCache<String, Load> indexes;
    private final ScriptUses uses;

    public ScriptLibrary(ScriptStore store, StoreExecutor executor, Clock clock, Settings settings) {
        this.store = store;
        this.executor = executor;
        this.settings = settings;
        this.indexes = Caffeine.newBuilder().maximumSize(settings.cacheShops()).buildAsync();
        this.uses = new ScriptUses(store, executor, clock, settings.usesFlushAt(), settings.usesFlushAfter().toMillis(),
                settings.maxPendingUses());
    }

    public ScriptLimits limits() {
        return settings.limits();
    }

    // ---- reads ----

    /** The best {@code limit} scripts for the query that {@code who} may see (ranking: {@link ScriptIndex}). */
    public CompletableFuture<List<Script>> search(String shopId, Principal who, String query, String category,
                                                  int limit) {
        String viewer = viewerId(who, shopId);
        return index(shopId).thenApply(ix -> ix.search(query, category, viewer, limit));
    }

    /** Category names of the scripts {@code who} may see, with counts, by name. */
    public CompletableFuture<Map<String, Integer>> categories(String shopId, Principal who) {
        String viewer = viewerId(who, shopId);
        return index(shopId).thenApply(ix -> ix.categories(viewer));
    }

    /** The shop scripts, as an export holds them. */
    public CompletableFuture<List<Script>> shopScripts(String shopId) {
        return index(shopId).thenApply(ScriptIndex::shopScripts);
    }

    /** The script when {@code who} may see it: from the cached index, or loaded on the store executor. */
    public CompletableFuture<Optional<Script>> findAsync(String shopId, String scriptId, Principal who) {
        String viewer = viewerId(who, shopId);
        return index(shopId).thenApply(ix -> ix.find(scriptId, viewer));
    }

    /**
     * The script when {@code who} may see it. From the cached index when the shop's is loaded; otherwise
     * one query on the calling thread, which must therefore be a store thread (never an event loop or a
     * router lane: use {@link #findAsync} there).
     */
    public Optional<Script> find(String shopId, String scriptId, Principal who) {
        String viewer = viewerId(who, shopId);
        Optional<ScriptIndex> cached = cached(shopId);
        if (cached.isPresent()) {
            return cached.get().find(scriptId, viewer);
        }
        return store.find(shopId, scriptId).filter(s -> s.visibleTo(viewer))
                .map(s -> s.withUses(s.uses() + uses.pendingFor(shopId).getOrDefault(s.id(), 0L)));
    }

    /** Counts one use of the script (a {@code send} of it); never blocks, written in batches. */
    public void recordUse(String shopId, String scriptId) {
        uses.record(shopId, scriptId);
        cached(shopId).ifPresent(ix -> ix.addUse(scriptId));
    }

    /** Writes the pending use counts now; completes when they are committed (tests, shutdown). */
    public CompletableFuture<Void> flushUses() {
        return uses.flush();
    }

    // ---- writes: each drops the shop's index once committed ----

    /** Stores a new script; the caller has checked that {@code who} may create one of its scope. */
    public CompletableFuture<Script> create(Script draft, Principal who) {
        Script checked = ScriptRules.check(draft, settings.limits());
        return executor.submit(() -> store.create(checked, settings.limits())).thenApply(s -> {
            changed(s.shopId());
            log.info("Script created shop={} script={} scope={} by={}", s.shopId(), s.id(), s.scope().wire(),
                    who.userId());
            return s;
        });
    }

    /** Applies {@code edit} to the script (whose fields it may change: category, title, shortcut, body). */
    public CompletableFuture<Script> update(String shopId, String scriptId, Principal who, UnaryOperator<Script> edit) {
        return executor.submit(() -> {
            Script current = editable(shopId, scriptId, who);
            return store.update(ScriptRules.check(edit.apply(current), settings.limits()));
        }).thenApply(s -> {
            changed(shopId);
            log.info("Script changed shop={} script={} by={}", shopId, s.id(), who.userId());
            return s;
        });
    }

    public CompletableFuture<Void> delete(String shopId, String scriptId, Principal who) {
        return executor.submit(() -> {
            editable(shopId, scriptId, who);
            if (!store.delete(shopId, scriptId)) {
                throw notFound(shopId, scriptId);
            }
            return (Void) null;
        }).thenApply(ignored -> {
            changed(shopId);
            log.info("Script deleted shop={} script={} by={}", shopId, scriptId, who.userId());
            return null;
        });
    }

    /** Stores an import's good rows; the caller has checked that {@code who} manages the shop. */
    public CompletableFuture<ScriptImport.Result> importShopScripts(String shopId, ScriptImport.Parsed parsed,
                                                                    Principal who) {
        List<Script> drafts = parsed.rows().stream().map(ScriptImport.Row::draft).toList();
        return executor.submit(() -> store.importShopScripts(shopId, drafts, settings.limits())).thenApply(outcomes -> {
            ScriptImport.Result result = result(parsed, outcomes);
            if (result.imported() > 0) {
                changed(shopId);
            }
            log.info("Scripts imported shop={} imported={} skipped={} refused={} by={}", shopId, result.imported(),
                    result.skipped(), result.errors().size(), who.userId());
            return result;
        });
    }

    /** Renames a category of the shop scripts; the caller has checked that {@code who} manages the shop. */
    public CompletableFuture<Integer> renameCategory(String shopId, String from, String to, Principal who) {
        String checkedFrom = ScriptRules.category("from", from, settings.limits());
        String checkedTo = ScriptRules.category("to", to, settings.limits());
        return executor.submit(() -> store.renameCategory(shopId, checkedFrom, checkedTo)).thenApply(n -> {
            if (n > 0) {
                changed(shopId);
            }
            log.info("Script category renamed shop={} scripts={} by={}", shopId, n, who.userId());
            return n;
        });
    }

    /** Drops the shop's index: the next read loads it again. */
    public void changed(String shopId) {
        indexes.synchronous().invalidate(shopId);
    }

    /** Shops whose index is held now, after any pending eviction (tests). */
    long cachedShops() {
        indexes.synchronous().cleanUp();
        return indexes.synchronous().estimatedSize();
    }

    /** Writes the pending use counts (waits a few seconds at most). Call before the store executor closes. */
    @Override
    public void close() {
        uses.close();
    }

    // ---- rules that need the script ----

    /** Whether {@code who} manages the shop's scripts: its supervisors and admins, or the platform admin. */
    public static boolean manages(Principal who, String shopId) {
        return Permissions.allows(who, Permission.SHOP_SCRIPTS, shopId);
    }

    /** Whose personal scripts {@code who} sees in this shop: their own if they are its staff, else none. */
    static String viewerId(Principal who, String shopId) {
        return who.isStaffOf(shopId) ? who.userId() : null;
    }

    /** Runs on a store thread. */
    private Script editable(String shopId, String scriptId, Principal who) {
        Script current = store.find(shopId, scriptId).filter(s -> s.visibleTo(viewerId(who, shopId)))
                .orElseThrow(() -> notFound(shopId, scriptId));
        if (current.scope() == ScriptScope.SHOP && !manages(who, shopId)) {
            throw KefuException.forbidden("only supervisors and admins of shop " + shopId
                    + " may change its shop scripts");
        }
        return current;
    }

    /** A loaded index or a load's failure. */
    private record Load(ScriptIndex index, Throwable failure) {
    }

    private CompletableFuture<ScriptIndex> index(String shopId) {
        CompletableFuture<Load> loading = indexes.get(shopId, (id, ignored) -> executor.submit(() -> load(id))
                .handle(Load::new));
        return loading.thenApply(load -> {
            if (load.failure() == null) {
                return load.index();
            }
            indexes.asMap().remove(shopId, loading);
            Throwable cause = KefuException.unwrap(load.failure());
            throw cause instanceof RuntimeException e ? e : new java.util.concurrent.CompletionException(cause);
        });
    }

    /** The shop's index if it is loaded now; never waits. */
    private Optional<ScriptIndex> cached(String shopId) {
        CompletableFuture<Load> f = indexes.getIfPresent(shopId);
        return f == null || !f.isDone() ? Optional.empty() : Optional.ofNullable(f.join().index());
    }

    /** Runs on a store thread. */
    private ScriptIndex load(String shopId) {
        List<Script> scripts = store.shopScripts(shopId);
        Map<String, Long> waiting = uses.pendingFor(shopId);
        List<Script> counted = waiting.isEmpty() ? scripts : scripts.stream()
                .map(s -> s.withUses(s.uses() + waiting.getOrDefault(s.id(), 0L))).toList();
        return ScriptIndex.of(shopId, counted);
    }

    private ScriptImport.Result result(ScriptImport.Parsed parsed, List<ImportOutcome> outcomes) {
        int imported = 0;
        int skipped = 0;
        List<ScriptImport.ImportError> errors = new ArrayList<>(parsed.errors());
        for (int i = 0; i < outcomes.size(); i++) {
            ScriptImport.Row row = parsed.rows().get(i);
            switch (outcomes.get(i)) {
                case IMPORTED -> imported++;
                case DUPLICATE -> skipped++;
                case SHORTCUT_TAKEN -> errors.add(new ScriptImport.ImportError(row.line(), "shortcut '"
                        + row.draft().shortcut() + "' is already used by another shop script"));
                case SHOP_FULL -> errors.add(new ScriptImport.ImportError(row.line(), "the shop already has the"
                        + " most scripts it may have (" + settings.limits().maxPerShop() + ")"));
            }
        }
        return new ScriptImport.Result(imported, skipped, errors);
    }

    private static KefuException notFound(String shopId, String scriptId) {
        return KefuException.notFound("script '" + scriptId + "' not found in shop " + shopId);
    }
}
