package io.kefu.server.cluster;

import io.kefu.protocol.Codecs;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Role;
import io.kefu.server.auth.Principal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What nodes send each other through Redis, in bytes: frames in the protocol's binary encoding (the one clients
 * use), around them a small header. Three kinds: a call to the node owning a shop, its answer, and a push to a
 * user's connections on other nodes. Pure; thread-safe.
 */
final class Envelope {
    static final byte CALL = 1;
    static final byte ANSWER = 2;
    static final byte PUSH = 3;

    /** What a call asks of the shop's owner. */
    enum Op {
        FRAME, OPEN_FOR, STAFF_CONNECTED, STAFF_DISCONNECTED, QUEUE_VIEW, LIVE_VIEW, AUTHORIZE_READ, AGENT_DISABLED,
        AFTER_SALE;

        static Op of(int ordinal) {
            Op[] all = values();
            if (ordinal < 0 || ordinal >= all.length) {
                throw new IllegalArgumentException("unknown call " + ordinal);
            }
            return all[ordinal];
        }
    }

    /**
     * A call from node {@code from}; {@code frame} is null when the op carries none, {@code subject} names what the
     * op is about (a session, a conversation, an agent), {@code data} is the op's JSON, if any.
     */
    record Call(long id, String from, Op op, String shop, Principal principal, String subject, Frame frame,
                byte[] data) {
        Call(long id, String from, Op op, String shop, Principal principal, String subject, Frame frame) {
            this(id, from, op, shop, principal, subject, frame, null);
        }
    }

    /**
     * The answer to call {@code id}: an {@code ok} or {@code error} frame, or {@code notOwner} (then no frame);
     * {@code data} is the result's JSON when the op returns more than a frame says.
     */
    record Answer(long id, boolean notOwner, Frame frame, byte[] data) {
        Answer(long id, boolean notOwner, Frame frame) {
            this(id, notOwner, frame, null);
        }
    }

    /** A push to {@code user}'s connections, from node {@code from} (which delivered it to its own already). */
    record Push(String from, String user, Frame frame) {
    }

    private static final FrameCodec CODEC = Codecs.binary();

    private Envelope() {
    }

    static byte[] call(Call c) {
        return write(out -> {
            out.writeByte(CALL);
            out.writeLong(c.id());
            out.writeUTF(c.from());
            out.writeByte(c.op().ordinal());
            out.writeUTF(c.shop());
            principal(out, c.principal());
            out.writeUTF(c.subject() == null ? "" : c.subject());
            frame(out, c.frame());
            data(out, c.data());
        });
    }

    static byte[] answer(Answer a) {
        return write(out -> {
            out.writeByte(ANSWER);
            out.writeLong(a.id());
            out.writeBoolean(a.notOwner());
            frame(out, a.frame());
            data(out, a.data());
        });
    }

    static byte[] push(Push p) {
        return write(out -> {
            out.writeByte(PUSH);
            out.writeUTF(p.from());
            out.writeUTF(p.user());
            frame(out, p.frame());
        });
    }

    /** {@link Call}, {@link Answer} or {@link Push}; anything else (or damaged) is an {@link IllegalArgumentException}. */
    static Object read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte kind = in.readByte();
            return switch (kind) {
                case CALL -> new Call(in.readLong(), in.readUTF(), Op.of(in.readByte()), in.readUTF(), principal(in),
                        emptyToNull(in.readUTF()), frame(in), data(in));
                case ANSWER -> new Answer(in.readLong(), in.readBoolean(), frame(in), data(in));
                case PUSH -> new Push(in.readUTF(), in.readUTF(), frame(in));
                default -> throw new IllegalArgumentException("unknown envelope kind " + kind);
            };
        } catch (IOException | DecodeException | RuntimeException e) {
            throw new IllegalArgumentException("damaged envelope: " + e, e);
        }
    }

    private static void principal(DataOutputStream out, Principal p) throws IOException {
        boolean present = p != null;
        out.writeBoolean(present);
        if (present) {
            out.writeUTF(p.userId());
            out.writeUTF(p.role().wire());
            out.writeUTF(p.shopId() == null ? "" : p.shopId());
            out.writeUTF(p.name());
        }
    }

    private static Principal principal(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String user = in.readUTF();
        Role role = Role.fromWire(in.readUTF());
        if (role == null) {
            throw new IOException("unknown role");
        }
        return new Principal(user, role, emptyToNull(in.readUTF()), in.readUTF());
    }

    private static void frame(DataOutputStream out, Frame frame) throws IOException {
        if (frame == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = CODEC.encode(frame);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Frame frame(DataInputStream in) throws IOException, DecodeException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("frame cut short");
        }
        return CODEC.decode(bytes);
    }

    private static void data(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data == null ? -1 : data.length);
        if (data != null) {
            out.write(data);
        }
    }

    private static byte[] data(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("data cut short");
        }
        return bytes;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
