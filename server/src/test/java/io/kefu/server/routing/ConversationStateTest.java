package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.store.ConversationRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationStateTest {
    private static final long T0 = 1_700_000_000_000L;

    private final ConversationState c = new ConversationState(
            new ConversationRecord("c1", "s1", "b1", ConvState.ASSIGNED, "g1", "a1", null, null, T0, T0, 0, null, null,
                    null, null),
            new BuyerRef("b1", "buyer", List.of()), 0);

    @Test
    void answersOlderThanTheMemoryAreForgottenWhenANewOneIsStored() {
        c.rememberCmid("b1", "m1", new SendResult("c1", 1, T0), T0);
        c.rememberCmid("b1", "m2", new SendResult("c1", 2, T0 + 1_000), T0 + 1_000);

        c.rememberCmid("b1", "m3", new SendResult("c1", 3, T0 + ConversationState.CMID_MEMORY_MS + 500),
                T0 + ConversationState.CMID_MEMORY_MS + 500);

        assertThat(c.cmids.size()).isEqualTo(2);
        assertThat(c.knownCmid("b1", "m1")).isNull();
        assertThat(c.knownCmid("b1", "m2")).isEqualTo(new SendResult("c1", 2, T0 + 1_000));
        assertThat(c.knownCmid("b1", "m3").seq()).isEqualTo(3);
    }

    @Test
    void aBusyConversationKeepsAtMostTheCountLimit() {
        for (int i = 1; i <= ConversationState.CMID_MEMORY + 50; i++) {
            c.rememberCmid("b1", "m" + i, new SendResult("c1", i, T0 + i), T0 + i);
        }

        assertThat(c.cmids.size()).isEqualTo(ConversationState.CMID_MEMORY);
        assertThat(c.knownCmid("b1", "m1050")).isEqualTo(new SendResult("c1", 1050, T0 + 1050));
        assertThat(c.knownCmid("b1", "m51")).isNotNull();
        assertThat(c.knownCmid("b1", "m50")).isNull();
    }

    @Test
    void anOldAnswerFoundInTheStoreIsForgottenOnceYoungerOnesFollow() {
        c.rememberCmid("b1", "old", new SendResult("c1", 1, T0), T0 + ConversationState.CMID_MEMORY_MS * 3);
        assertThat(c.cmids.size()).as("a retry answered from the store is not kept past its horizon").isZero();

        c.rememberCmid("b1", "new", new SendResult("c1", 9, T0 + ConversationState.CMID_MEMORY_MS * 3),
                T0 + ConversationState.CMID_MEMORY_MS * 3);
        assertThat(c.cmids.size()).isEqualTo(1);
        assertThat(c.knownCmid("b1", "new").seq()).isEqualTo(9);
        assertThat(c.knownCmid("b1", "old")).isNull();
    }
}
