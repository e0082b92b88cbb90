package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.MutableClock;
import io.kefu.server.scripts.Script;
import io.kefu.server.scripts.ScriptLimits;
import io.kefu.server.scripts.ScriptScope;
import io.kefu.server.store.Database.Dialect;
import io.kefu.server.store.ScriptStore.ImportOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcScriptStoreTest {
    private static final ScriptLimits LIMITS = ScriptLimits.DEFAULT;
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    /** One generator per kind for the whole class: two generators of one node id can repeat an id. */
    private final IdGenerator scriptIds = new IdGenerator(1);
    private final IdGenerator shopIds = new IdGenerator(2);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private ScriptStore store(Dialect d) {
        return new JdbcScriptStore(databases.get(d), scriptIds, clock);
    }

    private String shop(Dialect d) {
        return new JdbcShopStore(databases.get(d), shopIds).createShop("Tea House").id();
    }

    private static void assertCode(ErrorCode code, Runnable call, String... messageParts) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KefuException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            for (String part : messageParts) {
                assertThat(e.getMessage()).contains(part);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void createdScriptsOfBothScopesAreReadBackAsStored(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);

        Script shared = store.create(Script.shopDraft(shop, "售后", "退款流程", "tk", "亲，退款请：\n1. 进入订单"), LIMITS);
        Script mine = store.create(Script.personalDraft(shop, "agent-li", "我的", "开场白", null, "您好呀～"), LIMITS);

        assertThat(shared.id()).isNotBlank();
        assertThat(shared.updatedAt()).isEqualTo(clock.millis());
        assertThat(store.find(shop, shared.id())).contains(shared);
        assertThat(store.find(shop, mine.id())).hasValueSatisfying(s -> {
            assertThat(s.scope()).isEqualTo(ScriptScope.PERSONAL);
            assertThat(s.ownerId()).isEqualTo("agent-li");
            assertThat(s.shortcut()).isNull();
        });
        assertThat(store.shopScripts(shop)).containsExactlyInAnyOrder(shared, mine);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anotherShopsScriptIsNotFound(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        String other = shop(d);
        Script s = store.create(Script.shopDraft(shop, "c", "t", null, "b"), LIMITS);

        assertThat(store.find(other, s.id())).isEmpty();
        assertThat(store.delete(other, s.id())).isFalse();
        assertCode(ErrorCode.NOT_FOUND, () -> store.update(new Script(s.id(), other, ScriptScope.SHOP, null, "c", "x",
                null, "b", 0, 0)), "not found");
        assertThat(store.shopScripts(other)).isEmpty();
        assertCode(ErrorCode.NOT_FOUND, () -> store.shopScripts("no-such-shop"), "shop");
        assertCode(ErrorCode.NOT_FOUND, () -> store.create(Script.shopDraft("no-such-shop", "c", "t", null, "b"), LIMITS),
                "no-such-shop");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aShortcutIsUniqueAmongTheShopScriptsAndAmongOneAgentsOwn(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        store.create(Script.shopDraft(shop, "c", "t1", "hi", "b"), LIMITS);
        store.create(Script.personalDraft(shop, "li", "c", "t2", "hi", "b"), LIMITS);

        Script zhous = store.create(Script.personalDraft(shop, "zhou", "c", "t3", "hi", "b"), LIMITS);

        assertThat(zhous.shortcut()).isEqualTo("hi");
        assertCode(ErrorCode.INVALID_STATE, () -> store.create(Script.shopDraft(shop, "c", "t4", "hi", "b"), LIMITS),
                "'hi'", "another shop script");
        assertCode(ErrorCode.INVALID_STATE, () -> store.create(Script.personalDraft(shop, "li", "c", "t5", "hi", "b"),
                LIMITS), "another of your personal scripts");
        assertThat(store.create(Script.shopDraft(shop, "c", "t6", null, "b"), LIMITS).shortcut())
                .as("any number of scripts without one").isNull();
        assertThat(store.create(Script.shopDraft(shop, "c", "t7", null, "b"), LIMITS).shortcut()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anUpdateChangesTheTextButKeepsScopeOwnerAndUses(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        Script s = store.create(Script.personalDraft(shop, "li", "c", "t", "a", "b"), LIMITS);
        store.create(Script.personalDraft(shop, "li", "c", "t2", "taken", "b"), LIMITS);
        store.addUses(Map.of(s.id(), 4L));
        clock.advance(java.time.Duration.ofMinutes(1));

        Script changed = store.update(s.withCategory("c2").withTitle("t2").withShortcut(null).withBody("b2")
                .withUses(999));

        assertThat(changed.uses()).isEqualTo(4);
        assertThat(changed.updatedAt()).isEqualTo(clock.millis());
        assertThat(store.find(shop, s.id())).contains(changed);
        assertThat(changed.ownerId()).isEqualTo("li");
        assertCode(ErrorCode.INVALID_STATE, () -> store.update(changed.withShortcut("taken")), "'taken'");
        assertThat(store.update(changed.withShortcut("a")).shortcut()).as("its own shortcut back").isEqualTo("a");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void countLimitsAreKept(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        ScriptLimits small = new ScriptLimits(2_000, 100, 32, 50, 3, 1, 10);
        store.create(Script.personalDraft(shop, "li", "c", "t", null, "b"), small);

        assertCode(ErrorCode.INVALID_STATE, () -> store.create(Script.personalDraft(shop, "li", "c", "t", null, "b"),
                small), "1 personal scripts");
        store.create(Script.shopDraft(shop, "c", "t", null, "b"), small);
        store.create(Script.shopDraft(shop, "c", "t", null, "b"), small);
        assertCode(ErrorCode.INVALID_STATE, () -> store.create(Script.shopDraft(shop, "c", "t", null, "b"), small),
                "3 scripts", "(3)");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anImportStoresNewRowsSkipsDuplicatesAndRefusesTakenShortcutsAndOverflow(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        store.create(Script.shopDraft(shop, "通用", "欢迎", "hi", "您好"), LIMITS);
        ScriptLimits four = LIMITS.withMaxPerShop(4);

        List<ImportOutcome> outcomes = store.importShopScripts(shop, List.of(
                Script.shopDraft(shop, "通用", "欢迎", "hi", "您好"),
                Script.shopDraft(shop, "通用", "另一个欢迎", "hi", "您好呀"),
                Script.shopDraft(shop, "物流", "发货", "fh", "48小时内"),
                Script.shopDraft(shop, "物流", "发货", "fh", "48小时内"),
                Script.shopDraft(shop, "物流", "到货", null, "3天"),
                Script.shopDraft(shop, "物流", "退货", null, "7天"),
                Script.shopDraft(shop, "物流", "换货", null, "7天")), four);

        assertThat(outcomes).containsExactly(ImportOutcome.DUPLICATE, ImportOutcome.SHORTCUT_TAKEN,
                ImportOutcome.IMPORTED, ImportOutcome.DUPLICATE, ImportOutcome.IMPORTED, ImportOutcome.IMPORTED,
                ImportOutcome.SHOP_FULL);
        assertThat(store.shopScripts(shop)).extracting(Script::title)
                .containsExactlyInAnyOrder("欢迎", "发货", "到货", "退货");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aCategoryIsRenamedAcrossTheShopScriptsOnly(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        String other = shop(d);
        store.create(Script.shopDraft(shop, "物流", "a", null, "b"), LIMITS);
        store.create(Script.shopDraft(shop, "物流", "b", null, "b"), LIMITS);
        store.create(Script.shopDraft(shop, "售后", "c", null, "b"), LIMITS);
        Script personal = store.create(Script.personalDraft(shop, "li", "物流", "d", null, "b"), LIMITS);
        store.create(Script.shopDraft(other, "物流", "e", null, "b"), LIMITS);

        int renamed = store.renameCategory(shop, "物流", "快递");

        assertThat(renamed).isEqualTo(2);
        assertThat(store.shopScripts(shop)).extracting(Script::title, Script::category).contains(
                org.assertj.core.groups.Tuple.tuple("a", "快递"), org.assertj.core.groups.Tuple.tuple("c", "售后"));
        assertThat(store.find(shop, personal.id()).orElseThrow().category()).isEqualTo("物流");
        assertThat(store.shopScripts(other).get(0).category()).isEqualTo("物流");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void usesAreAddedAndDeletedScriptsAreGone(Dialect d) {
        ScriptStore store = store(d);
        String shop = shop(d);
        Script a = store.create(Script.shopDraft(shop, "c", "a", null, "b"), LIMITS);
        Script b = store.create(Script.shopDraft(shop, "c", "b", null, "b"), LIMITS);

        store.addUses(Map.of(a.id(), 3L, b.id(), 1L, "gone", 5L));
        store.addUses(Map.of(a.id(), 2L));
        boolean deleted = store.delete(shop, b.id());

        assertThat(store.find(shop, a.id()).orElseThrow().uses()).isEqualTo(5);
        assertThat(deleted).isTrue();
        assertThat(store.find(shop, b.id())).isEmpty();
        assertThat(store.delete(shop, b.id())).isFalse();
    }
}
