package io.kefu.server.compliance;

import io.kefu.server.ManualExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.AuditRecord;
import io.kefu.server.store.ComplianceStore;
import io.kefu.server.store.Database.Dialect;
import io.kefu.server.store.JdbcComplianceStore;
import io.kefu.server.store.TestDatabases;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit path end to end: filter → masked entry → writer thread → database → read back, on both dialects. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class AuditWriterTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final IdGenerator ids = new IdGenerator(1);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private static AuditEntry entry(String id, String shop, long ts) {
        return new AuditEntry(id, shop, ts, Sender.AGENT, "agent-1", "conv-1", "r1", "rule", RuleAction.WARN, "x");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void blockedMessagesAreAuditedMaskedAndReadBackNewestFirst(Dialect d) {
        ComplianceStore store = new JdbcComplianceStore(databases.get(d));
        try (AuditWriter writer = new AuditWriter(store, new AuditWriter.Settings(100, 3))) {
            ComplianceFilter filter = new ComplianceFilter(store, ManualExecutor.direct(), writer, ids,
                    Clock.systemUTC());
            ComplianceRules rules = new ComplianceRules(store, filter, ids, Clock.systemUTC());
            String shop = "shop-" + d;
            List<String> texts = List.of("加我微信 ab123489", "电话 13812345678", "邮箱 kefu123@example.com",
                    "vx: shop_2024", "QQ 123456789", "https://example.com/x", "加V");

            for (String text : texts) {
                filter.audit(shop, Sender.AGENT, "agent-1", "conv-1", filter.check(shop, "agent", text), text);
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> writer.written() == texts.size());

            List<AuditEntry> read = rules.audit(shop, 0, Long.MAX_VALUE, 100);
            assertThat(read).hasSize(texts.size());
            assertThat(read.get(read.size() - 1).excerpt()).isEqualTo("加我微信 ab****89");
            assertThat(read.get(read.size() - 1).ruleId()).isEqualTo("builtin-wechat");
            assertThat(read).extracting(AuditEntry::excerpt).noneMatch(e -> e.contains("13812345678")
                    || e.contains("kefu123") || e.contains("123456789") || e.contains("shop_2024"));
            assertThat(read).extracting(AuditEntry::ts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(rules.audit(shop, 0, Long.MAX_VALUE, 2)).containsExactlyElementsOf(read.subList(0, 2));
            assertThat(rules.audit("another-shop", 0, Long.MAX_VALUE, 100)).isEmpty();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryComplianceStore slow = new InMemoryComplianceStore() {
            @Override
            public void insertAudit(List<AuditRecord> entries) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.insertAudit(entries);
            }
        };
        try (AuditWriter writer = new AuditWriter(slow, new AuditWriter.Settings(1, 1))) {
            assertThat(writer.offer(entry("1", "s", 1))).isTrue();
            await().until(() -> writer.depth() == 0); // the writer holds it, stuck in the store

            boolean second = writer.offer(entry("2", "s", 2));
            boolean third = writer.offer(entry("3", "s", 3));
            release.countDown();

            assertThat(second).isTrue();
            assertThat(third).isFalse();
            assertThat(writer.dropped()).isEqualTo(1);
            await().until(() -> writer.written() == 2);
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesMore() {
        InMemoryComplianceStore store = new InMemoryComplianceStore();
        AuditWriter writer = new AuditWriter(store, new AuditWriter.Settings(1_000, 7));
        for (int i = 0; i < 100; i++) {
            writer.offer(entry("e" + i, "s", i));
        }

        writer.close();

        assertThat(writer.written()).isEqualTo(100);
        assertThat(store.audit("s", 0, Long.MAX_VALUE, 1_000)).hasSize(100);
        assertThat(writer.offer(entry("late", "s", 1))).isFalse();
    }

    @Test
    void aBatchTheDatabaseRefusesIsRetriedOnceThenDropped() {
        InMemoryComplianceStore broken = new InMemoryComplianceStore() {
            @Override
            public void insertAudit(List<AuditRecord> entries) {
                throw new IllegalStateException("database down");
            }
        };
        try (AuditWriter writer = new AuditWriter(broken, AuditWriter.Settings.DEFAULT)) {
            writer.offer(entry("1", "s", 1));

            await().until(() -> writer.dropped() == 1);
            assertThat(writer.written()).isZero();
        }
    }
}
