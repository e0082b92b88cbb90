package io.kefu.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodecsTest {

    @Test
    void findsEachCodecBySubprotocol() {
        assertThat(Codecs.forSubprotocol("kefu.v1.json")).containsSame(Codecs.json());
        assertThat(Codecs.forSubprotocol("kefu.v1.bin")).containsSame(Codecs.binary());
        assertThat(Codecs.forSubprotocol("kefu.v2.json")).isEmpty();
        assertThat(Codecs.forSubprotocol(null)).isEmpty();
    }

    @Test
    void eachCodecServesTheSubprotocolItIsRegisteredUnder() {
        assertThat(Codecs.json().subprotocol()).isEqualTo(Codecs.JSON_SUBPROTOCOL);
        assertThat(Codecs.json().text()).isTrue();
        assertThat(Codecs.binary().subprotocol()).isEqualTo(Codecs.BINARY_SUBPROTOCOL);
        assertThat(Codecs.binary().text()).isFalse();
    }

    @Test
    void encodingOntoAStreamGivesTheSameBytesAsEncodingToAnArray() throws IOException {
        List<Frame> frames = new ArrayList<>(SampleFrames.full());
        frames.addAll(SampleFrames.minimal());
        for (FrameCodec codec : List.of(Codecs.json(), Codecs.binary())) {
            for (Frame frame : frames) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                codec.encode(frame, out);
                assertThat(out.toByteArray()).as("%s %s", codec.subprotocol(), frame.type())
                        .isEqualTo(codec.encode(frame));
            }
        }
    }
}
