package io.kefu.protocol.json;

import io.kefu.protocol.Frame;
import io.kefu.protocol.Send;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoded objects kept in two arrays behave as the ordered, unmodifiable maps they replace, at any size. */
class SmallObjectTest {
    @Test
    void aMapInReadOrderWhereANameReadAgainKeepsItsPlace() {
        SmallObject o = new SmallObject();
        assertThat(o.add("b", 1L)).isTrue();
        assertThat(o.add("a", "x")).isTrue();
        assertThat(o.add("b", 2L)).isTrue();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", 2L);
        expected.put("a", "x");
        assertThat(o).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(o);
        assertThat(List.copyOf(o.keySet())).containsExactly("b", "a");
        assertThat(o.get("a")).isEqualTo("x");
        assertThat(o.get("c")).isNull();
        assertThat(o.containsKey("b")).isTrue();
        assertThat(o.toString()).isEqualTo("{b=2, a=x}");
        assertThatThrownBy(() -> o.put("c", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> o.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(o::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void holdsUpToItsMaximumThenRefusesNewNamesButNotOldOnes() {
        SmallObject o = new SmallObject();
        for (int i = 0; i < SmallObject.MAX; i++) {
            assertThat(o.add("f" + i, (long) i)).isTrue();
        }
        assertThat(o.add("f" + SmallObject.MAX, 0L)).isFalse();
        assertThat(o.add("f3", 33L)).isTrue();
        assertThat(o).hasSize(SmallObject.MAX).containsEntry("f3", 33L);
    }

    @Test
    void bodiesOfEverySizeDecodeInOrderWithTheLastValueOfARepeatedName() throws Exception {
        JsonCodec codec = new JsonCodec();
        for (int n : new int[] {0, 1, SmallObject.MAX - 1, SmallObject.MAX, SmallObject.MAX + 1, 40}) {
            StringBuilder body = new StringBuilder("{");
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                expected.put("k" + i, (long) i);
            }
            if (n > 2) { // a repeated name, after the object grew past its first form
                body.append(",\"k1\":\"again\",\"nested\":{\"k1\":null,\"z\":true}");
                expected.put("k1", "again");
                expected.put("nested", Map.of("z", true));
            }
            body.append('}');
            String json = "{\"t\":\"send\",\"id\":\"1\",\"conv\":\"c1\",\"kind\":\"card\",\"body\":" + body
                    + ",\"cmid\":\"m1\",\"t\":\"send\"}";
            Frame frame = codec.decode(json.getBytes(StandardCharsets.UTF_8));
            assertThat(frame).isInstanceOf(Send.class);
            Map<String, Object> fields = ((Send) frame).body().fields();
            assertThat(fields).isEqualTo(expected);
            assertThat(List.copyOf(fields.keySet())).as("n=%d", n).containsExactlyElementsOf(expected.keySet());
        }
    }
}
