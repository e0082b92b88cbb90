package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Hello;
import io.kefu.protocol.Ok;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.Ping;
import io.kefu.protocol.Pong;
import io.kefu.protocol.Status;
import io.kefu.server.RawSocket;
import io.kefu.server.RawSocket.ServerFrame;
import io.kefu.server.RawWs;
import io.kefu.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client may send {@code hello} and its first requests in one TCP write, before the answer to
 * {@code hello} is back: none of them may be lost, and their answers come in order.
 */
@Timeout(30)
class HelloBacklogIT {
    private static final int BACKLOG = 8;

    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.helloBacklog(BACKLOG).rateBurst(100));

    @ParameterizedTest
    @ValueSource(strings = {Codecs.JSON_SUBPROTOCOL, Codecs.BINARY_SUBPROTOCOL})
    void framesSentRightAfterHelloAreAllAnsweredInOrder(String subprotocol) throws Exception {
        FrameCodec codec = Codecs.forSubprotocol(subprotocol).orElseThrow();
        String token = server.buyerToken("b-" + UUID.randomUUID());
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            assertThat(RawSocket.upgrade(socket, subprotocol)).contains(" 101 ");

            // when: hello and five pings with ids, in one write
            List<Frame> frames = new ArrayList<>(List.of(new Hello("h", token)));
            for (int i = 1; i <= 5; i++) {
                frames.add(new Ping("p" + i));
            }
            write(socket, codec, frames);

            // then: hello's ok, then a pong per ping, each naming its ping, in the order sent
            InputStream in = socket.getInputStream();
            Frame hello = read(in, codec);
            assertThat(hello).isInstanceOf(Ok.class);
            assertThat(((Ok) hello).re()).isEqualTo("h");
            assertThat(((Ok) hello).result()).isInstanceOf(HelloResult.class);
            for (int i = 1; i <= 5; i++) {
                Frame pong = read(in, codec);
                assertThat(pong).isInstanceOf(Pong.class);
                assertThat(((Pong) pong).re()).isEqualTo("p" + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Codecs.JSON_SUBPROTOCOL, Codecs.BINARY_SUBPROTOCOL})
    void anAgentsStatusSentWithHelloTakesEffect(String subprotocol) throws Exception {
        FrameCodec codec = Codecs.forSubprotocol(subprotocol).orElseThrow();
        TestServer.ShopFixture shop = server.newShop();
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            assertThat(RawSocket.upgrade(socket, subprotocol)).contains(" 101 ");

            // when: the agent says hello, goes online and pings, in one write
            write(socket, codec, List.of(new Hello("h", shop.agent1().token()),
                    new Status("s", AgentStatus.ONLINE), new Ping("p")));

            // then: every request is answered
            InputStream in = socket.getInputStream();
            assertThat(((Ok) read(in, codec)).re()).isEqualTo("h");
            List<String> answered = new ArrayList<>();
            while (answered.size() < 2) {
                Frame f = read(in, codec);
                if (!(f instanceof Status)) { // the agent also hears its own presence change
                    answered.add(f instanceof Ok ok ? "ok " + ok.re() : f instanceof Pong p ? "pong " + p.re() : f.toString());
                }
            }
            assertThat(answered).containsExactlyInAnyOrder("ok s", "pong p");

            // and the agent is online: a buyer's new conversation is assigned at once
            try (RawWs buyer = RawWs.connect(server.wsUri(), Codecs.JSON_SUBPROTOCOL)) {
                buyer.send("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-" + UUID.randomUUID()) + "\"}");
                assertThat(buyer.next().get("t").asText()).isEqualTo("ok");
                buyer.send("{\"t\":\"open\",\"id\":\"2\",\"shopId\":\"" + shop.shopId() + "\"}");
                JsonNode opened = next(buyer, "ok");
                assertThat(opened.get("state").asText()).isEqualTo("assigned");
            }
        }
    }

    @Test
    void moreFramesThanTheBacklogBeforeHelloIsAnsweredCloseWith4401() throws Exception {
        FrameCodec codec = Codecs.json();
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            RawSocket.upgrade(socket, Codecs.JSON_SUBPROTOCOL);
            List<Frame> frames = new ArrayList<>(List.of(new Hello("h", server.buyerToken("b-many"))));
            for (int i = 0; i <= BACKLOG; i++) {
                frames.add(new Ping("p" + i));
            }

            write(socket, codec, frames);

            assertThat(RawSocket.readCloseCode(socket.getInputStream())).isEqualTo(4401);
        }
    }

    private static JsonNode next(RawWs ws, String type) {
        for (int i = 0; i < 10; i++) {
            JsonNode f = ws.next();
            if (f.get("t").asText().equals(type)) {
                return f;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static void write(Socket socket, FrameCodec codec, List<Frame> frames) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Frame f : frames) {
            byte[] bytes = codec.encode(f);
            all.write(codec.text() ? RawSocket.maskedText(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                    : RawSocket.maskedBinary(bytes));
        }
        socket.getOutputStream().write(all.toByteArray());
        socket.getOutputStream().flush();
    }

    /** The next protocol frame, skipping WebSocket control frames (pings). */
    private static Frame read(InputStream in, FrameCodec codec) throws Exception {
        while (true) {
            ServerFrame f = RawSocket.readFrame(in);
            assertThat(f).as("connection still open").isNotNull();
            if (f.opcode() == 0x1 || f.opcode() == 0x2) {
                return codec.decode(f.payload());
            }
            assertThat(f.opcode()).as("not a close frame").isNotEqualTo(0x8);
        }
    }
}
