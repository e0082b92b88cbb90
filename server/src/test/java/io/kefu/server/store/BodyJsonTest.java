package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A body's stored JSON text: the codec's body writer on a kept generator, the same text as the mapper's. */
class BodyJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final BodyJson json = new BodyJson(mapper);

    private static Body nested() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("sku", "XL-红色");
        inner.put("qty", 2L);
        inner.put("price", 199.5);
        inner.put("gift", false);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", "您好 \"quoted\" \\ back\nslash\u0001");
        fields.put("items", List.of(inner, List.of(1L, 2.5, "three", true)));
        fields.put("big", Long.MAX_VALUE);
        fields.put("empty", Map.of());
        return new Body(fields);
    }

    @Test
    void writesWhatTheMappersOwnSerialisationWritesAndReadsBackTheSameBody() throws Exception {
        for (Body body : List.of(Body.text("hi"), Body.EMPTY, Body.of("orderNo", "O-1"), nested())) {
            String text = json.write(body);
            assertThat(text).isEqualTo(mapper.writeValueAsString(body.fields()));
            assertThat(json.read(text)).isEqualTo(body);
        }
    }

    @Test
    void manyBodiesInARowEachGetOnlyTheirOwnText() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(json.write(Body.text("m" + i))).isEqualTo("{\"text\":\"m" + i + "\"}");
        }
    }

    @Test
    void aNullInAListIsWrittenAndDroppedOnReadingAsBodyDropsIt() {
        Body body = new Body(Map.of("list", Arrays.asList("a", null, "b")));

        assertThat(json.write(body)).isEqualTo("{\"list\":[\"a\",null,\"b\"]}");
        assertThat(json.read(json.write(body)).fields().get("list")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aValueABodyCannotHoldIsRefusedAndTheNextBodyIsWrittenWhole() {
        Body bad = new Body(Map.of("text", "before", "thing", new Object()));

        assertThatThrownBy(() -> json.write(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("message body cannot be written as JSON");
        assertThat(json.write(Body.text("after"))).isEqualTo("{\"text\":\"after\"}");
    }

    @Test
    void eachThreadWritesWithItsOwnGenerator() throws Exception {
        String[] fromOther = new String[1];
        json.write(Body.text("this thread first"));
        Thread other = new Thread(() -> fromOther[0] = json.write(Body.text("other")));
        other.start();
        other.join();

        assertThat(fromOther[0]).isEqualTo("{\"text\":\"other\"}");
        assertThat(json.write(Body.text("mine"))).isEqualTo("{\"text\":\"mine\"}");
    }
}
