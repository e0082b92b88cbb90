package io.kefu.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket by hand over a plain socket, for tests that need a client which does what no library
 * client does: never answers pings, never reads. Frames it writes are masked as the RFC requires.
 */
public final class RawSocket {
    private RawSocket() {
    }

    /** A frame the server sent: its opcode (1 text, 2 binary, 8 close...) and payload. */
    public record ServerFrame(int opcode, byte[] payload) {
    }

    /** Sends the upgrade request to {@code /ws} and returns the response head (status line and headers). */
    public static String upgrade(Socket socket) throws IOException {
        return upgrade(socket, null);
    }

    /** As {@link #upgrade(Socket)}, offering {@code subprotocol} when not null. */
    public static String upgrade(Socket socket, String subprotocol) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    /** A masked, final text frame. */
    public static byte[] maskedText(String text) {
        return masked(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked, final binary frame. */
    public static byte[] maskedBinary(byte[] payload) {
        return masked(0x2, payload);
    }

    /**
     * A masked frame of a fragmented message: the first has the message's opcode (1 text, 2 binary), the
     * others 0 (continuation); only the last is {@code fin}. Payloads under 64 KiB.
     */
    public static byte[] maskedFragment(int opcode, byte[] payload, boolean fin) {
        return masked(opcode, payload, fin);
    }

    private static byte[] masked(int opcode, byte[] payload) {
        return masked(opcode, payload, true);
    }

    private static byte[] masked(int opcode, byte[] payload, boolean fin) {
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }

    /** Reads the next server frame (never masked, never fragmented by Kefu); {@code null} on EOF. */
    public static ServerFrame readFrame(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            return null;
        }
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | in.read();
            }
        }
        return new ServerFrame(b0 & 0x0f, in.readNBytes((int) len));
    }

    /** Reads server frames (never masked) until a close frame and returns its status code (-1 on EOF). */
    public static int readCloseCode(InputStream in) throws IOException {
        for (ServerFrame f = readFrame(in); f != null; f = readFrame(in)) {
            if (f.opcode() == 0x8) {
                byte[] p = f.payload();
                return p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : 1005;
            }
        }
        return -1;
    }
}
