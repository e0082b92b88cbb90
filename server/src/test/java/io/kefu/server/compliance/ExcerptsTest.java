package io.kefu.server.compliance;

import io.kefu.server.ManualExecutor;
import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.base.IdGenerator;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Audit excerpts: the match in context, with no full contact detail left in them. */
class ExcerptsTest {
    private final InMemoryComplianceStore store = new InMemoryComplianceStore();
    private final AuditWriter audit = new AuditWriter(store, AuditWriter.Settings.DEFAULT);
    private final ComplianceFilter filter = new ComplianceFilter(store, ManualExecutor.direct(), audit,
            new IdGenerator(1), Clock.systemUTC());

    @AfterEach
    void close() {
        audit.close();
    }

    private String excerpt(String text) {
        Verdict v = filter.check("shop-1", "agent", text);
        return filter.auditEntry("shop-1", Sender.AGENT, "agent-1", "conv-1", v, text).excerpt();
    }

    @Test
    void theContactDetailIsMaskedToItsFirstAndLastTwo() {
        assertThat(excerpt("加我微信 ab123489")).isEqualTo("加我微信 ab****89");
        assertThat(excerpt("电话 138-1234-5678 哦")).isEqualTo("电话 13****78 哦");
        assertThat(excerpt("一三八一二三四五六七八")).isEqualTo("一三****七八");
        assertThat(excerpt("邮箱 kefu.shop@example.com")).isEqualTo("邮箱 ke****om");
        assertThat(excerpt("QQ 12345")).isEqualTo("QQ ****");
    }

    @Test
    void everyDetailAndLongNumberNearTheMatchIsMaskedNotOnlyTheMatchedOne() {
        String e = excerpt("加我微信 ab123489 或 13812345678 单 202612011234567890");

        assertThat(e).contains("ab****89", "13****78", "20****90");
        assertThat(e).doesNotContain("123489", "12345678", "1234567890");
    }

    @Test
    void aLongMessageIsCutAroundTheMatch() {
        String text = "这".repeat(100) + "电话 13812345678" + "那".repeat(100);

        String e = excerpt(text);

        assertThat(e).startsWith("…").endsWith("…").contains("电话 13****78");
        assertThat(e.length()).isLessThanOrEqualTo(Excerpts.MAX_CHARS);
    }

    @Test
    void anAuditEntryCarriesTheRuleAndTheActor() {
        Verdict v = filter.check("shop-1", "bot", "vx abc12345");

        AuditEntry entry = filter.auditEntry("shop-1", Sender.BOT, "bot-7", "conv-9", v, "vx abc12345");

        assertThat(entry.ruleId()).isEqualTo("builtin-wechat");
        assertThat(entry.ruleName()).isEqualTo(BuiltInRules.ALL.get(0).name());
        assertThat(entry.action()).isEqualTo(RuleAction.BLOCK);
        assertThat(entry.actorType()).isEqualTo(Sender.BOT);
        assertThat(entry.actorId()).isEqualTo("bot-7");
        assertThat(entry.conv()).isEqualTo("conv-9");
        assertThat(entry.excerpt()).isEqualTo("vx ab****45");
    }
}
