package io.kefu.server.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BotSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theDefaultsAreOffWithAChineseGreetingAndTheContractsHandoffWords() {
        BotSettings d = BotSettings.DEFAULT;

        assertThat(d.enabled()).isFalse();
        assertThat(d.greeting()).contains("转人工");
        assertThat(d.handoffWords()).containsExactly("转人工", "人工", "人工客服", "human", "agent");
        assertThat(d.threshold()).isEqualTo(0.55);
        assertThat(d.suggestionFloor()).isEqualTo(0.275);
        assertThat(d.missesBeforeHandoff()).isEqualTo(2);
        assertThat(BotSettingsJson.fromStored("")).isEqualTo(d);
    }

    @Test
    void aPutReplacesOnlyTheFieldsItSends() {
        BotSettings merged = BotSettingsJson.merge(BotSettings.DEFAULT,
                json("{'enabled':true,'threshold':0.7,'handoffWords':[' 找客服 ','找客服','Human'],'greeting':null}"));

        assertThat(merged.enabled()).isTrue();
        assertThat(merged.threshold()).isEqualTo(0.7);
        assertThat(merged.handoffWords()).as("stripped, repeats dropped").containsExactly("找客服", "Human");
        assertThat(merged.greeting()).isEqualTo(BotSettings.DEFAULT_GREETING);
        assertThat(merged.missesBeforeHandoff()).isEqualTo(2);
    }

    @Test
    void storedSettingsReadBackAsTheyWere() {
        BotSettings s = new BotSettings(true, "欢迎光临", List.of("人工"), 0.4, 3);

        assertThat(BotSettingsJson.fromStored(BotSettingsJson.toStored(s))).isEqualTo(s);
        assertThat(BotSettingsJson.toJson(s).toString()).isEqualTo("{\"enabled\":true,\"greeting\":\"欢迎光临\","
                + "\"handoffWords\":[\"人工\"],\"threshold\":0.4,\"missesBeforeHandoff\":3}");
    }

    @Test
    void noHandoffWordsIsAllowed() {
        assertThat(BotSettingsJson.merge(BotSettings.DEFAULT, json("{'handoffWords':[]}")).handoffWords()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{'enabled':'yes'}|field 'enabled'",
        "{'greeting':'  '}|field 'greeting' must not be empty",
        "{'greeting':5}|field 'greeting' must be a string",
        "{'threshold':1.5}|field 'threshold' must be a number 0..1",
        "{'threshold':-0.1}|field 'threshold'",
        "{'threshold':'high'}|field 'threshold'",
        "{'missesBeforeHandoff':0}|field 'missesBeforeHandoff' must be an integer 1..10",
        "{'missesBeforeHandoff':11}|field 'missesBeforeHandoff'",
        "{'missesBeforeHandoff':1.5}|field 'missesBeforeHandoff'",
        "{'handoffWords':'人工'}|field 'handoffWords' must be a list",
        "{'handoffWords':['']}|field 'handoffWords' must hold words of 1..20",
        "{'handoffWords':['！！']}|field 'handoffWords' must hold words with a letter",
        "{'handoffWords':[3]}|field 'handoffWords' must hold strings",
        "[1]|must be a JSON object"})
    void badSettingsAreRefusedNamingTheField(String body, String message) {
        assertThatThrownBy(() -> BotSettingsJson.merge(BotSettings.DEFAULT, json(body)))
                .isInstanceOfSatisfying(KefuException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void tooLongOrTooManyIsRefused() {
        assertThatThrownBy(() -> BotSettings.DEFAULT.withHandoffWords(Collections.nCopies(21, "人工")))
                .hasMessageContaining("field 'handoffWords' may hold at most 20");
        assertThatThrownBy(() -> new BotSettings(true, "好".repeat(501), List.of(), 0.5, 2))
                .hasMessageContaining("field 'greeting' must be at most 500");
        assertThatThrownBy(() -> BotSettings.DEFAULT.withHandoffWords(List.of("人".repeat(21))))
                .hasMessageContaining("field 'handoffWords'");
    }

    @Test
    void aFaqIsTidiedAndCheckedNamingTheField() {
        Faq f = Faq.draft("  怎么退款？ ", " 订单页申请 ", List.of(" 退款 ", "退款", "refund")).check();

        assertThat(f).isEqualTo(new Faq(null, "怎么退款？", "订单页申请", List.of("退款", "refund")));
        assertThatThrownBy(() -> Faq.draft(" ", "a", List.of()).check()).hasMessageContaining("field 'question'");
        assertThatThrownBy(() -> Faq.draft("q", "a".repeat(2001), List.of()).check())
                .hasMessageContaining("field 'answer' must be at most 2000");
        assertThatThrownBy(() -> Faq.draft("q", "a", Collections.nCopies(21, "k")).check())
                .hasMessageContaining("field 'keywords' may hold at most 20");
        assertThatThrownBy(() -> Faq.draft("q", "a", List.of("a\nb")).check()).hasMessageContaining("field 'keywords'");
        assertThatThrownBy(() -> Faq.draft("q", "a", List.of("？")).check()).hasMessageContaining("field 'keywords'");
    }
}
