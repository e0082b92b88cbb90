package io.kefu.protocol.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.kefu.protocol.Codecs;
import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.FrameLimits;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON encoding ({@value Codecs#JSON_SUBPROTOCOL}): one UTF-8 JSON object per frame, {@code t}
 * first, null fields left out, ids as strings, enums in lowercase, {@code ok} results flat.
 *
 * <p>Decoding is strict on types and names the frame and field in its errors
 * ({@code send.cmid: required string field is missing}); unknown fields are ignored at every level.
 * Nesting depth, string length and element counts are bounded ({@link FrameLimits}).
 *
 * <p>Thread-safe: one instance serves every connection. Each encoding thread keeps a buffer for the frames of the
 * message path ({@link JsonDirectWriter}), and nothing else between calls.
 */
public final class JsonCodec implements FrameCodec {
    /** Frame, {@code ok.messages}, message, body: the body's own levels come on top of these. */
    private static final int ENVELOPE_DEPTH = 4;
    /** Longer numbers carry no information a 64-bit value or a double could hold. */
    private static final int MAX_NUMBER_CHARS = 64;
    private static final int INITIAL_BUFFER = 256;
    /** Big enough for a typical message without growing; a buffer grown past the maximum is not kept. */
    private static final int DIRECT_INITIAL_BUFFER = 1024;
    private static final int DIRECT_MAX_RETAINED_BUFFER = 64 * 1024;

    private final JsonFactory factory;
    /**
     * The writer of the message path's frames, one per encoding thread (Netty event loops, in the server): it holds
     * no state between frames, only its buffer.
     */
    private final ThreadLocal<JsonDirectWriter> direct =
            ThreadLocal.withInitial(() -> new JsonDirectWriter(DIRECT_INITIAL_BUFFER));

    public JsonCodec() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(ENVELOPE_DEPTH + FrameLimits.MAX_BODY_DEPTH + 1)
                        .maxStringLength(FrameLimits.MAX_STRING_CHARS)
                        .maxNameLength(FrameLimits.MAX_STRING_CHARS)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .build())
                .build();
    }

    /**
     * Writes a message body as the JSON object a frame carries (the server stores bodies as this text too). Throws
     * {@link IllegalArgumentException} for a value of a type a body cannot hold.
     */
    public static void writeBody(JsonGenerator g, io.kefu.protocol.Body body) throws IOException {
        JsonValueWriter.map(g, body.fields());
    }

    @Override
    public String subprotocol() {
        return Codecs.JSON_SUBPROTOCOL;
    }

    @Override
    public boolean text() {
        return true;
    }

    @Override
    public byte[] encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        if (JsonDirectWriter.handles(frame)) {
            JsonDirectWriter w = directWriter(frame);
            byte[] bytes = w.toByteArray();
            keepOrDrop(w);
            return bytes;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_BUFFER);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            JsonFrameWriter.write(g, frame);
        } catch (IOException e) {
            // Writing to memory cannot fail; this is only reached through a bug in the writer.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void encode(Frame frame, OutputStream out) throws IOException {
        Objects.requireNonNull(frame, "frame");
        if (JsonDirectWriter.handles(frame)) {
            JsonDirectWriter w = directWriter(frame);
            w.writeTo(out);
            keepOrDrop(w);
            return;
        }
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            JsonFrameWriter.write(g, frame);
        }
    }

    /** This thread's writer with {@code frame} written (a writer that throws is dropped with what it held). */
    private JsonDirectWriter directWriter(Frame frame) {
        JsonDirectWriter w = direct.get();
        try {
            w.write(frame);
        } catch (RuntimeException e) {
            direct.remove();
            throw e;
        }
        return w;
    }

    private void keepOrDrop(JsonDirectWriter w) {
        if (w.capacity() > DIRECT_MAX_RETAINED_BUFFER) {
            direct.remove();
        }
    }

    @Override
    public Frame decode(byte[] data, int offset, int length) throws DecodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        JsonTreeReader tree = null;
        try (JsonParser parser = factory.createParser(data, offset, length)) {
            tree = new JsonTreeReader(parser);
            Map<String, Object> fields = tree.readFrame();
            return JsonFrameReader.read(fields);
        } catch (DecodeException e) {
            throw tree == null || tree.requestId() == null ? e : e.withRequestId(tree.requestId());
        } catch (JsonProcessingException e) {
            throw new DecodeException(ErrorCode.BAD_FRAME, malformed(e), tree == null ? null : tree.requestId());
        } catch (IOException e) {
            throw new DecodeException(ErrorCode.BAD_FRAME, "unreadable frame: " + e.getMessage(),
                    tree == null ? null : tree.requestId());
        }
    }

    private static String malformed(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
        String what = e instanceof StreamConstraintsException ? "JSON over the limits" : "malformed JSON";
        return what + where + ": " + e.getOriginalMessage();
    }
}
