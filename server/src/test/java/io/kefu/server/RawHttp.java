package io.kefu.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a plain socket, for tests that send what no HTTP client sends: pipelined requests,
 * garbage, requests a byte at a time, requests from another loopback address (127.0.0.2...).
 */
public final class RawHttp implements AutoCloseable {
    /** A response: status, headers (lower-case names), body read by Content-Length. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name);
        }

        public JsonNode json() {
            return TestServer.parse(body);
        }
    }

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp connect(int port) {
        return connect(port, null);
    }

    /** From {@code localAddress} (e.g. 127.0.0.2, any of 127/8 reaches the loopback) when not null. */
    public static RawHttp connect(int port, String localAddress) {
        try {
            Socket s = new Socket();
            if (localAddress != null) {
                s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            }
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            return new RawHttp(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public RawHttp send(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends, reporting whether the connection still took the bytes (false once the server closed it). */
    public boolean trySend(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** The next response; fails when the server closes first or nothing comes within 10 s. */
    public Response read() {
        try {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            if (statusLine == null) {
                throw new AssertionError("the server closed the connection without an answer");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code true} when the server has closed the connection (end of stream or reset) within 10 s. */
    public boolean closedByServer() {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        for (; c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
