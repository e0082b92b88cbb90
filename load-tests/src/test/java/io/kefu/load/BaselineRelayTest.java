package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay over real sockets, with the JDK's WebSocket client. */
@Timeout(30)
class BaselineRelayTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final BaselineRelay relay;

    BaselineRelayTest() throws InterruptedException {
        relay = BaselineRelay.start("127.0.0.1", 0, 1, 1 << 20);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    /** Queues what a client receives: Strings for text, byte[] for binary. */
    private static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            frames.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            frames.add(b);
            ws.request(1);
            return null;
        }

        Object next() throws InterruptedException {
            return frames.poll(5, TimeUnit.SECONDS);
        }
    }

    private WebSocket connect(String id, Inbox inbox) {
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(relay.uri() + "?id=" + id), inbox).join();
    }

    @Test
    void textFramesGoUnchangedToTheirTarget() throws InterruptedException {
        Inbox alice = new Inbox();
        Inbox bob = new Inbox();
        WebSocket a = connect("alice", alice);
        connect("bob", bob);
        String frame = "{\"to\":\"bob\",\"conv\":\"c9\",\"n\":42,\"at\":123456789,\"pad\":\"xyz\"}";

        a.sendText(frame, true).join();

        assertThat(bob.next()).isEqualTo(frame);
        assertThat(alice.frames).isEmpty();
    }

    @Test
    void binaryFramesGoUnchangedToTheirTarget() throws InterruptedException {
        Inbox bob = new Inbox();
        WebSocket a = connect("alice", new Inbox());
        connect("bob", bob);
        byte[] frame = {3, 'b', 'o', 'b', 1, 2, 3};

        a.sendBinary(ByteBuffer.wrap(frame), true).join();

        assertThat((byte[]) bob.next()).containsExactly(frame);
    }

    @Test
    void framesToUnknownIdsAreDropped() throws InterruptedException {
        Inbox bob = new Inbox();
        WebSocket a = connect("alice", new Inbox());
        connect("bob", bob);

        a.sendText("{\"to\":\"nobody\"}", true).join();
        a.sendText("{\"to\":\"bob\",\"n\":2}", true).join();

        assertThat(bob.next()).isEqualTo("{\"to\":\"bob\",\"n\":2}");
    }

    @Test
    void aSecondConnectionWithAnIdReplacesTheFirst() throws InterruptedException {
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        WebSocket a = connect("alice", new Inbox());
        connect("bob", first);
        connect("bob", second);

        a.sendText("{\"to\":\"bob\"}", true).join();

        assertThat(second.next()).isEqualTo("{\"to\":\"bob\"}");
        assertThat(first.frames).isEmpty();
    }

    @Test
    void metricsShowConnectionsAndMemory() throws Exception {
        connect("alice", new Inbox());

        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + relay.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("relay_connections ", "jvm_memory_used_bytes{area=\"heap\"} ");
    }
}
