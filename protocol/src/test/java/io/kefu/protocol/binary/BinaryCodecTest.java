package io.kefu.protocol.binary;

import io.kefu.protocol.Body;
import io.kefu.protocol.Close;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Pong;
import io.kefu.protocol.SampleFrames;
import io.kefu.protocol.Send;
import io.kefu.protocol.Target;
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
    void carriesReplyByOnConvTransferredAsField6ThatAnOlderReaderSkips() throws Exception {
        // given: the new agent's copy, with the buyer's 3-minute mark
        ConvTransferred withMark = new ConvTransferred("c1", null, Target.agent("a2"), null, ConvTransferred.MANUAL,
                1_718_000_180_000L);
        ConvTransferred without = new ConvTransferred("c1", null, Target.agent("a2"), null, ConvTransferred.MANUAL);
        String plain = HexFormat.of().formatHex(codec.encode(without));

        // when
        String hex = HexFormat.of().formatHex(codec.encode(withMark));

        // then: the same bytes and field 6 (tag 0x18, a uint) before the end; v1.1 readers skip the unknown field
        assertThat(hex).isEqualTo(plain.substring(0, plain.length() - 2) + "18" + "a0b6a9868032" + "00");
        assertThat(codec.decode(HexFormat.of().parseHex(hex))).isEqualTo(withMark);
        assertThat(codec.decode(HexFormat.of().parseHex(plain))).isEqualTo(without);
    }

    @Test
    void describesItself() {
        assertThat(codec.subprotocol()).isEqualTo("kefu.v1.bin");
        assertThat(codec.text()).isFalse();
    }

    @Test
    void writesTheWorkedExampleOfTheDocs() throws Exception {
        // given: docs/protocol.md §7.8
        Msg msg = new Msg("612094387230457856", 1287, new Party(PartyType.BUYER, "612093978112188416"), "text",
                Body.text("你好，有货吗？"), 1_718_000_000_123L, "m-1");
        String hex = "23"
                + "04" + "808087bfa293a6bf08"
                + "08" + "870a"
                + "0d" + "0c" + "0400" + "08" + "80c0a1b4ae87a6bf08"
                + "10" + "00"
                + "15" + "19" + "01" + "00" + "05" + "15" + "e4bda0e5a5bdefbc8ce69c89e8b4a7e59097efbc9f"
                + "18" + "fbb89e868032"
                + "1d" + "03" + "6d2d31"
                + "00";
        Ok ok = new Ok("7", new OkResult.SendResult("612094387230457856", 1287, 1_718_000_000_123L));

        // then
        assertThat(HexFormat.of().formatHex(codec.encode(msg))).isEqualTo(hex);
        assertThat(codec.decode(HexFormat.of().parseHex(hex))).isEqualTo(msg);
        assertThat(HexFormat.of().formatHex(codec.encode(ok)))
                .isEqualTo("20" + "0407" + "1114" + "04808087bfa293a6bf08" + "08870a" + "0cfbb89e868032" + "00");
    }

    @Test
    void writesStringIdsAsBytes() {
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

    @Test
    void writesThePingsIdIntoThePongAsFieldTwo() throws Exception {
        Pong pong = new Pong("7", 128);

        // then: pong, 1 ts 128, 2 re 7 (a decimal id as a varint), end; a v1 pong has no field 2
        assertThat(HexFormat.of().formatHex(codec.encode(pong))).isEqualTo("22" + "048001" + "0807" + "00");
        assertThat(codec.decode(HexFormat.of().parseHex("22" + "048001" + "0807" + "00"))).isEqualTo(pong);
        assertThat(HexFormat.of().formatHex(codec.encode(new Pong(128)))).isEqualTo("22" + "048001" + "00");
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
