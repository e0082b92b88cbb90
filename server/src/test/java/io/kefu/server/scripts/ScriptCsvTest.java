package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.server.base.KefuException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptCsvTest {

    private static List<List<String>> fields(List<ScriptCsv.Record> records) {
        return records.stream().map(ScriptCsv.Record::fields).toList();
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        String csv = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
                + "\"line one\r\nline two\nline three\",x,\"\"\r\n";

        List<ScriptCsv.Record> records = ScriptCsv.read(csv);

        assertThat(fields(records)).containsExactly(
                List.of("a", "b,c", "say \"hi\""),
                List.of("line one\nline two\nline three", "x", ""));
        assertThat(records).extracting(ScriptCsv.Record::error).containsOnlyNulls();
    }

    @Test
    void eachRecordKnowsThePhysicalLineItStartsOn() {
        String csv = "h1,h2\n"
                + "\"multi\nline\",1\n"
                + "\n"
                + "next,2\r"
                + "cr,3";

        List<ScriptCsv.Record> records = ScriptCsv.read(csv);

        assertThat(records).extracting(ScriptCsv.Record::line).containsExactly(1, 2, 5, 6);
        assertThat(fields(records).get(3)).containsExactly("cr", "3");
    }

    @Test
    void emptyFieldsAndTrailingCommasCount() {
        assertThat(fields(ScriptCsv.read(",,\na,\n"))).containsExactly(List.of("", "", ""), List.of("a", ""));
        assertThat(fields(ScriptCsv.read("\"\"\n"))).as("a quoted empty field is a record")
                .containsExactly(List.of(""));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() {
        assertThat(fields(ScriptCsv.read("5\" screen,ok\n"))).containsExactly(List.of("5\" screen", "ok"));
    }

    @Test
    void textAfterAClosingQuoteSpoilsOnlyItsRow() {
        List<ScriptCsv.Record> records = ScriptCsv.read("h\n\"bad\"x,1\ngood,2\n");

        assertThat(records).hasSize(3);
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).error()).contains("field 1").contains("after its closing quote");
        assertThat(records.get(2).fields()).containsExactly("good", "2");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void anUnclosedQuoteIsReportedAtItsRow() {
        List<ScriptCsv.Record> records = ScriptCsv.read("h\nok,1\nx,\"never closed\nmore\n");

        assertThat(records).hasSize(3);
        assertThat(records.get(2).line()).isEqualTo(3);
        assertThat(records.get(2).error()).contains("field 2").contains("line 3").contains("never closed");
    }

    @Test
    void aByteOrderMarkIsDroppedAndUtf8IsRequired() {
        byte[] withBom = "\uFEFFscope,title\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] gbk = {'a', '\n', 'b', ',', (byte) 0xC4, (byte) 0xE3};

        assertThat(ScriptCsv.utf8(withBom)).isEqualTo("scope,title\r\n");
        assertThatThrownBy(() -> ScriptCsv.utf8(gbk)).isInstanceOf(KefuException.class)
                .hasMessageContaining("line 2").hasMessageContaining("byte 4").hasMessageContaining("UTF-8");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        List<Script> scripts = List.of(
                Script.shopDraft("s", "售后", "退款, \"极速\"", "tk", "亲：\n1. 申请退款\n2. 等待审核"),
                Script.shopDraft("s", "通用", "欢迎", null, "您好，在的"));

        String csv = ScriptCsv.write(scripts);
        List<ScriptCsv.Record> records = ScriptCsv.read(csv);

        assertThat(csv).startsWith("scope,category,title,shortcut,body\r\n");
        assertThat(fields(records)).containsExactly(
                ScriptCsv.HEADER,
                List.of("shop", "售后", "退款, \"极速\"", "tk", "亲：\n1. 申请退款\n2. 等待审核"),
                List.of("shop", "通用", "欢迎", "", "您好，在的"));
        assertThat(records.get(2).line()).isEqualTo(5);
    }
}
