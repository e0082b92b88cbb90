package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptImportTest {
    private static final ScriptLimits LIMITS = ScriptLimits.DEFAULT;

    private static ScriptImport.Parsed csv(String text) {
        return ScriptImport.parse(ScriptImport.Format.CSV, text.getBytes(StandardCharsets.UTF_8), "s1", LIMITS);
    }

    private static ScriptImport.Parsed json(String text) {
        return ScriptImport.parse(ScriptImport.Format.JSON, text.getBytes(StandardCharsets.UTF_8), "s1", LIMITS);
    }

    @Test
    void goodCsvRowsBecomeCheckedDraftsAndBadOnesErrorsByLine() {
        String file = "\uFEFFscope,category,title,shortcut,body\r\n"
                + "shop,售后,退款流程,TK,\"亲，退款请：\r\n1. 进入订单\r\n2. 申请退款\"\r\n"
                + ",物流,发货时间,,48小时内发货\r\n"
                + "shop,物流,,fh,没有标题\r\n"
                + "personal,物流,个人,,不能导入\r\n"
                + "shop,物流,太多列,,x,y\r\n"
                + "shop,物流,快捷键,a b,有空格\r\n"
                + "shop,物流,变量,,{buyer.nmae}您好\r\n";

        ScriptImport.Parsed parsed = csv(file);

        assertThat(parsed.rows()).extracting(ScriptImport.Row::line, r -> r.draft().title(), r -> r.draft().shortcut())
                .containsExactly(tuple(2, "退款流程", "tk"), tuple(5, "发货时间", null));
        assertThat(parsed.rows().get(0).draft().body()).isEqualTo("亲，退款请：\n1. 进入订单\n2. 申请退款");
        assertThat(parsed.rows().get(0).draft().scope()).isEqualTo(ScriptScope.SHOP);
        assertThat(parsed.errors()).extracting(ScriptImport.ImportError::line).containsExactly(6, 7, 8, 9, 10);
        assertThat(parsed.errors().get(0).message()).contains("'title'").contains("empty");
        assertThat(parsed.errors().get(1).message()).contains("'scope'").contains("personal");
        assertThat(parsed.errors().get(2).message()).contains("6 fields").contains("5");
        assertThat(parsed.errors().get(3).message()).contains("'shortcut'").contains("spaces");
        assertThat(parsed.errors().get(4).message()).contains("{buyer.nmae}");
    }

    @Test
    void theHeaderMayComeInAnyOrderButMustNameEveryColumn() {
        ScriptImport.Parsed parsed = csv("Body,Title,Category,Shortcut,Scope\n正文,标题,分类,,shop\n");

        assertThat(parsed.rows()).singleElement().satisfies(r -> {
            assertThat(r.draft().body()).isEqualTo("正文");
            assertThat(r.draft().category()).isEqualTo("分类");
        });
        assertThatThrownBy(() -> csv("category,title,body\n分类,标题,正文\n")).isInstanceOf(KefuException.class)
                .hasMessageContaining("header scope,category,title,shortcut,body");
        assertThatThrownBy(() -> csv("")).hasMessageContaining("empty");
    }

    @Test
    void limitsAreNamedInTheRowErrors() {
        String longBody = "长".repeat(LIMITS.maxBody() + 1);
        String longTitle = "t".repeat(LIMITS.maxTitle() + 1);
        String longShortcut = "s".repeat(LIMITS.maxShortcut() + 1);
        String longCategory = "c".repeat(LIMITS.maxCategory() + 1);

        ScriptImport.Parsed parsed = csv("scope,category,title,shortcut,body\n"
                + "shop,a,b,," + longBody + "\n"
                + "shop,a," + longTitle + ",,x\n"
                + "shop,a,b," + longShortcut + ",x\n"
                + "shop," + longCategory + ",b,,x\n");

        assertThat(parsed.errors()).extracting(ScriptImport.ImportError::message).satisfiesExactly(
                m -> assertThat(m).contains("'body'").contains("2000"),
                m -> assertThat(m).contains("'title'").contains("100"),
                m -> assertThat(m).contains("'shortcut'").contains("32"),
                m -> assertThat(m).contains("'category'").contains("50"));
    }

    @Test
    void tooManyRowsFailTheWholeFile() {
        ScriptLimits two = LIMITS.withMaxPerImport(2);
        String file = "scope,category,title,shortcut,body\nshop,a,1,,x\nshop,a,2,,x\nshop,a,3,,x\n";

        assertThatThrownBy(() -> ScriptImport.parse(ScriptImport.Format.CSV, file.getBytes(StandardCharsets.UTF_8),
                "s1", two)).isInstanceOfSatisfying(KefuException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.getMessage()).contains("3 scripts").contains("at most 2");
                });
    }

    @Test
    void jsonRowsAreNumberedFromOne() {
        ScriptImport.Parsed parsed = json("{\"scripts\":["
                + "{\"id\":\"ignored\",\"scope\":\"shop\",\"category\":\"通用\",\"title\":\"欢迎\",\"shortcut\":\"HI\","
                + "\"body\":\"您好\",\"uses\":7},"
                + "\"not an object\","
                + "{\"category\":\"通用\",\"title\":5,\"body\":\"x\"},"
                + "{\"category\":\"通用\",\"title\":\"无快捷\",\"shortcut\":null,\"body\":\"x\"},"
                + "{\"scope\":\"personal\",\"category\":\"通用\",\"title\":\"t\",\"body\":\"x\"}]}");

        assertThat(parsed.rows()).extracting(ScriptImport.Row::line, r -> r.draft().shortcut())
                .containsExactly(tuple(1, "hi"), tuple(4, null));
        assertThat(parsed.rows().get(0).draft().uses()).isZero();
        assertThat(parsed.errors()).extracting(ScriptImport.ImportError::line, ScriptImport.ImportError::message)
                .containsExactly(tuple(2, "scripts[1] must be an object"), tuple(3, "field 'title' must be a string"),
                        tuple(5, "field 'scope' must be shop (only shop scripts are imported), was 'personal'"));
    }

    @Test
    void jsonThatIsNotAScriptsObjectFailsTheWholeFile() {
        assertThatThrownBy(() -> json("[1,2]")).hasMessageContaining("{\"scripts\": [...]}");
        assertThatThrownBy(() -> json("{\"scripts\":[")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> json("")).hasMessageContaining("{\"scripts\": [...]}");
    }

    @Test
    void theFormatIsJsonOrCsv() {
        assertThat(ScriptImport.Format.of(null)).isEqualTo(ScriptImport.Format.JSON);
        assertThat(ScriptImport.Format.of("CSV")).isEqualTo(ScriptImport.Format.CSV);
        assertThatThrownBy(() -> ScriptImport.Format.of("xlsx")).hasMessageContaining("'format'");
    }
}
