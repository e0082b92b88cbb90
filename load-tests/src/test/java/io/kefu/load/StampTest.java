package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StampTest {

    @Test
    void textIsTheStampPaddedToTheMessageSize() {
        Stamp s = new Stamp(17, Stamp.FROM_BUYER, 42, 123_456_789L);

        String text = s.text(200);

        assertThat(text).hasSize(200).startsWith("L|17|b|42|0000123456789|").endsWith("...");
        assertThat(Stamp.parse(text)).isEqualTo(s);
    }

    @Test
    void writtenToABufferItIsTheSameTextAndParsesBackFromIt() {
        for (Stamp s : new Stamp[] {new Stamp(0, Stamp.FROM_AGENT, 1, 0),
                new Stamp(17, Stamp.FROM_BUYER, 42, 123_456_789L),
                new Stamp(Integer.MAX_VALUE, Stamp.FROM_BUYER, Long.MAX_VALUE / 10, 9_999_999_999_999L)}) {
            for (int size : new int[] {5, 200, 3000}) {
                io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer().writeByte('x');
                s.writeText(buf, size);
                assertThat(buf.toString(1, buf.readableBytes() - 1, java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo(s.text(size));
                assertThat(Stamp.parse(buf, 1, buf.writerIndex())).isEqualTo(s);
                assertThat(Stamp.parse(buf, 1, 1 + 9)).as("cut short").isNull();
            }
        }
    }

    @Test
    void aSizeSmallerThanTheStampGivesTheStampAlone() {
        Stamp s = new Stamp(3, Stamp.FROM_AGENT, 1, 0);

        assertThat(s.text(5)).isEqualTo("L|3|a|1|0000000000000|");
        assertThat(Stamp.parse(s.text(5))).isEqualTo(s);
    }

    @Test
    void cmidNamesTimeConversationDirectionAndNumber() {
        assertThat(new Stamp(17, Stamp.FROM_AGENT, 42, 9).cmid()).isEqualTo("0000000000009-17a42");
    }

    @Test
    void textsThatAreNotStampsParseToNull() {
        assertThat(Stamp.parse(null)).isNull();
        assertThat(Stamp.parse("hello, is this in stock?")).isNull();
        assertThat(Stamp.parse("L|17|x|42|100|....")).isNull();
        assertThat(Stamp.parse("L|17|b|0|100|....")).as("numbers start at 1").isNull();
        assertThat(Stamp.parse("L|17|b|4a|100|....")).isNull();
        assertThat(Stamp.parse("L|17|b|42|100")).as("unterminated").isNull();
        assertThat(Stamp.parse("L||b|42|100|...")).isNull();
    }

    @Test
    void directionIsBuyerOrAgent() {
        assertThatThrownBy(() -> new Stamp(1, 'x', 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Stamp(1, 'b', 1, 1).fromBuyer()).isTrue();
        assertThat(new Stamp(1, 'a', 1, 1).fromBuyer()).isFalse();
    }
}
