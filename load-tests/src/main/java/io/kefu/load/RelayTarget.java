package io.kefu.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the target id of a relay frame ({@code RELAY.md}): the top-level string field {@code to} of a
 * text frame's JSON object (a real JSON parse, streaming, stopping at {@code to}), or the
 * length-prefixed id at the start of a binary frame. Never moves the buffer's indices. Stateless and
 * thread-safe.
 */
final class RelayTarget {
    private static final JsonFactory JSON = new JsonFactory();

    private RelayTarget() {
    }

    /** The {@code to} of a JSON text frame, or {@code null} when missing, not a string or not JSON. */
    static String ofText(ByteBuf content) {
        try (JsonParser p = JSON.createParser((java.io.InputStream) new ByteBufInputStream(content.duplicate()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("to".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The id of a binary frame, or {@code null} when the frame is shorter than its length byte says. */
    static String ofBinary(ByteBuf content) {
        if (content.readableBytes() < 1) {
            return null;
        }
        int length = content.getUnsignedByte(content.readerIndex());
        if (length == 0 || content.readableBytes() < 1 + length) {
            return null;
        }
        return content.toString(content.readerIndex() + 1, length, StandardCharsets.UTF_8);
    }
}
