package io.kefu.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ＡＢｃ１２３          | abc123
            微 信：V-X           | 微信vx
            一二三四五六七八九零〇 | 12345678900
            壹贰叁肆伍陆柒捌玖     | 123456789
            ①②③⑴⑵⒈❶➀➊⓪      | 1231211110
            幺三八               | 138
            𝟏𝟐𝐀𝐛                | 12ab
            Ⓐⓑ🅲               | abc
            раypal              | paypal
            1️⃣3️⃣8️⃣           | 138
            ab😀c\u200Bd         | abcd
            """)
    void foldsWidthCaseDigitFormsAndDropsSeparators(String text, String folded) {
        assertThat(TextNormalizer.fold(text.replace("\\u200B", "\u200B"))).isEqualTo(folded);
    }

    @Test
    void remembersWhereEachCharCameFromAndWhatWasSkipped() {
        String text = "价格¥19.90。13:30\n好";
        Skeleton sk = new Skeleton(text.length());

        TextNormalizer.normalize(text, sk);

        assertThat(new String(sk.chars, 0, sk.length)).isEqualTo("价格19901330好");
        assertThat(sk.startOf(2)).isEqualTo(3);
        assertThat(sk.gaps[2] & TextNormalizer.NUMBER_BREAK).as("currency").isNotZero();
        assertThat(sk.gaps[4] & TextNormalizer.NUMBER_BREAK).as("decimal point").isNotZero();
        assertThat(sk.gaps[6] & TextNormalizer.HARD).as("sentence end").isNotZero();
        assertThat(sk.gaps[8] & TextNormalizer.NUMBER_BREAK).as("time").isNotZero();
        assertThat(sk.gaps[10] & TextNormalizer.HARD).as("line break").isNotZero();
        assertThat(sk.gaps[1]).isZero();
    }

    @Test
    void aPointBeforeFourDigitsIsNotADecimalPoint() {
        String text = "138.1234.5678";
        Skeleton sk = new Skeleton(text.length());

        TextNormalizer.normalize(text, sk);

        assertThat(sk.gaps[3] & TextNormalizer.NUMBER_BREAK).isZero();
        assertThat(sk.gaps[3] & TextNormalizer.SOFT).isNotZero();
    }

    @Test
    void aSurrogatePairEndsAfterItsSecondHalf() {
        String text = "𝟏x";
        Skeleton sk = new Skeleton(text.length());

        TextNormalizer.normalize(text, sk);

        assertThat(sk.length).isEqualTo(2);
        assertThat(sk.endOf(0)).isEqualTo(2);
        assertThat(sk.startOf(1)).isEqualTo(2);
    }
}
