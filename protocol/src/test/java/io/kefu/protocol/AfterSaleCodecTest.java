package io.kefu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.binary.BinaryCodec;
import io.kefu.protocol.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code aftersale} push (v1.1) in both encodings: the JSON shape of contract §10, the binary layout of
 * docs/protocol.md byte by byte, and decode errors that name the missing field. (Round trips of full and minimal
 * frames run with every other frame in the codec tests, from {@link SampleFrames}.)
 */
class AfterSaleCodecTest {
    private final JsonCodec json = new JsonCodec();
    private final BinaryCodec binary = new BinaryCodec();

    private static AfterSaleUpdate small() {
        return new AfterSaleUpdate(new AfterSaleTicket("7", null, "SO-1", null, null, "refund", "approved", null,
                500L, List.of(), 1, 2, null, null));
    }

    @Test
    void writesTheContractsJsonShape() throws Exception {
        AfterSaleUpdate push = new AfterSaleUpdate(new AfterSaleTicket("7", "s1", "SO-1", "b1", "c1", "return",
                "awaiting_return", "破损", 100L, List.of("https://e.example/1.jpg"), 1, 2, null,
                new AfterSaleStep("a1", "agent", "approve", "requested", "approved", "ok", 2)));

        String text = new String(json.encode(push), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("{\"t\":\"aftersale\",\"aftersale\":{\"id\":\"7\",\"shopId\":\"s1\","
                + "\"orderNo\":\"SO-1\",\"buyerId\":\"b1\",\"conv\":\"c1\",\"type\":\"return\","
                + "\"state\":\"awaiting_return\",\"reason\":\"破损\",\"amount\":100,"
                + "\"evidence\":[\"https://e.example/1.jpg\"],\"createdAt\":1,\"updatedAt\":2,"
                + "\"last\":{\"by\":\"a1\",\"role\":\"agent\",\"action\":\"approve\",\"from\":\"requested\","
                + "\"to\":\"approved\",\"note\":\"ok\",\"ts\":2}}}");
        assertThat(json.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(push);
    }

    @Test
    void writesTheBinaryLayoutOfTheDocs() throws Exception {
        String hex = "2a"                                  // type aftersale
                + "05" + "21"                              // field 1 (record), 33 bytes
                + "04" + "07"                              //   1 id: 7 (a decimal id travels as a varint)
                + "0d" + "04" + "534f2d31"                 //   3 orderNo: "SO-1"
                + "19" + "06" + "726566756e64"             //   6 type: "refund"
                + "1d" + "08" + "617070726f766564"         //   7 state: "approved"
                + "24" + "f403"                            //   9 amount: 500
                + "2c" + "01"                              //   11 createdAt: 1
                + "30" + "02"                              //   12 updatedAt: 2
                + "00";                                    // end

        assertThat(HexFormat.of().formatHex(binary.encode(small()))).isEqualTo(hex);
        assertThat(binary.decode(HexFormat.of().parseHex(hex))).isEqualTo(small());
    }

    @Test
    void aTicketWithoutItsRequiredFieldsIsRefusedNamingTheField() {
        String noState = "{\"t\":\"aftersale\",\"aftersale\":{\"id\":\"7\",\"orderNo\":\"SO-1\",\"type\":\"refund\","
                + "\"createdAt\":1,\"updatedAt\":2}}";
        // the binary example without field 7 (state): 33 - 10 = 23 bytes
        String noStateHex = "2a0517" + "0407" + "0d04534f2d31" + "1906726566756e64" + "24f403" + "2c01" + "3002" + "00";

        assertThatThrownBy(() -> json.decode(noState.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("aftersale.state");
        assertThatThrownBy(() -> binary.decode(HexFormat.of().parseHex(noStateHex)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("aftersale.state");
        assertThatThrownBy(() -> json.decode("{\"t\":\"aftersale\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("aftersale");
    }
}
