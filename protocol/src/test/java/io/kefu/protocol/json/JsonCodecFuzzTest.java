package io.kefu.protocol.json;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Mutator;
import io.kefu.protocol.SampleFrames;
import io.kefu.protocol.binary.BinaryCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of mutated valid JSON: decoding gives a frame or a {@link DecodeException}, never any
 * other exception; whatever decodes re-encodes to the same frame in both encodings.
 */
class JsonCodecFuzzTest {
    private static final long SEED = 0x6b6566755f6a736fL;
    private static final int CASES = 60_000;

    private final JsonCodec codec = new JsonCodec();
    private final BinaryCodec binary = new BinaryCodec();

    @Test
    void mutatedJsonNeverEscapesAsAnythingButDecodeException() throws Exception {
        List<byte[]> valid = Stream.concat(SampleFrames.full().stream(), SampleFrames.minimal().stream())
                .map(codec::encode).toList();
        Mutator mutator = new Mutator(SEED, "{}[]\":,0123456789-.eEtrufalsn\\ ".getBytes(StandardCharsets.US_ASCII));
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutator.mutate(valid.get(i % valid.size()));
            Frame frame = decodeOrNull(input);
            if (frame != null) {
                decoded++;
                assertThat(codec.decode(codec.encode(frame))).isEqualTo(frame);
                assertThat(binary.decode(binary.encode(frame))).isEqualTo(frame);
            }
        }
        assertThat(decoded).isPositive().isLessThan(CASES);
    }

    private Frame decodeOrNull(byte[] input) {
        try {
            return codec.decode(input);
        } catch (DecodeException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(e.getMessage()).isNotBlank();
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoding " + new String(input, StandardCharsets.UTF_8) + " threw " + e, e);
        }
    }
}
