package io.kefu.server.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CharSignatureTest {

    @Test
    void aTextMayHoldEveryPieceOfItself() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(200);
            for (int j = 0; j < length; j++) {
                text.append((char) (random.nextBoolean() ? 0x4E00 + random.nextInt(0x5000) : 32 + random.nextInt(95)));
            }
            int from = random.nextInt(length);
            String piece = text.substring(from, from + 1 + random.nextInt(length - from));

            assertThat(CharSignature.of(text.toString()).mayHoldAll(CharSignature.of(piece))).as(piece).isTrue();
        }
    }

    @Test
    void everyTextMayHoldNothingAndMostLackACharacterTheyDoNotHave() {
        CharSignature body = CharSignature.of("亲，您好，退款会在审核通过后原路退回，", "退款流程", null);

        assertThat(body.mayHoldAll(CharSignature.EMPTY)).isTrue();
        assertThat(body.mayHoldAll(CharSignature.of(List.of("退款", "审核")))).isTrue();
        assertThat(body.mayHoldAll(CharSignature.of("微信"))).isFalse();
        assertThat(CharSignature.EMPTY.mayHoldAll(CharSignature.of("a"))).isFalse();
    }
}
