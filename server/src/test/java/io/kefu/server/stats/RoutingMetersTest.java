package io.kefu.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.PartyType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoutingMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RoutingMeters meters = new RoutingMeters(registry);

    private double gauge(ConvState state) {
        return registry.get(RoutingMeters.OPEN).tag("state", state.wire()).gauge().value();
    }

    private double closed(String reason) {
        return registry.get(RoutingMeters.CLOSED).tag("reason", reason).counter().count();
    }

    @Test
    void theStateGaugesFollowTheTransitions() {
        // given two conversations created and one restored as assigned
        meters.conversationStateChanged(null, ConvState.QUEUED);
        meters.conversationStateChanged(null, ConvState.QUEUED);
        meters.conversationRestored(ConvState.ASSIGNED);
        assertThat(gauge(ConvState.QUEUED)).isEqualTo(2);
        assertThat(gauge(ConvState.ASSIGNED)).isEqualTo(1);
        assertThat(registry.get(RoutingMeters.OPENED).counter().count()).isEqualTo(2);

        // when one is assigned, one moved to another group, and the restored one closed
        meters.conversationStateChanged(ConvState.QUEUED, ConvState.ASSIGNED);
        meters.conversationStateChanged(ConvState.QUEUED, ConvState.QUEUED);
        meters.conversationStateChanged(ConvState.ASSIGNED, ConvState.CLOSED);

        // then
        assertThat(gauge(ConvState.QUEUED)).isEqualTo(1);
        assertThat(gauge(ConvState.ASSIGNED)).isEqualTo(1);
        assertThat(gauge(ConvState.BOT)).isZero();
        assertThat(registry.find(RoutingMeters.OPEN).tag("state", "closed").gauge()).isNull();
    }

    @Test
    void closeReasonsAreBoundedToAKnownSet() {
        meters.conversationClosed("resolved");
        meters.conversationClosed("Resolved");
        meters.conversationClosed("closed");
        meters.conversationClosed("my order 12345 never came");
        meters.conversationClosed(null);

        assertThat(closed("resolved")).isEqualTo(2);
        assertThat(closed("closed")).isEqualTo(1);
        assertThat(closed("other")).isEqualTo(2);
        assertThat(registry.find(RoutingMeters.CLOSED).counters()).hasSize(RoutingMeters.CLOSE_REASONS.size() + 1);
    }

    @Test
    void queueWaitsMessagesAndRatingsAreRecorded() {
        meters.queueWaited(2_000, ConvState.ASSIGNED);
        meters.queueWaited(200_000, ConvState.ASSIGNED);
        meters.queueWaited(30_000, ConvState.CLOSED);
        meters.messageStored(PartyType.BUYER);
        meters.messageStored(PartyType.BUYER);
        meters.messageStored(PartyType.SYSTEM);
        meters.rated(5);

        var assigned = registry.get(RoutingMeters.QUEUE_WAIT).tag("outcome", "assigned").timer();
        assertThat(assigned.count()).isEqualTo(2);
        assertThat(assigned.totalTime(TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(registry.get(RoutingMeters.QUEUE_WAIT).tag("outcome", "closed").timer().count()).isEqualTo(1);
        assertThat(registry.get(RoutingMeters.MESSAGES_STORED).tag("sender", "buyer").counter().count()).isEqualTo(2);
        assertThat(registry.get(RoutingMeters.MESSAGES_STORED).tag("sender", "system").counter().count()).isEqualTo(1);
        assertThat(registry.get(RoutingMeters.RATINGS).tag("score", "5").counter().count()).isEqualTo(1);
        assertThat(registry.get(RoutingMeters.RATINGS).tag("score", "1").counter().count()).isZero();
    }
}
