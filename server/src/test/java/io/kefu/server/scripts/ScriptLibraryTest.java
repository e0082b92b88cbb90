package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcScriptStore;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.ScriptStore;
import io.kefu.server.store.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The library over a real H2 store and a real store executor: caching, visibility, rules and use counts. */
@Timeout(30)
class ScriptLibraryTest {
    private static final String STORE_THREAD = "script-test-store";

    private final Database db = TestDatabases.h2();
    private final ScriptStore jdbc = new JdbcScriptStore(db, new IdGenerator(1), Clock.systemUTC());
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final BoundedStoreExecutor executor = new BoundedStoreExecutor(STORE_THREAD, 2, 100);
    private final ScriptLibrary library = library(ScriptLibrary.Settings.DEFAULT);
    private final String shop = new JdbcShopStore(db, new IdGenerator(2)).createShop("Tea House").id();
    private final Principal li = Principal.staff("li", Role.AGENT, shop, "小李");
    private final Principal zhou = Principal.staff("zhou", Role.AGENT, shop, "小周");
    private final Principal supervisor = Principal.staff("wang", Role.SUPERVISOR, shop, "王主管");

    @AfterEach
    void close() {
        library.close();
        executor.close();
        db.close();
    }

    private ScriptLibrary library(ScriptLibrary.Settings settings) {
        return new ScriptLibrary(counted(jdbc), executor, Clock.systemUTC(), settings);
    }

    /** The store, counting calls by method and failing any made outside a store thread. */
    private ScriptStore counted(ScriptStore target) {
        return (ScriptStore) Proxy.newProxyInstance(ScriptStore.class.getClassLoader(), new Class<?>[] {ScriptStore.class},
                (proxy, method, args) -> {
                    if (!Thread.currentThread().getName().startsWith(STORE_THREAD)) {
                        throw new AssertionError("ScriptStore." + method.getName() + " called on "
                                + Thread.currentThread().getName());
                    }
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private int loads() {
        return calls.getOrDefault("shopScripts", new AtomicInteger()).get();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private Script create(Script draft, Principal who) throws Exception {
        return await(library.create(draft, who));
    }

    private List<String> titles(String query, Principal who) throws Exception {
        return await(library.search(shop, who, query, null, 20)).stream().map(Script::title).toList();
    }

    private static void assertCode(ErrorCode code, ThrowingCall call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void aShopIsLoadedOnceOnTheStoreExecutorAndServedFromTheCache() throws Exception {
        create(Script.shopDraft(shop, "物流", "发货时间", "fh", "48小时内发货"), supervisor);

        List<String> first = titles("发货", li);
        List<String> second = titles("fh", zhou);

        assertThat(first).containsExactly("发货时间");
        assertThat(second).containsExactly("发货时间");
        assertThat(loads()).isEqualTo(1);
    }

    @Test
    void everyChangeIsSeenByTheNextSearch() throws Exception {
        Script s = create(Script.shopDraft(shop, "物流", "发货时间", "fh", "48小时内发货"), supervisor);
        assertThat(titles("发货", li)).containsExactly("发货时间");

        await(library.update(shop, s.id(), supervisor, x -> x.withTitle("发货说明")));
        List<String> afterEdit = titles("发货", li);
        create(Script.shopDraft(shop, "物流", "延迟发货", null, "抱歉"), supervisor);
        List<String> afterCreate = titles("发货", li);
        await(library.renameCategory(shop, "物流", "快递", supervisor));
        Map<String, Integer> categories = await(library.categories(shop, li));
        await(library.delete(shop, s.id(), supervisor));
        List<String> afterDelete = titles("发货", li);

        assertThat(afterEdit).containsExactly("发货说明");
        assertThat(afterCreate).containsExactly("发货说明", "延迟发货");
        assertThat(categories).containsExactly(Map.entry("快递", 2));
        assertThat(afterDelete).containsExactly("延迟发货");
    }

    @Test
    void personalScriptsAreTheirOwnersAlone() throws Exception {
        Script mine = create(Script.personalDraft(shop, "li", "我的", "我的开场白", "kc", "您好呀"), li);

        assertThat(titles("开场白", li)).containsExactly("我的开场白");
        assertThat(titles("开场白", zhou)).isEmpty();
        assertThat(titles("开场白", supervisor)).isEmpty();
        assertThat(titles("开场白", Principal.platformAdmin())).isEmpty();
        assertThat(await(library.findAsync(shop, mine.id(), li))).isPresent();
        assertThat(await(library.findAsync(shop, mine.id(), supervisor))).isEmpty();
        assertCode(ErrorCode.NOT_FOUND, () -> await(library.update(shop, mine.id(), supervisor, x -> x.withTitle("x"))));
        assertCode(ErrorCode.NOT_FOUND, () -> await(library.delete(shop, mine.id(), zhou)));
        assertThat(await(library.update(shop, mine.id(), li, x -> x.withTitle("新开场白"))).title()).isEqualTo("新开场白");
    }

    @Test
    void onlyManagersChangeShopScripts() throws Exception {
        Script s = create(Script.shopDraft(shop, "通用", "欢迎", "hi", "您好"), supervisor);

        assertCode(ErrorCode.FORBIDDEN, () -> await(library.update(shop, s.id(), li, x -> x.withTitle("x"))));
        assertCode(ErrorCode.FORBIDDEN, () -> await(library.delete(shop, s.id(), li)));
        assertThat(await(library.update(shop, s.id(), Principal.platformAdmin(), x -> x.withBody("您好！"))).body())
                .isEqualTo("您好！");
        Principal otherShopsSupervisor = Principal.staff("x", Role.SUPERVISOR, "other-shop", "x");
        assertCode(ErrorCode.NOT_FOUND, () -> await(library.update("other-shop", s.id(), otherShopsSupervisor,
                x -> x.withTitle("x"))));
    }

    @Test
    void aBadEditIsRefusedNamingTheField() throws Exception {
        Script s = create(Script.shopDraft(shop, "通用", "欢迎", "hi", "您好"), supervisor);

        assertThatThrownBy(() -> await(library.update(shop, s.id(), supervisor, x -> x.withBody("{buyer.nmae}"))))
                .hasMessageContaining("'body'").hasMessageContaining("{buyer.nmae}");
        assertThatThrownBy(() -> library.create(Script.shopDraft(shop, "通用", "x".repeat(101), null, "b"), supervisor))
                .hasMessageContaining("'title'").hasMessageContaining("100");
    }

    @Test
    void findServesTheCachedIndexOrOneQuery() throws Exception {
        Script shared = create(Script.shopDraft(shop, "通用", "欢迎", "hi", "您好"), supervisor);
        Script zhous = create(Script.personalDraft(shop, "zhou", "我的", "周", null, "x"), zhou);

        CompletableFuture<Optional<Script>> uncached = executor.submit(() -> library.find(shop, shared.id(), li));
        assertThat(await(uncached)).map(Script::title).contains("欢迎");
        assertThat(loads()).as("a miss reads one script, not the shop").isZero();

        titles("", li);
        assertThat(library.find(shop, shared.id(), li)).map(Script::title).contains("欢迎");
        assertThat(library.find(shop, zhous.id(), li)).isEmpty();
        assertThat(library.find(shop, "no-such-script", li)).isEmpty();
        assertThat(library.find(shop, shared.id(), Principal.staff("x", Role.AGENT, "other-shop", "x")))
                .as("another shop's staff see no personal scripts here, but the API walls them off before")
                .isPresent();
    }

    @Test
    void usesRankAtOnceAndReachTheStoreInBatches() throws Exception {
        Script a = create(Script.shopDraft(shop, "物流", "发货 A", null, "x"), supervisor);
        Script b = create(Script.shopDraft(shop, "物流", "发货 B", null, "x"), supervisor);
        assertThat(titles("发货", li)).containsExactly("发货 A", "发货 B");

        library.recordUse(shop, b.id());
        library.recordUse(shop, b.id());
        List<String> ranked = titles("发货", li);
        library.changed(shop);
        List<String> reloadedBeforeTheWrite = titles("发货", li);
        await(library.flushUses());

        assertThat(ranked).containsExactly("发货 B", "发货 A");
        assertThat(reloadedBeforeTheWrite).as("pending uses count in a reload").containsExactly("发货 B", "发货 A");
        assertThat(jdbc.find(shop, b.id()).orElseThrow().uses()).isEqualTo(2);
        assertThat(jdbc.find(shop, a.id()).orElseThrow().uses()).isZero();
        assertThat(calls.get("addUses").get()).isEqualTo(1);
        library.changed(shop);
        assertThat(await(library.findAsync(shop, b.id(), li)).orElseThrow().uses()).as("not counted twice").isEqualTo(2);
    }

    @Test
    void usesAreWrittenWhenEnoughArePendingAndAtClose() throws Exception {
        ScriptLibrary eager = library(new ScriptLibrary.Settings(10, ScriptLimits.DEFAULT, 2, Duration.ofHours(1), 100));
        Script a = create(Script.shopDraft(shop, "c", "a", null, "x"), supervisor);
        Script b = create(Script.shopDraft(shop, "c", "b", null, "x"), supervisor);
        Script c = create(Script.shopDraft(shop, "c", "c", null, "x"), supervisor);

        eager.recordUse(shop, a.id());
        eager.recordUse(shop, b.id());
        org.awaitility.Awaitility.await().until(() -> jdbc.find(shop, b.id()).orElseThrow().uses() == 1);
        eager.recordUse(shop, c.id());
        eager.close();

        assertThat(jdbc.find(shop, a.id()).orElseThrow().uses()).isEqualTo(1);
        assertThat(jdbc.find(shop, c.id()).orElseThrow().uses()).isEqualTo(1);
    }

    @Test
    void theCacheHoldsAtMostTheConfiguredShops() throws Exception {
        ScriptLibrary small = library(ScriptLibrary.Settings.DEFAULT.withCacheShops(2));
        JdbcShopStore shops = new JdbcShopStore(db, new IdGenerator(3));

        for (int i = 0; i < 5; i++) {
            String id = shops.createShop("shop " + i).id();
            await(small.search(id, Principal.platformAdmin(), "", null, 10));
        }

        org.awaitility.Awaitility.await().until(() -> small.cachedShops() <= 2);
        assertThat(loads()).isEqualTo(5);
    }

    @Test
    void anUnknownShopIsNotFoundAndNotCached() {
        assertCode(ErrorCode.NOT_FOUND, () -> await(library.search("no-such-shop", Principal.platformAdmin(), "", null, 5)));
        assertCode(ErrorCode.NOT_FOUND, () -> await(library.search("no-such-shop", Principal.platformAdmin(), "", null, 5)));

        assertThat(loads()).isEqualTo(2);
    }
}
