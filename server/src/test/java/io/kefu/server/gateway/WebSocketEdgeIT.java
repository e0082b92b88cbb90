package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.RawSocket;
import io.kefu.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket clients that misbehave at the close: one that never answers the server's close frame, one that
 * sends a message in fragments past the size limit. Raw sockets, so the client does exactly that.
 */
@Timeout(60)
class WebSocketEdgeIT {
    private static final int MAX_FRAME = 4_096;

    // A long heartbeat, so that only the close handling can end these connections within the test's wait.
    @RegisterExtension
    static final TestServer server = TestServer.h2(b -> b.heartbeatSec(300).maxFrameBytes(MAX_FRAME));

    @Test
    void aClientThatIgnoresTheCloseLosesItsConnectionAnyway() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(RawSocket.maskedText("{\"t\":\"ping\"}"));

            assertThat(RawSocket.readCloseCode(socket.getInputStream())).isEqualTo(4401);
            // The client does not answer the close; the server drops TCP after its close timeout.
            assertThat(endOfStream(socket.getInputStream())).isTrue();
        }
    }

    @Test
    void aMessageInFragmentsPastTheLimitIsClosedWith1009AtOnce() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(RawSocket.maskedFragment(0x1, new byte[MAX_FRAME - 10], false));
            out.write(RawSocket.maskedFragment(0x0, new byte[MAX_FRAME - 10], false));
            out.flush();

            assertThat(RawSocket.readCloseCode(socket.getInputStream())).isEqualTo(1009);
            assertThat(endOfStream(socket.getInputStream())).isTrue();
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()));
        socket.setSoTimeout(10_000);
        assertThat(RawSocket.upgrade(socket)).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** {@code true} once the server has closed the connection; waits at most the socket's 10 s timeout. */
    private static boolean endOfStream(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
