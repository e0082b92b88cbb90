package io.kefu.protocol.json;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Entry;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.Role;
import io.kefu.protocol.SampleFrames;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Target;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec();

    static Stream<Frame> allFrames() {
        return Stream.concat(SampleFrames.full().stream(), SampleFrames.minimal().stream());
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void roundTripsEveryFrame(Frame frame) throws Exception {
        // when
        byte[] json = codec.encode(frame);

        // then
        assertThat(codec.decode(json)).isEqualTo(frame);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"t\":\"" + frame.type() + "\"");
    }

    @Test
    void describesItself() {
        assertThat(codec.subprotocol()).isEqualTo("kefu.v1.json");
        assertThat(codec.text()).isTrue();
    }

    @Test
    void decodesTheContractExamples() throws Exception {
        assertThat(decode("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"<jwt>\"}")).isEqualTo(new Hello("1", "<jwt>"));
        assertThat(decode("{\"t\":\"ping\"}")).isEqualTo(new Ping(null));
        assertThat(decode("{\"t\":\"send\",\"id\":\"7\",\"conv\":\"c1\",\"cmid\":\"m1\",\"kind\":\"text\","
                + "\"body\":{\"text\":\"hi\"}}")).isEqualTo(new Send("7", "c1", "m1", "text", Body.text("hi")));
        assertThat(decode("{\"t\":\"open\",\"id\":\"2\",\"shopId\":\"s1\",\"entry\":{\"type\":\"product\","
                + "\"ref\":\"p1\"},\"text\":\"optional first message\"}"))
                .isEqualTo(new Open("2", "s1", new Entry("product", "p1"), "optional first message"));
        assertThat(decode("{\"t\":\"rate\",\"id\":\"3\",\"conv\":\"c1\",\"score\":4,\"comment\":\"...\"}"))
                .isEqualTo(new Rate("3", "c1", 4, "..."));
        assertThat(decode("{\"t\":\"read\",\"conv\":\"c1\",\"seq\":42}")).isEqualTo(new Read(null, "c1", 42, null));
        assertThat(decode("{\"t\":\"typing\",\"conv\":\"c1\"}")).isEqualTo(new Typing(null, "c1", null));
        assertThat(decode("{\"t\":\"history\",\"id\":\"4\",\"conv\":\"c1\",\"beforeSeq\":100,\"limit\":50}"))
                .isEqualTo(new History("4", "c1", 100L, 50));
        assertThat(decode("{\"t\":\"sync\",\"id\":\"5\",\"conv\":\"c1\",\"afterSeq\":41}"))
                .isEqualTo(new Sync("5", "c1", 41, null));
        assertThat(decode("{\"t\":\"status\",\"id\":\"6\",\"value\":\"online\"}"))
                .isEqualTo(new Status("6", AgentStatus.ONLINE));
        assertThat(decode("{\"t\":\"transfer\",\"id\":\"8\",\"conv\":\"c1\",\"toAgent\":\"a2\"}"))
                .isEqualTo(new Transfer("8", "c1", "a2", null, null));
        assertThat(decode("{\"t\":\"pong\",\"ts\":1718000000000}")).isEqualTo(new Pong(1_718_000_000_000L));
        assertThat(decode("{\"t\":\"pong\",\"re\":\"7\",\"ts\":1}")).isEqualTo(new Pong("7", 1));
        assertThat(decode("{\"t\":\"error\",\"re\":\"9\",\"code\":\"not_found\",\"message\":\"no such conv\"}"))
                .isEqualTo(new ErrorFrame("9", ErrorCode.NOT_FOUND, "no such conv"));
    }

    @Test
    void infersTheOkResultFromItsFields() throws Exception {
        assertThat(decode("{\"t\":\"ok\",\"re\":\"1\"}")).isEqualTo(Ok.empty("1"));
        assertThat(decode("{\"t\":\"ok\",\"re\":\"2\",\"conv\":\"c1\",\"state\":\"queued\"}"))
                .isEqualTo(new Ok("2", new OkResult.OpenResult("c1", ConvState.QUEUED)));
        assertThat(decode("{\"t\":\"ok\",\"re\":\"3\",\"conv\":\"c1\",\"seq\":7,\"ts\":99}"))
                .isEqualTo(new Ok("3", new OkResult.SendResult("c1", 7, 99)));
        assertThat(decode("{\"t\":\"ok\",\"re\":\"4\",\"messages\":[{\"conv\":\"c1\",\"seq\":1,"
                + "\"from\":{\"type\":\"bot\"},\"kind\":\"text\",\"body\":{\"text\":\"hi\"},\"ts\":5}]}"))
                .isEqualTo(new Ok("4", new OkResult.MessagesResult(List.of(
                        new Msg("c1", 1, new Party(PartyType.BOT, null), "text", Body.text("hi"), 5, null)))));
        assertThat(decode("{\"t\":\"ok\",\"re\":\"5\",\"userId\":\"b1\",\"role\":\"buyer\",\"sessionId\":\"s\","
                + "\"heartbeatSec\":30,\"serverTime\":1,\"conversations\":[]}"))
                .isEqualTo(new Ok("5", new OkResult.HelloResult("b1", Role.BUYER, null, "s", 30, 1, List.of())));
    }

    @Test
    void writesTheContractsShapes() {
        assertThat(encode(new Send("7", "c1", "m1", "text", Body.text("hi"))))
                .isEqualTo("{\"t\":\"send\",\"id\":\"7\",\"conv\":\"c1\",\"cmid\":\"m1\",\"kind\":\"text\","
                        + "\"body\":{\"text\":\"hi\"}}");
        assertThat(encode(new Ok("7", new OkResult.SendResult("c1", 42, 1_718_000_000_000L))))
                .isEqualTo("{\"t\":\"ok\",\"re\":\"7\",\"conv\":\"c1\",\"seq\":42,\"ts\":1718000000000}");
        assertThat(encode(new ErrorFrame("7", ErrorCode.RATE_LIMITED, "slow down")))
                .isEqualTo("{\"t\":\"error\",\"re\":\"7\",\"code\":\"rate_limited\",\"message\":\"slow down\"}");
        assertThat(encode(new Msg("c1", 3, new Party(PartyType.AGENT, "a1"), "text", Body.text("您好"), 5, null)))
                .isEqualTo("{\"t\":\"msg\",\"conv\":\"c1\",\"seq\":3,\"from\":{\"type\":\"agent\",\"id\":\"a1\"},"
                        + "\"kind\":\"text\",\"body\":{\"text\":\"您好\"},\"ts\":5}");
        assertThat(encode(new Ping(null))).isEqualTo("{\"t\":\"ping\"}");
        assertThat(encode(new Status("1", AgentStatus.AWAY))).isEqualTo("{\"t\":\"status\",\"id\":\"1\",\"value\":\"away\"}");
    }

    @Test
    void carriesReplyByOnTheNewAgentsConvTransferredAndOlderPushesDecodeWithout() throws Exception {
        ConvTransferred withMark = new ConvTransferred("c1", Target.agent("a1"), Target.agent("a2"), "vip",
                ConvTransferred.MANUAL, 1_718_000_180_000L);
        assertThat(encode(withMark)).isEqualTo("{\"t\":\"conv.transferred\",\"conv\":\"c1\",\"from\":{\"agent\":\"a1\"},"
                + "\"to\":{\"agent\":\"a2\"},\"note\":\"vip\",\"reason\":\"manual\",\"replyBy\":1718000180000}");
        assertThat(encode(new ConvTransferred("c1", null, Target.group("g1"), null, ConvTransferred.MANUAL)))
                .doesNotContain("replyBy");
        assertThat(decode("{\"t\":\"conv.transferred\",\"conv\":\"c1\",\"to\":{\"agent\":\"a2\"},\"reason\":\"manual\"}"))
                .isEqualTo(new ConvTransferred("c1", null, Target.agent("a2"), null, ConvTransferred.MANUAL, null));
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() throws Exception {
        Frame frame = decode("{\"x\":[1,{\"y\":null}],\"t\":\"msg\",\"conv\":\"c1\",\"seq\":1,"
                + "\"from\":{\"type\":\"buyer\",\"id\":\"b1\",\"avatar\":\"u\"},\"kind\":\"text\","
                + "\"body\":{\"text\":\"hi\"},\"ts\":5,\"future\":{\"a\":true}}");

        assertThat(frame).isEqualTo(new Msg("c1", 1, new Party(PartyType.BUYER, "b1"), "text", Body.text("hi"), 5, null));
    }

    @Test
    void treatsNullAsAbsent() throws Exception {
        assertThat(decode("{\"t\":\"close\",\"id\":null,\"conv\":\"c1\",\"reason\":null}"))
                .isEqualTo(new io.kefu.protocol.Close(null, "c1", null));
    }

    @Test
    void keepsBodyValueTypes() throws Exception {
        Send send = (Send) decode("{\"t\":\"send\",\"conv\":\"c1\",\"cmid\":\"m\",\"kind\":\"x\",\"body\":"
                + "{\"i\":12,\"d\":1.5,\"b\":false,\"s\":\"v\",\"l\":[1,\"a\",null],\"m\":{\"k\":-3},\"n\":null,"
                + "\"huge\":123456789012345678901234567890}}");

        assertThat(send.body().fields()).containsEntry("i", 12L).containsEntry("d", 1.5)
                .containsEntry("b", false).containsEntry("s", "v").containsEntry("m", Map.of("k", -3L))
                .containsEntry("huge", 1.2345678901234568E29).doesNotContainKey("n");
        assertThat(send.body().fields().get("l")).isEqualTo(java.util.Arrays.asList(1L, "a", null));
    }

    private Frame decode(String json) throws Exception {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private String encode(Frame frame) {
        return new String(codec.encode(frame), StandardCharsets.UTF_8);
    }
}
