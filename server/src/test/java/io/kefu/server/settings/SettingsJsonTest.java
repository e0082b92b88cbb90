package io.kefu.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void theDefaultsAreTheContracts() {
        JsonNode d = SettingsJson.toJson(RoutingSettings.DEFAULT);

        assertThat(d.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(d.get("businessHours")).isEmpty();
        assertThat(d.get("urgentKeywords").toString()).isEqualTo("[\"账号被盗\",\"盗刷\",\"支付异常\",\"被骗\"]");
        assertThat(d.get("vipTags").toString()).isEqualTo("[\"vip\"]");
        assertThat(d.get("graceSec").asInt()).isEqualTo(60);
        assertThat(d.get("stickyDays").asInt()).isEqualTo(7);
        assertThat(d.get("stickyWaitSec").asInt()).isEqualTo(30);
        assertThat(d.get("queueTimeoutSec").asInt()).isEqualTo(300);
        assertThat(d.get("noAnswerSec").asInt()).isEqualTo(180);
        assertThat(d.get("noAnswerAway").asBoolean()).isTrue();
        assertThat(d.get("idleCloseSec").asInt()).isEqualTo(1800);
    }

    @Test
    void aPatchReplacesOnlyTheTopLevelFieldsItNames() throws Exception {
        RoutingSettings s = SettingsJson.merge(RoutingSettings.DEFAULT, json(
                "{'timeZone':'Europe/Berlin','graceSec':0,'businessHours':[{'days':['mon','sat'],'from':'22:00','to':'02:00'}]}"));

        assertThat(s.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.graceSec()).isZero();
        assertThat(s.businessHours().windows()).hasSize(1);
        assertThat(s.stickyDays()).isEqualTo(7);
        assertThat(s.urgentKeywords()).isEqualTo(RoutingSettings.DEFAULT.urgentKeywords());
    }

    @Test
    void storedSettingsComeBackEqual() throws Exception {
        RoutingSettings s = SettingsJson.merge(RoutingSettings.DEFAULT, json(
                "{'vipTags':['gold','vip'],'tagGroups':{'gold':'g7'},'noAnswerAway':false,"
                        + "'businessHours':[{'days':['sun','mon'],'from':'08:00','to':'23:00'}]}"));

        assertThat(SettingsJson.fromStored(SettingsJson.toStored(s))).isEqualTo(s);
        assertThat(SettingsJson.fromStored(null)).isEqualTo(RoutingSettings.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'timeZone':'Mars/Olympus'}|timeZone",
            "{'timeZone':8}|timeZone",
            "{'graceSec':-1}|graceSec",
            "{'noAnswerSec':1.5}|noAnswerSec",
            "{'noAnswerAway':'yes'}|noAnswerAway",
            "{'businessHours':{}}|businessHours",
            "{'businessHours':[{'days':['mon'],'from':'8:00','to':'23:00'}]}|businessHours[0].from",
            "{'businessHours':[{'days':['mon'],'from':'08:00','to':'24:00'}]}|businessHours[0].to",
            "{'businessHours':[{'days':['monday'],'from':'08:00','to':'23:00'}]}|businessHours[0].days",
            "{'businessHours':[{'days':[],'from':'08:00','to':'23:00'}]}|businessHours[0].days",
            "{'urgentKeywords':'被骗'}|urgentKeywords",
            "{'vipTags':['']}|vipTags",
            "{'tagGroups':{'vip':7}}|tagGroups.vip",
    })
    void badValuesAreRefusedNamingTheField(String body, String field) {
        assertThatThrownBy(() -> SettingsJson.merge(RoutingSettings.DEFAULT, json(body)))
                .isInstanceOfSatisfying(KefuException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
                    assertThat(e.getMessage()).contains("'" + field + "'");
                });
    }

    @Test
    void urgentAndVipAreDecidedByTheSettings() {
        RoutingSettings s = RoutingSettings.DEFAULT;

        assertThat(s.isUrgent("你好，我的账号被盗了")).isTrue();
        assertThat(s.isUrgent("这件有货吗")).isFalse();
        assertThat(s.isVip(java.util.List.of("new", "vip"))).isTrue();
        assertThat(s.isVip(java.util.List.of())).isFalse();
    }
}
