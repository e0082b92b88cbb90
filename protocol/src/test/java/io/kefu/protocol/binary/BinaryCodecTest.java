package io.kefu.protocol.binary;

import io.kefu.protocol.Body;
import io.kefu.protocol.Close;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.SampleFrames;
import io.kefu.protocol.Send;
import io.kefu.protocol.json.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BinaryCodecTest {
    private final BinaryCodec codec = new BinaryCodec();

    static Stream<Frame> allFrames() {
        return Stream.concat(SampleFrames.full().stream(), SampleFrames.minimal().stream());
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void roundTripsEveryFrame(Frame frame) throws Exception {
        // when
        byte[] bytes = codec.encode(frame);

        // then
        assertThat(codec.decode(bytes)).isEqualTo(frame);
        assertThat(bytes[bytes.length - 1]).as("end byte").isZero();
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void isSmallerThanJson(Frame frame) {
        assertThat(codec.encode(frame).length).isLessThan(new JsonCodec().encode(frame).length);
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void skipsUnknownFieldsANewerPeerAdds(Frame frame) throws Exception {
        // given: fields 40 (varint), 41 (bytes) and 42 (fixed64) right after the type byte
        byte[] known = codec.encode(frame);
        byte[] extra = HexFormat.of().parseHex("a001" + "2a" + "a501" + "03616263" + "aa01" + "0102030405060708");
        byte[] newer = new byte[known.length + extra.length];
        newer[0] = known[0];
        System.arraycopy(extra, 0, newer, 1, extra.length);
        System.arraycopy(known, 1, newer, 1 + extra.length, known.length - 1);

        // then
        assertThat(codec.decode(newer)).isEqualTo(frame);
    }

    @Test
    void describesItself() {
        assertThat(codec.subprotocol()).isEqualTo("kefu.v1.bin");
        assertThat(codec.text()).isFalse();
    }

    @Test
    void writesTheDocumentedBytesForATextMessage() {
        // given: the worked example of docs/protocol.md
        Msg msg = new Msg("c1", 42, new Party(PartyType.BUYER, "b7"), "text", Body.text("你好 hi"),
                1_718_000_000_123L, "m1");

        // then
        assertThat(HexFormat.of().formatHex(codec.encode(msg))).isEqualTo("23"
                + "05" + "02" + "6331"                          // 1 conv "c1"
                + "08" + "2a"                                   // 2 seq 42
                + "0d" + "06" + "0400" + "09" + "02" + "6237"   // 3 from {type buyer, id "b7"}
                + "10" + "00"                                   // 4 kind text
                + "15" + "0d" + "01" + "00" + "05" + "09" + "e4bda0e5a5bd206869" // 5 body {text: "你好 hi"}
                + "18" + "fbb89e868032"                         // 6 ts 1718000000123
                + "1d" + "02" + "6d31"                          // 7 cmid "m1"
                + "00");                                        // end
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "612094387230457856", "9223372036854775807",
            "9223372036854775808", "007", "-1", "1e3", "", "c_8f3a", "１２"})
    void keepsEveryIdExactlyWhateverFormItTravelsIn(String id) throws Exception {
        Close close = new Close(id, id, null);

        assertThat(codec.decode(codec.encode(close))).isEqualTo(close);
    }

    @Test
    void sendsDecimalIdsAsNumbers() {
        // close, id 612094387230457856 as a 9-byte varint, conv "c1" as a string, end
        assertThat(HexFormat.of().formatHex(codec.encode(new Close("612094387230457856", "c1", null))))
                .isEqualTo("0e" + "04" + "808087bfa293a6bf08" + "09026331" + "00");
    }

    @Test
    void readsAnyUnsignedNumberAsAnId() throws Exception {
        byte[] close = HexFormat.of().parseHex("0e" + "04" + "ffffffffffffffffff01" + "0801" + "00");

        assertThat(codec.decode(close)).isEqualTo(new Close("18446744073709551615", "1", null));
    }

    @Test
    void decodesFromAnOffset() throws Exception {
        byte[] frame = codec.encode(SampleFrames.textMsg());
        byte[] padded = new byte[frame.length + 6];
        System.arraycopy(frame, 0, padded, 3, frame.length);

        assertThat(codec.decode(padded, 3, frame.length)).isEqualTo(SampleFrames.textMsg());
    }

    @Test
    void sendsWellKnownKindsAndKeysAsNumbersAndOthersAsText() throws Exception {
        Send known = new Send("1", "c1", "m1", "text", Body.text("x"));
        Send custom = new Send("1", "c1", "m1", "sticker", new Body(Map.of("stickerId", "s-1", "pack", List.of(1L))));

        // type, id 1 (a number: 2 bytes), conv, cmid, kind (2 bytes), body (7 bytes), end
        assertThat(codec.encode(known)).hasSize(1 + 2 + 4 + 4 + 2 + 7 + 1);
        assertThat(codec.decode(codec.encode(custom))).isEqualTo(custom);
    }

    @Test
    void keepsLargeStringsAndRecordsIntact() throws Exception {
        // a body over 127 bytes makes the writer move the record to fit a two-byte length
        String text = "长".repeat(5000);
        Msg msg = new Msg("c1", 1, new Party(PartyType.AGENT, "a"), "text", Body.text(text), 1, null);

        assertThat(codec.decode(codec.encode(msg))).isEqualTo(msg);
    }

    @Test
    void encodesUnpairedSurrogatesAsQuestionMarks() throws Exception {
        Send send = new Send(null, "c\uD800", "m\uD83D\uDE00", "text", Body.text("a\uDC00b"));

        Send decoded = (Send) codec.decode(codec.encode(send));

        assertThat(decoded.conv()).isEqualTo("c?");
        assertThat(decoded.cmid()).isEqualTo("m\uD83D\uDE00");
        assertThat(decoded.body().text()).isEqualTo("a?b");
    }
}
