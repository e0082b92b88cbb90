package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.server.RawHttp;
import io.kefu.server.RawSocket;
import io.kefu.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile clients on real sockets, one attack per test: each is answered or closed as docs/reliability.md
 * says, a normal client (HTTP and WebSocket, from another address) is served while the attack goes on, and
 * once it is over the process holds no more file descriptors than before it. Attackers connect from their
 * own loopback address (127.0.0.x) where the per-address limit matters.
 */
@Timeout(120)
class HostileClientsIT {
    private static final int PER_ADDRESS = 20;
    private static final int MAX_FRAME = 4_096;
    private static final int ATTACKERS = 15;

    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.httpRequestTimeoutSec(1).helloTimeoutSec(1)
            .maxConnectionsPerAddress(PER_ADDRESS).maxFrameBytes(MAX_FRAME).ratePerSec(5).rateBurst(10).rateStrikes(2));

    private final List<Socket> attackers = new ArrayList<>();
    private long fdBaseline;

    @BeforeEach
    void baseline() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        normalClientWorks(); // opens the test's pooled HTTP connection, so it is in the baseline
        fdBaseline = openFds();
    }

    @AfterEach
    void descriptorsReturnToBaseline() {
        attackers.forEach(HostileClientsIT::closeQuietly);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(openFds()).isLessThanOrEqualTo(fdBaseline));
    }

    @Test
    void slowlorisHttpGets408AndIsClosed() {
        for (int i = 0; i < ATTACKERS; i++) {
            attack("127.0.0.2", "GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: ");
        }
        normalClientWorks();

        // One byte at a time on every attacker (the poll interval paces them) until the server has dropped them.
        List<String> answers = new ArrayList<>();
        await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(15)).until(() -> {
            attackers.forEach(s -> trySend(s, "a"));
            return attackers.stream().allMatch(HostileClientsIT::closedOrAnswered);
        });
        for (Socket s : attackers) {
            answers.add(firstLine(s));
        }

        assertThat(answers).allMatch(l -> l.startsWith("HTTP/1.1 408"));
        normalClientWorks();
    }

    @Test
    void slowlorisWebSocketAndHelloLessConnectionsAreClosedWith4401() throws IOException {
        for (int i = 0; i < ATTACKERS; i++) {
            Socket s = attack("127.0.0.3", null);
            assertThat(RawSocket.upgrade(s)).startsWith("HTTP/1.1 101");
            if (i % 2 == 0) {
                // The first bytes of a hello that never ends.
                s.getOutputStream().write(RawSocket.maskedText("{\"t\":\"hello\",\"token\":\"x\"}"), 0, 3);
            }
        }
        normalClientWorks();

        for (Socket s : attackers) {
            assertThat(RawSocket.readCloseCode(s.getInputStream())).isEqualTo(4401);
            // They ignore the close; the server drops them anyway.
            assertThat(endOfStream(s.getInputStream())).isTrue();
        }
        normalClientWorks();
    }

    @Test
    void connectionsPastThePerAddressLimitAreRefusedAtAccept() {
        for (int i = 0; i < PER_ADDRESS + 10; i++) {
            attack("127.0.0.4", null);
        }
        normalClientWorks();

        // The refused ones are closed at once; the others stay open (until the idle timeout, far off).
        java.util.Set<Socket> refused = new java.util.HashSet<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            attackers.stream().filter(s -> !refused.contains(s) && endOfStream(s, 1)).forEach(refused::add);
            return refused.size() >= 10;
        });

        assertThat(refused).hasSize(10);
        normalClientWorks();
    }

    @Test
    void garbageAndOversizedRequestsAreAnsweredAndClosed() {
        String[] garbage = {"\u0000\u0001\u0002 nonsense\r\n\r\n", "GET / HTTP/0.9\r\n\r\n",
                "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + "X: " + "b".repeat(10_000) + "\r\n\r\n",
                "POST /api/v1/shops HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}" + "GET /%%% HTTP/1.1\r\n\r\n"};
        for (int i = 0; i < ATTACKERS; i++) {
            attack("127.0.0.5", garbage[i % garbage.length]);
        }
        normalClientWorks();

        for (Socket s : attackers) {
            String status = firstLine(s);
            assertThat(status).matches("HTTP/1.1 (400|401|414|431) .*");
        }
        normalClientWorks();
    }

    @Test
    void frameFloodsAndOversizedFramesAreClosed() throws IOException {
        String token = server.buyerToken("b-flooder");
        Socket flood = attack("127.0.0.6", null);
        Socket big = attack("127.0.0.6", null);
        Socket fragments = attack("127.0.0.6", null);
        for (Socket s : List.of(flood, big, fragments)) {
            assertThat(RawSocket.upgrade(s)).startsWith("HTTP/1.1 101");
            s.getOutputStream().write(RawSocket.maskedText("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + token + "\"}"));
        }
        for (int i = 0; i < 200 && trySend(flood, RawSocket.maskedText("{\"t\":\"ping\",\"id\":\"" + i + "\"}")); i++) {
            // as fast as the socket takes them
        }
        trySend(big, RawSocket.maskedText("x".repeat(MAX_FRAME + 1)));
        trySend(fragments, RawSocket.maskedFragment(0x1, new byte[MAX_FRAME - 1], false));
        trySend(fragments, RawSocket.maskedFragment(0x0, new byte[MAX_FRAME - 1], false));
        normalClientWorks();

        assertThat(RawSocket.readCloseCode(flood.getInputStream())).isEqualTo(4429);
        assertThat(RawSocket.readCloseCode(big.getInputStream())).isEqualTo(1009);
        assertThat(RawSocket.readCloseCode(fragments.getInputStream())).isEqualTo(1009);
        for (Socket s : List.of(flood, big, fragments)) {
            assertThat(endOfStream(s.getInputStream())).isTrue();
        }
        normalClientWorks();
    }

    /** HTTP and a WebSocket session (hello, ping) from 127.0.0.1, which attacks none of these tests. */
    private static void normalClientWorks() {
        assertThat(server.request("GET", "/health", null, null).statusCode()).isEqualTo(200);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5_000);
            s.setSoTimeout(10_000);
            assertThat(RawSocket.upgrade(s)).startsWith("HTTP/1.1 101");
            OutputStream out = s.getOutputStream();
            out.write(RawSocket.maskedText("{\"t\":\"hello\",\"id\":\"1\",\"token\":\"" + server.buyerToken("b-normal") + "\"}"));
            assertThat(nextText(s.getInputStream()).get("t").asText()).isEqualTo("ok");
            out.write(RawSocket.maskedText("{\"t\":\"ping\",\"id\":\"p\"}"));
            assertThat(nextText(s.getInputStream()).get("re").asText()).isEqualTo("p");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode nextText(InputStream in) throws IOException {
        for (RawSocket.ServerFrame f = RawSocket.readFrame(in); f != null; f = RawSocket.readFrame(in)) {
            if (f.opcode() == 0x1) {
                return TestServer.parse(new String(f.payload(), StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("connection closed before a text frame");
    }

    /** A connection from {@code from}, which has sent {@code bytes} when not null. */
    private Socket attack(String from, String bytes) {
        try {
            Socket s = new Socket();
            attackers.add(s);
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5_000);
            s.setSoTimeout(10_000);
            if (bytes != null) {
                trySend(s, bytes.getBytes(StandardCharsets.ISO_8859_1));
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void trySend(Socket s, String bytes) {
        trySend(s, bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean trySend(Socket s, byte[] bytes) {
        try {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Whether the server has answered or closed, without waiting. */
    private static boolean closedOrAnswered(Socket s) {
        try {
            return s.isClosed() || s.getInputStream().available() > 0 || endOfStream(s, 1);
        } catch (IOException e) {
            return true;
        }
    }

    private static String firstLine(Socket s) {
        try (RawHttpLine line = new RawHttpLine(s.getInputStream())) {
            return line.read();
        } catch (IOException e) {
            return "closed: " + e;
        }
    }

    /**
     * {@code true} once the server has closed the connection, skipping whatever it still sent; waits at
     * most the socket's timeout for each read.
     */
    private static boolean endOfStream(InputStream in) {
        try {
            while (in.read() >= 0) {
                // bytes sent before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean endOfStream(Socket s, int waitMillis) {
        try {
            int old = s.getSoTimeout();
            s.setSoTimeout(waitMillis);
            try {
                return endOfStream(s.getInputStream());
            } finally {
                s.setSoTimeout(old);
            }
        } catch (IOException e) {
            return true;
        }
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the attacker's socket
        }
    }

    /** Reads a status line without closing the socket. */
    private record RawHttpLine(InputStream in) implements AutoCloseable {
        String read() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() {
        }
    }
}
