package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.Close;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Hello;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.Ok;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RequestFramesTest {

    static Stream<Frame> clientFrames() {
        return Stream.of(new Hello("x", "jwt"), new Ping("x"), new Open("x", "s1", new Entry("order", "o1"), "hi"),
                new Human("x", "c1"), new Rate("x", "c1", 5, "great"),
                new Send("x", "c1", "cm1", "text", Body.text("hi")), new Read("x", "c1", 4, null),
                new Typing("x", "c1", null), new History("x", "c1", 10L, 20), new Sync("x", "c1", 3, 50),
                new Status("x", AgentStatus.BUSY), new Pick("x", "c1"), new Transfer("x", "c1", "a2", null, "vip"),
                new Close("x", "c1", "resolved"));
    }

    @ParameterizedTest
    @MethodSource("clientFrames")
    void theCopyDiffersOnlyInItsId(Frame frame) {
        Frame copy = RequestFrames.withId(frame, "42");

        assertThat(copy.id()).isEqualTo("42");
        assertThat(RequestFrames.withId(copy, "x")).isEqualTo(frame);
    }

    @Test
    void serverFramesAreRefused() {
        assertThatThrownBy(() -> RequestFrames.withId(Ok.empty("1"), "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ok'");
    }
}
