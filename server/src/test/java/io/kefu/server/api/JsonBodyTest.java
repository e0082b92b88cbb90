package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void typedFieldsAreRead() {
        JsonBody b = body("{\"name\":\" 售前 \",\"n\":5,\"flag\":true,\"ids\":[\"a\",\"b\",\"a\"],\"extra\":{}}");

        assertThat(b.string("name", 10)).isEqualTo("售前");
        assertThat(b.integer("n", 0, 10)).isEqualTo(5);
        assertThat(b.optionalBoolean("flag")).contains(true);
        assertThat(b.stringList("ids", true, 10, 5)).contains(List.of("a", "b"));
        assertThat(b.optionalString("missing", 5)).isEmpty();
        assertThat(b.stringList("missing", false, 10, 5)).isEmpty();
    }

    @Test
    void nullCountsAsAbsent() {
        JsonBody b = body("{\"name\":null}");

        assertThat(b.optionalString("name", 10)).isEmpty();
        assertBad(() -> b.string("name", 10), "field 'name' is required");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        JsonBody b = body("{\"name\":1,\"n\":\"5\",\"f\":2.5,\"flag\":\"yes\",\"ids\":\"a\",\"bad\":[1]}");

        assertBad(() -> b.string("name", 10), "field 'name' must be a string, was a number");
        assertBad(() -> b.integer("n", 0, 10), "field 'n' must be an integer 0..10, was a string");
        assertBad(() -> b.integer("f", 0, 10), "field 'f' must be an integer 0..10, was a number");
        assertBad(() -> b.optionalBoolean("flag"), "field 'flag' must be true or false, was a string");
        assertBad(() -> b.stringList("ids", true, 5, 5), "field 'ids' must be an array of strings, was a string");
        assertBad(() -> b.stringList("bad", true, 5, 5), "field 'bad' must hold non-empty strings of at most 5 characters, found a number 1");
    }

    @Test
    void limitsAreEnforced() {
        JsonBody b = body("{\"name\":\"abcdef\",\"blank\":\"  \",\"n\":11,\"big\":99999999999999999999,\"pw\":\"short\"}");

        assertBad(() -> b.string("name", 5), "field 'name' must be at most 5 characters, was 6");
        assertBad(() -> b.string("blank", 5), "field 'blank' must not be empty");
        assertBad(() -> b.integer("n", 0, 10), "field 'n' must be an integer 0..10, was 11");
        assertBad(() -> b.integer("big", 0, 10), "field 'big' must be an integer 0..10, was 99999999999999999999");
        assertBad(() -> b.rawString("pw", 8, 128), "field 'pw' must be 8..128 characters long, was 5");
    }

    @Test
    void aBodyMustBeOneJsonObject() {
        assertBad(() -> body(""), "request body is empty; expected a JSON object");
        assertBad(() -> body("[1]"), "request body must be a JSON object, was an array");
        assertBad(() -> body("\"x\""), "request body must be a JSON object, was a string");
        assertThatThrownBy(() -> body("{\"a\":")).hasMessageStartingWith("request body is not valid JSON:");
        assertThatThrownBy(() -> body("{} {}")).hasMessageStartingWith("request body is not valid JSON:");
        assertThatThrownBy(() -> body("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void deepNestingAndHugeNumbersAreBadFrameNotAServerError() {
        String deep = "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        String huge = "{\"n\":" + "9".repeat(1_000) + "}";

        assertThatThrownBy(() -> body(deep)).isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME)).hasMessageStartingWith("request body is over a JSON limit");
        assertThatThrownBy(() -> body(huge)).isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME)).hasMessageStartingWith("request body is over a JSON limit");
        assertThat(body("{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}").optionalString("b", 1)).isEmpty();
    }

    private static JsonBody body(String json) {
        return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KefuException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME)).hasMessage(message);
    }
}
