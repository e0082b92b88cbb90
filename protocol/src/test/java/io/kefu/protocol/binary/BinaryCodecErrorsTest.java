package io.kefu.protocol.binary;

import io.kefu.protocol.Body;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Send;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BinaryCodecErrorsTest {
    private final BinaryCodec codec = new BinaryCodec();

    /** {@code send id "7", conv "c1", cmid "m1", kind text}: append a body field (or not) and 00. */
    private static final String SEND_HEAD = "06" + "050137" + "09026331" + "0d026d31" + "1000";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'' | empty frame",
            "7f00 | unknown frame type 0x7f",
            "0200ff | ping: 1 trailing bytes after the end of the frame",
            "02050261 | ping.id: length 2 runs past the end (1 bytes left)",
            "02 | ping: truncated: the frame ends without its end byte",
            "020501 | ping.id: length 1 runs past the end (0 bytes left)",
            "0203 | ping: unknown wire type 3",
            "02ffffffffffffffffffff01 | ping: varint overflows 64 bits",
            "02ffffffff0f00 | ping: value 4294967295 is out of range",
            "0605013709026331 | send: truncated: the frame ends without its end byte",
            "01080200 | hello.token: expected wire type bytes(1), got varint(0)",
            "0605013709026331100015040100050000 | send.cmid: required field is missing",
            "0c050137 | pick: truncated: the frame ends without its end byte",
            "0c05013709 | pick.conv: truncated: varint runs past the end",
            "0c050137090163 | pick: truncated: the frame ends without its end byte",
            "0b050137080900 | status.value: unknown value 9",
            "050501370901630c0900 | rate.score: must be 1 to 5, got 9",
            "050501370901630c | rate.score: truncated: varint runs past the end",
            "0d05013709016300 | transfer: needs toAgent or toGroup",
            "0205028080 | ping.id: string is not valid UTF-8",
            "230502633108010d0204ff | msg.from.type: truncated",
            "230d010000 | msg.from: field number 0 is not allowed inside a record",
            "2300 | msg.conv: required field is missing",
            "21050131080a0d0000 | error.code: unknown value 10",
            "201500150000 | ok: more than one result",
    })
    void rejectsWithAMessageThatNamesTheProblem(String hex, String message) {
        DecodeException e = decodeFailure(hex);

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(e.getMessage()).startsWith(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1504ffffff0f | send.body: count 33554431 exceeds 10000",
            "1502e807 | send.body: count 1000 runs past the end (0 bytes left)",
            "1503010a02 | send.body: unknown well-known key 5",
            "1503010361 | send.body: truncated: expected a byte, found the end",
            "150401000900 | send.body: unknown value type 0x9",
            "1505010005ff01 | send.body: length 255 runs past the end (0 bytes left)",
            "150401ff0102 | send.body: key length 127 runs past the end",
            "150b010004000000000000f07f | send.body: number is not finite",
            "150401000501 | send.body: length 1 runs past the end (0 bytes left)",
            "15050100050000 | send.body: 1 bytes after the last entry",
    })
    void rejectsBadBodies(String bodyField, String message) {
        DecodeException e = decodeFailure(SEND_HEAD + bodyField + "00");

        assertThat(e.getMessage()).startsWith(message);
        assertThat(e.requestId()).isEqualTo("7");
    }

    @Test
    void rejectsABodyNestedBeyondTheLimit() {
        // 16 levels are fine: body map, then 15 nested one-entry maps around an int
        assertThat(decodeNested(15)).isInstanceOf(Send.class);

        assertThat(decodeFailure(nestedBody(16)).getMessage()).isEqualTo("send.body: nested deeper than 16 levels");
    }

    @Test
    void keepsTheRequestIdWhenAnotherFieldIsBad() {
        DecodeException e = decodeFailure("0605013709026331" + "00");

        assertThat(e.getMessage()).isEqualTo("send.cmid: required field is missing");
        assertThat(e.requestId()).isEqualTo("7");
    }

    @Test
    void skipsFieldsItDoesNotKnow() throws Exception {
        // given: a send from a newer peer, with fields 30 (varint), 31 (bytes) and 29 (fixed64) added
        String extra = "f801" + "2a" + "fd01" + "03616263" + "f601" + "0102030405060708";

        // then
        assertThat(codec.decode(HexFormat.of().parseHex(SEND_HEAD + extra + "15050100050178" + "00")))
                .isEqualTo(new Send("7", "c1", "m1", "text", Body.text("x")));
    }

    @Test
    void rejectsHugeStringsWithoutReadingThem() {
        // a declared length of 2^31 - 1 with nothing behind it
        assertThat(decodeFailure("0105" + "ffffffff07" + "00").getMessage())
                .isEqualTo("hello.id: length 2147483647 runs past the end (1 bytes left)");
    }

    @Test
    void rejectsStringsLongerThanTheLimit() {
        byte[] frame = new byte[1 + 1 + 3 + 200_000 + 1];
        frame[0] = 0x01;
        frame[1] = 0x09;
        frame[2] = (byte) 0xc0;
        frame[3] = (byte) 0x9a;
        frame[4] = 0x0c;
        java.util.Arrays.fill(frame, 5, frame.length - 1, (byte) 'x');

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> codec.decode(frame));

        assertThat(e.getMessage()).isEqualTo("hello.token: string of 200000 bytes is longer than allowed");
    }

    private Object decodeNested(int levels) {
        try {
            return codec.decode(HexFormat.of().parseHex(nestedBody(levels)));
        } catch (DecodeException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A send whose body holds {@code levels} maps nested inside it, innermost {@code {"k": 1}}. */
    private static String nestedBody(int levels) {
        StringBuilder body = new StringBuilder("01" + "036b" + "0302");     // {k: 1}
        for (int i = 0; i < levels; i++) {
            body.insert(0, "01" + "036b" + "07");                           // {k: <map>}
        }
        String content = body.toString();
        return SEND_HEAD + "15" + String.format("%02x", content.length() / 2) + content + "00";
    }

    private DecodeException decodeFailure(String hex) {
        byte[] input = HexFormat.of().parseHex(hex);
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> codec.decode(input));
        assertThat(e).as("decoding %s", hex).isNotNull();
        return e;
    }
}
