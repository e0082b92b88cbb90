package io.kefu.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client (the JDK's) for contract tests: sends exactly the bytes a test gives, including
 * malformed ones the SDK would never produce, and queues whatever comes back.
 */
public final class RawWs implements WebSocket.Listener, AutoCloseable {
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private WebSocket ws;

    public static RawWs connect(URI uri, String subprotocol) {
        RawWs raw = new RawWs();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocol != null) {
            b.subprotocols(subprotocol);
        }
        raw.ws = b.buildAsync(uri, raw).join();
        return raw;
    }

    public String subprotocol() {
        return ws.getSubprotocol();
    }

    public RawWs send(String frame) {
        ws.sendText(frame, true).join();
        return this;
    }

    public RawWs sendBinary(byte[] frame) {
        ws.sendBinary(ByteBuffer.wrap(frame), true).join();
        return this;
    }

    /** The next text frame as JSON; fails if a close or nothing comes within 5 s. */
    public JsonNode next() {
        Object e = poll();
        if (e instanceof String s) {
            return TestServer.parse(s);
        }
        throw new AssertionError("expected a text frame, got " + e);
    }

    public byte[] nextBinary() {
        Object e = poll();
        if (e instanceof byte[] b) {
            return b;
        }
        throw new AssertionError("expected a binary frame, got " + e);
    }

    /** Skips frames until the server closes; returns the close code and reason. */
    public Closed awaitClose(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Object e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e instanceof Closed c) {
                    return c;
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the server did not close the connection within " + within);
    }

    /** Text frames received until the server closes, and the close. */
    public record UntilClose(java.util.List<JsonNode> frames, Closed closed) {
    }

    public UntilClose framesUntilClose(Duration within) {
        java.util.List<JsonNode> frames = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Object e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e instanceof Closed c) {
                    return new UntilClose(frames, c);
                }
                if (e instanceof String text) {
                    frames.add(TestServer.parse(text));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the server did not close the connection within " + within);
    }

    /** Sends and reports whether the connection still took it (false once the server has closed it). */
    public boolean trySend(String frame) {
        try {
            ws.sendText(frame, true).join();
            return true;
        } catch (RuntimeException closed) {
            return false;
        }
    }

    /** {@code true} when nothing (no frame, no close) arrives within {@code quiet}. */
    public boolean silentFor(Duration quiet) {
        try {
            Object e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (e != null) {
                events.add(e);
            }
            return e == null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Object poll() {
        try {
            Object e = events.poll(5, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no frame within 5 s");
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add(text.toString());
            text.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binary.write(chunk, 0, chunk.length);
        if (last) {
            events.add(binary.toByteArray());
            binary.reset();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add(new Closed(-1, String.valueOf(error)));
    }

    @Override
    public void close() {
        ws.abort();
    }
}
