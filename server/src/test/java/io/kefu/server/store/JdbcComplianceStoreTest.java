package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.Database.Dialect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compliance rules and audit entries on H2 and PostgreSQL (schema of {@code V4__compliance.sql}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcComplianceStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final IdGenerator ids = new IdGenerator(1);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private ComplianceStore store(Dialect d) {
        return new JdbcComplianceStore(databases.get(d));
    }

    private String shop(Dialect d) {
        return new JdbcShopStore(databases.get(d), ids).createShop("Tea House").id();
    }

    private RuleRecord rule(String shopId, String pattern, List<String> variants, long createdAt) {
        return new RuleRecord(ids.next(), shopId, "no " + pattern, "phrase", pattern, variants, "warn",
                List.of("agent", "buyer"), createdAt);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rulesAreStoredPerShopOrForThePlatformWithTheirVariants(Dialect d) {
        ComplianceStore store = store(d);
        String shop = shop(d);
        String other = shop(d);
        RuleRecord first = rule(shop, "假货", List.of("假 货", "jia货"), 1_000);
        RuleRecord second = rule(shop, "刷单", List.of(), 2_000);
        RuleRecord platform = new RuleRecord(ids.next(), null, "phones", "contact", "phone", List.of(), "block",
                List.of("agent", "bot"), 500);

        store.insertRule(second);
        store.insertRule(first);
        store.insertRule(platform);
        store.insertRule(rule(other, "别的", List.of(), 1_500));

        assertThat(store.shopRules(shop)).containsExactly(first, second);
        assertThat(store.platformRules()).contains(platform).allMatch(r -> r.shopId() == null);
        assertThat(store.countRules(shop)).isEqualTo(2);
        assertThat(store.findRule(first.id())).contains(first);
        assertThat(store.findRule("nope")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDeletedRuleIsGone(Dialect d) {
        ComplianceStore store = store(d);
        String shop = shop(d);
        RuleRecord r = rule(shop, "假货", List.of(), 1);
        store.insertRule(r);

        assertThat(store.deleteRule(r.id())).isTrue();
        assertThat(store.deleteRule(r.id())).isFalse();
        assertThat(store.shopRules(shop)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void auditEntriesAreReadNewestFirstWithinTheRangeAndLimit(Dialect d) {
        ComplianceStore store = store(d);
        String shop = shop(d);
        List<AuditRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new AuditRecord(ids.next(), shop, 1_000 + i, "agent", "a" + i, "c1", "builtin-phone",
                    "Mobile phone number", "block", "电话 13****78"));
        }
        batch.add(new AuditRecord(ids.next(), "another-shop", 1_002, "bot", null, null, "r1", "rule", "warn", "x"));

        store.insertAudit(batch);

        assertThat(store.audit(shop, 0, Long.MAX_VALUE, 100)).extracting(AuditRecord::ts)
                .containsExactly(1_004L, 1_003L, 1_002L, 1_001L, 1_000L);
        assertThat(store.audit(shop, 1_001, 1_004, 100)).extracting(AuditRecord::ts).containsExactly(1_003L, 1_002L,
                1_001L);
        assertThat(store.audit(shop, 0, Long.MAX_VALUE, 2)).extracting(AuditRecord::actorId).containsExactly("a4", "a3");
        assertThat(store.audit(shop, 0, Long.MAX_VALUE, 1).get(0)).isEqualTo(batch.get(4));
        assertThat(store.audit("another-shop", 0, Long.MAX_VALUE, 10))
                .extracting(AuditRecord::actorType, AuditRecord::actorId, AuditRecord::conv)
                .containsExactly(tuple("bot", null, null));
    }
}
