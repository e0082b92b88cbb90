package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.RawSocket;
import io.kefu.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames sent right behind {@code hello}, in the same TCP segment, before its answer: each is handled
 * once {@code hello} is answered, and gets its own answer. None is dropped.
 */
@Timeout(60)
class HelloPipeliningIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    @Test
    void framesBehindHelloAreAnsweredAfterIt() throws IOException {
        TestServer.ShopFixture shop = server.newShop();
        String token = server.buyerToken("b-pipelined");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
            socket.setSoTimeout(10_000);
            assertThat(RawSocket.upgrade(socket)).startsWith("HTTP/1.1 101");
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(RawSocket.maskedText("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}"));
            burst.writeBytes(RawSocket.maskedText("{\"t\":\"open\",\"id\":\"2\",\"shopId\":\"" + shop.shopId() + "\"}"));
            burst.writeBytes(RawSocket.maskedText("{\"t\":\"hello\",\"id\":\"3\",\"token\":\"" + token + "\"}"));
            socket.getOutputStream().write(burst.toByteArray());
            socket.getOutputStream().flush();

            List<JsonNode> answers = answers(socket.getInputStream(), 3);

            assertThat(answers.get(0).path("re").asText()).isEqualTo("1");
            assertThat(answers.get(0).get("t").asText()).isEqualTo("ok");
            // Requests after hello are answered as they complete: open goes through the shop's router.
            JsonNode open = answers.stream().filter(a -> a.path("re").asText().equals("2")).findFirst().orElseThrow();
            JsonNode again = answers.stream().filter(a -> a.path("re").asText().equals("3")).findFirst().orElseThrow();
            assertThat(open.get("t").asText()).isEqualTo("ok");
            assertThat(open.has("conv")).isTrue();
            assertThat(again.get("t").asText()).isEqualTo("error");
            assertThat(again.get("message").asText()).isEqualTo("already authenticated");
        }
    }

    /** The first {@code count} text frames that answer a request (they carry {@code re}); pushes are skipped. */
    private static List<JsonNode> answers(InputStream in, int count) throws IOException {
        List<JsonNode> answers = new ArrayList<>();
        while (answers.size() < count) {
            int b0 = in.read();
            int len = in.read() & 0x7f;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            }
            byte[] payload = in.readNBytes(len);
            if ((b0 & 0x0f) == 0x1) {
                JsonNode frame = TestServer.parse(new String(payload, StandardCharsets.UTF_8));
                if (frame.has("re")) {
                    answers.add(frame);
                }
            }
        }
        return answers;
    }
}
