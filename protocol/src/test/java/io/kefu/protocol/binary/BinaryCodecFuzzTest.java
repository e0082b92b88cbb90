package io.kefu.protocol.binary;

import io.kefu.protocol.DecodeException;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Frame;
import io.kefu.protocol.FrameCodec;
import io.kefu.protocol.Mutator;
import io.kefu.protocol.SampleFrames;
import io.kefu.protocol.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded fuzzing: whatever the bytes, decoding gives a frame or a {@link DecodeException}, never any
 * other exception; and whatever decodes re-encodes to the same frame in both encodings.
 */
class BinaryCodecFuzzTest {
    private static final long SEED = 0x6b6566755f62696eL;
    private static final int RANDOM_CASES = 50_000;
    private static final int MUTATION_CASES = 150_000;

    private final BinaryCodec codec = new BinaryCodec();
    private final JsonCodec json = new JsonCodec();

    @Test
    void randomBytesNeverEscapeAsAnythingButDecodeException() {
        Mutator mutator = new Mutator(SEED, new byte[0]);
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] input = mutator.randomBytes(48);
            if (input.length > 0 && i % 2 == 0) {
                // a valid type byte gets the decoder past the first check most of the time
                input[0] = (byte) (i % 4 == 0 ? 0x23 : 1 + mutator.random().nextInt(0x28));
            }
            check(input);
        }
    }

    @Test
    void mutatedFramesNeverEscapeAsAnythingButDecodeException() {
        List<byte[]> valid = Stream.concat(SampleFrames.full().stream(), SampleFrames.minimal().stream())
                .map(codec::encode).toList();
        // tags, small lengths, value types and the end byte make mutations land on structure
        Mutator mutator = new Mutator(SEED + 1, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0d, 0x15, 0x7f,
                (byte) 0x80, (byte) 0xff});
        int decoded = 0;
        for (int i = 0; i < MUTATION_CASES; i++) {
            decoded += check(mutator.mutate(valid.get(i % valid.size()))) ? 1 : 0;
        }
        // some mutations only touch string contents or unknown fields and still decode
        assertThat(decoded).isPositive().isLessThan(MUTATION_CASES);
    }

    @Test
    void everyProperPrefixOfAFrameIsRejected() {
        for (Frame frame : SampleFrames.full()) {
            byte[] bytes = codec.encode(frame);
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = java.util.Arrays.copyOf(bytes, length);
                assertThat(decodes(codec, prefix)).as("prefix %d of %s", length, frame.type()).isFalse();
            }
        }
    }

    /** Decodes; on success checks the frame survives re-encoding in both codecs. */
    private boolean check(byte[] input) {
        if (!decodes(codec, input)) {
            return false;
        }
        Frame frame = decodeOrFail(codec, input);
        assertThat(decodeOrFail(codec, codec.encode(frame))).as(hex(input)).isEqualTo(frame);
        assertThat(decodeOrFail(json, json.encode(frame))).as(hex(input)).isEqualTo(frame);
        return true;
    }

    private static boolean decodes(FrameCodec codec, byte[] input) {
        try {
            codec.decode(input);
            return true;
        } catch (DecodeException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(e.getMessage()).isNotBlank();
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoding " + hex(input) + " threw " + e, e);
        }
    }

    private static Frame decodeOrFail(FrameCodec codec, byte[] input) {
        try {
            return codec.decode(input);
        } catch (DecodeException e) {
            return fail("re-encoded frame does not decode in " + codec.subprotocol() + ": " + e.getMessage(), e);
        }
    }

    private static String hex(byte[] input) {
        return HexFormat.of().formatHex(input);
    }
}
