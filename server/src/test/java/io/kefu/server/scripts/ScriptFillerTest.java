package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptFillerTest {

    private static final Map<String, String> ALL = Map.of(
            "buyer.name", "张三", "agent.name", "小李", "shop.name", "茶叶小铺", "order.no", "2024061512345",
            "order.status", "已发货", "logistics.company", "顺丰", "logistics.no", "SF1234567890");

    @Test
    void everyVariableIsFilled() {
        ScriptFiller.Filled f = ScriptFiller.fill("{buyer.name}您好，我是{shop.name}的{agent.name}。订单{order.no}"
                + "{order.status}，{logistics.company}单号{logistics.no}。", ALL);

        assertThat(f.text()).isEqualTo("张三您好，我是茶叶小铺的小李。订单2024061512345已发货，顺丰单号SF1234567890。");
        assertThat(f.missing()).isEmpty();
        assertThat(f.complete()).isTrue();
    }

    @Test
    void aVariableWithoutAValueStaysAsWrittenAndIsReportedOnce() {
        Map<String, String> values = new HashMap<>(Map.of("buyer.name", "张三", "order.no", " "));
        values.put("logistics.no", null);

        ScriptFiller.Filled f = ScriptFiller.fill("{buyer.name}，订单{order.no}的单号是{logistics.no}，"
                + "再说一次：{order.no}", values);

        assertThat(f.text()).isEqualTo("张三，订单{order.no}的单号是{logistics.no}，再说一次：{order.no}");
        assertThat(f.missing()).containsExactly("order.no", "logistics.no");
        assertThat(f.complete()).isFalse();
    }

    @Test
    void otherBracesAreText() {
        ScriptFiller.Filled f = ScriptFiller.fill("{笑} {a.b} {} { {{buyer.name}} }{buyer.name", ALL);

        assertThat(f.text()).isEqualTo("{笑} {a.b} {} { {张三} }{buyer.name");
        assertThat(f.missing()).isEmpty();
    }

    @Test
    void aValueIsNotFilledAgain() {
        ScriptFiller.Filled f = ScriptFiller.fill("{buyer.name}", Map.of("buyer.name", "{order.no}",
                "order.no", "1"));

        assertThat(f.text()).isEqualTo("{order.no}");
    }

    @Test
    void aBodyWithoutVariablesIsUnchanged() {
        assertThat(ScriptFiller.fill("亲，在的呢~", Map.of()).text()).isEqualTo("亲，在的呢~");
        assertThat(ScriptFiller.fill("", Map.of()).text()).isEmpty();
    }

    @Test
    void usedAndMisspeltVariablesAreFound() {
        String body = "{buyer.name}{buyer.nmae}{order.no}{buyer.name}{Order.No}{笑}{logistics.company.x}";

        assertThat(ScriptFiller.variablesIn(body)).containsExactly("buyer.name", "order.no");
        assertThat(ScriptFiller.unknownVariables(body)).containsExactly("buyer.nmae", "logistics.company.x");
    }
}
