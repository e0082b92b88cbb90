package io.kefu.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.Body;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.ErrorFrame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Role;
import io.kefu.protocol.Send;
import io.kefu.server.auth.Principal;
import io.kefu.server.cluster.Envelope.Answer;
import io.kefu.server.cluster.Envelope.Call;
import io.kefu.server.cluster.Envelope.Op;
import io.kefu.server.cluster.Envelope.Push;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void aCallComesBackAsItWasSent() {
        Principal buyer = Principal.buyer("b1", "买家 一号");
        Send send = new Send("7", "c1", "cm-1", "text", Body.text("在吗？"), null);
        Call call = new Call(42, "3", Op.FRAME, "shop-9", buyer, null, send, "{\"x\":1}".getBytes(StandardCharsets.UTF_8));

        Call back = (Call) Envelope.read(Envelope.call(call));

        assertThat(back.id()).isEqualTo(42);
        assertThat(back.from()).isEqualTo("3");
        assertThat(back.op()).isEqualTo(Op.FRAME);
        assertThat(back.shop()).isEqualTo("shop-9");
        assertThat(back.principal()).isEqualTo(buyer);
        assertThat(back.subject()).isNull();
        assertThat(back.frame()).isEqualTo(send);
        assertThat(new String(back.data(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}");
    }

    @Test
    void staffAndAnswersAndPushesComeBackToo() {
        Principal agent = Principal.staff("a1", Role.SUPERVISOR, "s1", "boss");
        Call presence = (Call) Envelope.read(Envelope.call(new Call(1, "1", Op.STAFF_CONNECTED, "s1", agent, "sess-1",
                null)));
        assertThat(presence.principal()).isEqualTo(agent);
        assertThat(presence.subject()).isEqualTo("sess-1");
        assertThat(presence.frame()).isNull();
        assertThat(presence.data()).isNull();

        Answer ok = (Answer) Envelope.read(Envelope.answer(new Answer(5, false,
                new Ok("c", new OkResult.SendResult("c1", 3, 1_000)))));
        assertThat(ok.frame()).isEqualTo(new Ok("c", new OkResult.SendResult("c1", 3, 1_000)));
        Answer error = (Answer) Envelope.read(Envelope.answer(new Answer(6, false,
                new ErrorFrame("c", ErrorCode.NOT_FOUND, "conversation c9 not found"))));
        assertThat(((ErrorFrame) error.frame()).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((Answer) Envelope.read(Envelope.answer(new Answer(7, true, null)))).notOwner()).isTrue();

        Msg msg = new Msg("c1", 4, new Party(PartyType.AGENT, "a1"), "text", Body.text("亲"), 99, null, null);
        Push push = (Push) Envelope.read(Envelope.push(new Push("2", "b1", msg)));
        assertThat(push.from()).isEqualTo("2");
        assertThat(push.user()).isEqualTo("b1");
        assertThat(push.frame()).isEqualTo(msg);
    }

    @Test
    void damagedBytesAreRefusedByName() {
        assertThatThrownBy(() -> Envelope.read(new byte[] {9})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("envelope");
        byte[] call = Envelope.call(new Call(1, "1", Op.OPEN_FOR, "s", Principal.buyer("b", null), null, null));
        assertThatThrownBy(() -> Envelope.read(java.util.Arrays.copyOf(call, call.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.read(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendezvousIsTheSameEverywhereAndMovesOnlyTheLeaversKeys() {
        Set<String> three = Set.of("1", "2", "3");
        Set<String> two = Set.of("1", "3");
        int moved = 0;
        int[] perNode = new int[4];
        for (int i = 0; i < 3_000; i++) {
            String shop = "shop-" + i;
            String before = Rendezvous.pick(shop, three);
            assertThat(Rendezvous.pick(shop, List.of("3", "2", "1"))).isEqualTo(before);
            perNode[Integer.parseInt(before)]++;
            String after = Rendezvous.pick(shop, two);
            if (!after.equals(before)) {
                assertThat(before).isEqualTo("2");
                moved++;
            }
        }
        assertThat(moved).isEqualTo(perNode[2]);
        for (int n = 1; n <= 3; n++) {
            assertThat(perNode[n]).as("node " + n).isBetween(800, 1_200);
        }
        assertThat(Rendezvous.pick("x", Set.of())).isNull();
    }
}
