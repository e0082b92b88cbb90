package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayTargetTest {

    private static String to(String json) {
        return RelayTarget.ofText(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    @Test
    void toIsReadWhereverItIsAndOnlyAtTheTopLevel() {
        assertThat(to("{\"to\":\"agent-17\",\"n\":1}")).isEqualTo("agent-17");
        assertThat(to("{\"n\":1,\"meta\":{\"to\":\"decoy\"},\"list\":[{\"to\":\"x\"}],\"to\":\"real\"}")).isEqualTo("real");
        assertThat(to("{\"note\":\"\\\"to\\\":\\\"decoy\\\"\",\"to\":\"b-1\"}")).isEqualTo("b-1");
        assertThat(to("{\"to\":\"客服-7\"}")).isEqualTo("客服-7");
    }

    @Test
    void framesWithoutAUsableToGiveNull() {
        assertThat(to("{\"n\":1}")).isNull();
        assertThat(to("{\"to\":17}")).isNull();
        assertThat(to("[\"to\",\"x\"]")).isNull();
        assertThat(to("not json")).isNull();
        assertThat(to("{\"to\":")).isNull();
    }

    @Test
    void binaryIdsAreLengthPrefixed() {
        ByteBuf ok = Unpooled.wrappedBuffer(new byte[] {2, 'a', '1', 'p', 'a', 'y'});
        assertThat(RelayTarget.ofBinary(ok)).isEqualTo("a1");
        assertThat(RelayTarget.ofBinary(Unpooled.wrappedBuffer(new byte[] {5, 'a'}))).isNull();
        assertThat(RelayTarget.ofBinary(Unpooled.wrappedBuffer(new byte[] {0, 'a'}))).isNull();
    }
}
