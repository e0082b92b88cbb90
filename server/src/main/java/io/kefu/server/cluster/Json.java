package io.kefu.server.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The JSON of what calls between nodes carry besides frames (views, after-sale messages). Thread-safe. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(byte[] data, Class<T> type) {
        if (data == null) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " in the answer");
        }
        try {
            return MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("a damaged " + type.getSimpleName() + " from another node: " + e.getMessage(),
                    e);
        }
    }
}
