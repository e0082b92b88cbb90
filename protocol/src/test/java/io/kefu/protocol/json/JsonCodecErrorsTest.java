package io.kefu.protocol.json;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonCodecErrorsTest {
    private final JsonCodec codec = new JsonCodec();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json at all | malformed JSON at column 5: Unrecognized token 'not'",
            "`` | not a JSON object",
            "[1,2] | not a JSON object",
            "\"hi\" | not a JSON object",
            "{\"t\":\"ping\"} {} | trailing content after the JSON object",
            "{\"t\":\"ping\" | malformed JSON",
            "{\"id\":\"1\"} | t: required string field is missing",
            "{\"t\":7} | t: expected a string, got number",
            "{\"t\":\"foo\"} | unknown frame type 'foo'",
            "{\"t\":\"send\",\"conv\":\"c1\",\"kind\":\"text\",\"body\":{}} | send.cmid: required string field is missing",
            "{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"kind\":\"text\"} | send.body: required object field is missing",
            "{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"script\":\"s1\",\"body\":{}} | send.body: must be absent when script is given",
            "{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"script\":\"s1\",\"kind\":\"image\"} | send.kind: must be absent or text when script is given",
            "{\"t\":\"send\",\"conv\":\"c1\",\"script\":\"s1\"} | send.cmid: required string field is missing",
            "{\"t\":\"script.fill\",\"conv\":\"c1\"} | script.fill.script: required string field is missing",
            "{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"kind\":\"text\",\"body\":{\"text\":\"a\\ud800b\"}} | string is not valid Unicode: unpaired surrogate at character 1",
            "{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"kind\":\"text\",\"body\":\"hi\"} | send.body: expected an object, got string",
            "{\"t\":\"send\",\"conv\":5,\"cmid\":\"m\",\"kind\":\"text\",\"body\":{}} | send.conv: expected a string, got number",
            "{\"t\":\"rate\",\"conv\":\"c1\",\"score\":\"5\"} | rate.score: expected a number, got string",
            "{\"t\":\"rate\",\"conv\":\"c1\",\"score\":9} | rate.score: must be 1 to 5, got 9",
            "{\"t\":\"rate\",\"conv\":\"c1\",\"score\":4.5} | rate.score: expected an integer, got 4.5",
            "{\"t\":\"read\",\"conv\":\"c1\",\"seq\":99999999999999999999} | read.seq: expected an integer",
            "{\"t\":\"read\",\"conv\":\"c1\"} | read.seq: required number field is missing",
            "{\"t\":\"hello\",\"id\":1,\"token\":\"x\"} | hello.id: expected a string, got number",
            "{\"t\":\"hello\"} | hello.token: required string field is missing",
            "{\"t\":\"status\",\"value\":\"sleeping\"} | status.value: expected one of online, busy, away, offline, got 'sleeping'",
            "{\"t\":\"transfer\",\"conv\":\"c1\"} | transfer: needs toAgent or toGroup",
            "{\"t\":\"history\",\"conv\":\"c1\",\"limit\":[]} | history.limit: expected a number, got array",
            "{\"t\":\"open\",\"shopId\":\"s1\",\"entry\":{\"ref\":\"p\"}} | open.entry.type: required string field is missing",
            "{\"t\":\"msg\",\"conv\":\"c1\",\"seq\":1,\"from\":{\"type\":\"cat\"},\"kind\":\"text\",\"body\":{},\"ts\":1} | msg.from.type: expected one of buyer, agent, bot, system, got 'cat'",
            "{\"t\":\"ok\",\"messages\":[{\"conv\":\"c1\"}]} | ok.messages[0].seq: required number field is missing",
            "{\"t\":\"ok\",\"messages\":[3]} | ok.messages[0]: expected an object, got number",
            "{\"t\":\"error\",\"code\":\"oops\",\"message\":\"m\"} | error.code: unknown error code 'oops'",
            "{\"t\":\"conv.transferred\",\"conv\":\"c1\",\"to\":{}} | conv.transferred.to: needs agent or group",
            "{\"t\":\"conv.assigned\",\"conv\":\"c1\",\"agent\":{\"id\":\"a\"},\"buyer\":{\"id\":\"b\",\"tags\":[1]}} | conv.assigned.buyer.tags[0]: expected a string, got number",
            "{\"t\":\"ping\",\"x\":1e999} | number out of range",
    })
    void rejectsWithAMessageThatNamesTheProblem(String input, String message) {
        DecodeException e = decodeFailure(input.getBytes(StandardCharsets.UTF_8));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void keepsTheRequestIdWhenAnotherFieldIsBad() {
        DecodeException e = decodeFailure(bytes("{\"t\":\"send\",\"id\":\"7\",\"conv\":\"c1\",\"kind\":\"text\",\"body\":{}}"));

        assertThat(e.getMessage()).isEqualTo("send.cmid: required string field is missing");
        assertThat(e.requestId()).isEqualTo("7");
    }

    @Test
    void keepsTheRequestIdWhenTheTypeIsUnknown() {
        assertThat(decodeFailure(bytes("{\"t\":\"foo\",\"id\":\"8\"}")).requestId()).isEqualTo("8");
    }

    @Test
    void keepsTheRequestIdWhenTheJsonBreaksAfterIt() {
        DecodeException e = decodeFailure(bytes("{\"t\":\"send\",\"id\":\"9\",\"conv\":\"c1\",\"cmid\":"));

        assertThat(e.getMessage()).startsWith("malformed JSON");
        assertThat(e.requestId()).isEqualTo("9");
    }

    @Test
    void hasNoRequestIdWhenNoneCouldBeRead() {
        assertThat(decodeFailure(bytes("{\"t\":\"foo\"}")).requestId()).isNull();
        assertThat(decodeFailure(bytes("{\"t\":\"hello\",\"id\":3}")).requestId()).isNull();
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);

        DecodeException e = decodeFailure(bytes("{\"t\":\"ping\",\"id\":\"1\",\"x\":" + deep + "}"));

        assertThat(e.getMessage()).startsWith("JSON over the limits").contains("nesting depth");
        assertThat(e.requestId()).isEqualTo("1");
    }

    @Test
    void rejectsABodyNestedBeyondTheLimit() {
        String deep = "{\"a\":".repeat(17) + "1" + "}".repeat(17);

        DecodeException e = decodeFailure(bytes(
                "{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"kind\":\"x\",\"body\":" + deep + "}"));

        assertThat(e.getMessage()).isEqualTo("send.body: nested deeper than 16 levels");
    }

    @Test
    void rejectsHugeStrings() {
        String huge = "x".repeat(70_000);

        DecodeException e = decodeFailure(bytes("{\"t\":\"hello\",\"id\":\"2\",\"token\":\"" + huge + "\"}"));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(e.getMessage()).startsWith("JSON over the limits").contains("String value length (70000)");
        assertThat(e.requestId()).isEqualTo("2");
    }

    @Test
    void rejectsArraysOverTheElementLimit() {
        String many = "[" + "0,".repeat(10_000) + "0]";

        DecodeException e = decodeFailure(bytes("{\"t\":\"ping\",\"id\":\"3\",\"x\":" + many + "}"));

        assertThat(e.getMessage()).isEqualTo("array has more than 10000 elements");
        assertThat(e.requestId()).isEqualTo("3");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] input = bytes("{\"t\":\"hello\",\"token\":\"ab\"}");
        input[input.length - 4] = (byte) 0xC3;

        assertThat(decodeFailure(input).getMessage()).contains("malformed JSON");
    }

    @Test
    void decodesASliceOfALargerArray() throws Exception {
        byte[] input = bytes("xx{\"t\":\"ping\"}yy");

        assertThat(codec.decode(input, 2, input.length - 4)).isEqualTo(new io.kefu.protocol.Ping(null));
    }

    private DecodeException decodeFailure(byte[] input) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> codec.decode(input));
        assertThat(e).as("decoding %s", new String(input, StandardCharsets.UTF_8)).isNotNull();
        return e;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
