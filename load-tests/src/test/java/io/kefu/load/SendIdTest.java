package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendIdTest {

    @Test
    void roundTripsTheScheduledTimeAndConversation() {
        String id = SendId.format(new Stamp(17, Stamp.FROM_AGENT, 3, 123_456_789L));

        assertThat(id).isEqualTo("123456789.17");
        assertThat(SendId.parse(id)).isEqualTo(new SendId(123_456_789L, 17));
    }

    @Test
    void otherIdsAreNotSendIds() {
        assertThat(SendId.parse("h")).isNull();
        assertThat(SendId.parse("o17")).isNull();
        assertThat(SendId.parse("12.")).isNull();
        assertThat(SendId.parse("12.x")).isNull();
    }
}
