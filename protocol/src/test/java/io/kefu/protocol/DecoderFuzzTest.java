package io.kefu.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kefu.protocol.binary.BinaryCodec;
import io.kefu.protocol.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Coverage-guided fuzzing of both decoders with Jazzer. Any input either decodes to a frame that
 * re-encodes and decodes to an equal frame in both encodings, or is refused with a {@link DecodeException}
 * carrying {@code bad_frame} and a message; any other exception, an error or a round trip that changes
 * the frame is a finding.
 *
 * <p>In a normal build ({@code JAZZER_FUZZ} unset) each method runs once per file of its committed corpus
 * in {@code src/test/resources/io/kefu/protocol/DecoderFuzzTestInputs/<method>/}; see {@code docs/fuzzing.md}
 * for a fuzzing run.
 */
class DecoderFuzzTest {
    private static final FrameCodec JSON = new JsonCodec();
    private static final FrameCodec BINARY = new BinaryCodec();

    @FuzzTest
    void jsonDecoder(byte[] input) {
        check(JSON, input);
    }

    @FuzzTest
    void binaryDecoder(byte[] input) {
        check(BINARY, input);
    }

    private static void check(FrameCodec codec, byte[] input) {
        Frame frame;
        try {
            frame = codec.decode(input, 0, input.length);
        } catch (DecodeException e) {
            assertThat(e.code()).as(describe(codec, input)).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(e.getMessage()).as(describe(codec, input)).isNotBlank();
            return;
        }
        assertThat(frame).as(describe(codec, input)).isNotNull();
        assertThat(roundTrip(JSON, frame)).as("JSON round trip of " + describe(codec, input)).isEqualTo(frame);
        assertThat(roundTrip(BINARY, frame)).as("binary round trip of " + describe(codec, input)).isEqualTo(frame);
    }

    private static Frame roundTrip(FrameCodec codec, Frame frame) {
        try {
            return codec.decode(codec.encode(frame));
        } catch (DecodeException e) {
            throw new AssertionError("an encoded " + frame.type() + " does not decode in " + codec.subprotocol()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String describe(FrameCodec codec, byte[] input) {
        return codec.subprotocol() + " input " + (codec.text()
                ? new String(input, StandardCharsets.UTF_8) : HexFormat.of().formatHex(input));
    }
}
