package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.Body;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.MessagesResult;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sequencing logic alone, with syncs answered by hand. */
class ConversationTrackerTest {

    /** Records deliveries and the syncs asked for, whose futures the test completes. */
    private static final class Sink implements ConversationTracker.Sink {
        final List<Msg> delivered = new ArrayList<>();
        final List<String> syncs = new ArrayList<>();
        final List<CompletableFuture<OkResult>> answers = new ArrayList<>();
        final List<Runnable> retries = new ArrayList<>();
        final List<Integer> attempts = new ArrayList<>();

        @Override
        public void deliver(Msg msg) {
            delivered.add(msg);
        }

        @Override
        public CompletableFuture<OkResult> sync(String conv, long afterSeq) {
            syncs.add(conv + ">" + afterSeq);
            CompletableFuture<OkResult> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @Override
        public void retryLater(Runnable retry, int attempt) {
            retries.add(retry);
            attempts.add(attempt);
        }

        /** Runs the retries scheduled so far, as the client's event loop does after their delays. */
        void runRetries() {
            List<Runnable> due = new ArrayList<>(retries);
            retries.clear();
            due.forEach(Runnable::run);
        }

        void refuseLast(ErrorCode code) {
            answers.get(answers.size() - 1).completeExceptionally(new KefuClientException(code, "not now"));
        }

        List<String> delivered() {
            return delivered.stream().map(m -> m.conv() + "#" + m.seq()).collect(Collectors.toList());
        }

        void answerLast(Msg... messages) {
            answers.get(answers.size() - 1).complete(new MessagesResult(Arrays.asList(messages)));
        }
    }

    private final Sink sink = new Sink();
    private final ConversationTracker tracker = new ConversationTracker(sink);

    @Test
    void inOrderPushesAreDeliveredWithoutSync() {
        tracker.pushed(msg("c1", 5));
        tracker.pushed(msg("c1", 6));

        assertThat(sink.delivered()).containsExactly("c1#5", "c1#6");
        assertThat(sink.syncs).isEmpty();
        assertThat(tracker.delivered("c1")).isEqualTo(6);
    }

    @Test
    void aLateRepeatOfAClosedConversationsMessageIsNotDeliveredAgain() {
        tracker.pushed(msg("c1", 5));
        tracker.pushed(msg("c1", 6));
        tracker.closed("c1");

        tracker.pushed(msg("c1", 6)); // a node that took the shop over pushes the latest message again
        assertThat(sink.delivered()).containsExactly("c1#5", "c1#6");

        tracker.pushed(msg("c1", 7)); // a message past the close is new
        assertThat(sink.delivered()).containsExactly("c1#5", "c1#6", "c1#7");
        assertThat(sink.syncs).isEmpty();
    }

    @Test
    void aGapAsksForOneSyncAndHoldsLaterPushesUntilItIsAnswered() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 4));
        tracker.pushed(msg("c1", 5));

        assertThat(sink.syncs).containsExactly("c1>1");
        assertThat(sink.delivered()).containsExactly("c1#1");

        sink.answerLast(msg("c1", 2), msg("c1", 3), msg("c1", 4));

        assertThat(sink.delivered()).containsExactly("c1#1", "c1#2", "c1#3", "c1#4", "c1#5");
        assertThat(sink.syncs).hasSize(1);
    }

    @Test
    void aPartialSyncAnswerIsFollowedByAnotherSync() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 5));
        sink.answerLast(msg("c1", 2), msg("c1", 3));

        assertThat(sink.syncs).containsExactly("c1>1", "c1>3");
        sink.answerLast(msg("c1", 4), msg("c1", 5));

        assertThat(sink.delivered()).containsExactly("c1#1", "c1#2", "c1#3", "c1#4", "c1#5");
    }

    @Test
    void whenTheServerCannotFillTheGapHeldMessagesAreDeliveredAnyway() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 4));
        sink.answers.get(0).completeExceptionally(new KefuClientException(ErrorCode.FORBIDDEN, "not yours"));

        assertThat(sink.delivered()).containsExactly("c1#1", "c1#4");
        tracker.pushed(msg("c1", 5));
        assertThat(sink.delivered()).containsExactly("c1#1", "c1#4", "c1#5");
    }

    @Test
    void aSyncRefusedAsOverloadedIsRetriedWithBackoffAndFillsTheGap() {
        tracker.pushed(msg("c1", 5));
        tracker.pushed(msg("c1", 7)); // 6 is missing; the shop's node has just died
        sink.refuseLast(ErrorCode.OVERLOADED);
        tracker.pushed(msg("c1", 8)); // held with 7: the retry is the sync
        assertThat(sink.syncs).containsExactly("c1>5");
        assertThat(sink.delivered()).containsExactly("c1#5");

        sink.runRetries();
        sink.refuseLast(ErrorCode.INTERNAL);
        tracker.resume(List.of(new ConvSummary("c1", "s1", ConvState.ASSIGNED, 8))); // a retry is on its way
        sink.runRetries();
        sink.answerLast(msg("c1", 6), msg("c1", 7), msg("c1", 8));

        assertThat(sink.syncs).containsExactly("c1>5", "c1>5", "c1>5");
        assertThat(sink.attempts).containsExactly(0, 1);
        assertThat(sink.delivered()).containsExactly("c1#5", "c1#6", "c1#7", "c1#8");
    }

    @Test
    void aSyncRefusedOverAndOverGivesTheGapUpAfterTheLastRetry() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 3));
        for (int i = 0; i < ConversationTracker.SYNC_RETRIES; i++) {
            sink.refuseLast(ErrorCode.OVERLOADED);
            assertThat(sink.delivered()).containsExactly("c1#1");
            sink.runRetries();
        }
        sink.refuseLast(ErrorCode.OVERLOADED);

        assertThat(sink.syncs).hasSize(ConversationTracker.SYNC_RETRIES + 1);
        assertThat(sink.delivered()).containsExactly("c1#1", "c1#3");
        assertThat(sink.retries).isEmpty();

        tracker.pushed(msg("c1", 5)); // a new gap gets its full count of retries again
        sink.refuseLast(ErrorCode.OVERLOADED);
        assertThat(sink.attempts).last().isEqualTo(0);
    }

    @Test
    void aRetryForAConversationClosedMeanwhileDoesNothing() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 3));
        sink.refuseLast(ErrorCode.OVERLOADED);
        tracker.closed("c1");

        sink.runRetries();

        assertThat(sink.syncs).containsExactly("c1>1");
    }

    @Test
    void aConversationNoLongerReadableIsNoLongerSyncedAfterReconnects() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 3));
        sink.answers.get(0).completeExceptionally(new KefuClientException(ErrorCode.FORBIDDEN, "transferred"));

        tracker.resume(List.of());

        assertThat(sink.syncs).containsExactly("c1>1");
    }

    @Test
    void aSyncLostWithTheConnectionIsRedoneOnResume() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 3));
        sink.answers.get(0).completeExceptionally(new ConnectionClosedException(1006, "", "lost"));
        assertThat(sink.delivered()).containsExactly("c1#1");

        tracker.resume(List.of(new ConvSummary("c1", "s1", ConvState.ASSIGNED, 3)));

        assertThat(sink.syncs).containsExactly("c1>1", "c1>1");
        sink.answerLast(msg("c1", 2), msg("c1", 3));
        assertThat(sink.delivered()).containsExactly("c1#1", "c1#2", "c1#3");
    }

    @Test
    void resumeStartsNewConversationsAtTheirLastSeqAndSyncsKnownOnesBehind() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c2", 7));

        tracker.resume(List.of(new ConvSummary("c1", "s1", ConvState.ASSIGNED, 1),
                new ConvSummary("c2", "s1", ConvState.ASSIGNED, 9),
                new ConvSummary("c3", "s1", ConvState.QUEUED, 12)));

        assertThat(sink.syncs).containsExactly("c2>7");
        assertThat(tracker.delivered("c3")).isEqualTo(12);
        tracker.pushed(msg("c3", 13));
        assertThat(sink.delivered()).endsWith("c3#13");
    }

    @Test
    void resumeSyncsKnownConversationsTheServerNoLongerLists() {
        tracker.pushed(msg("c1", 1));

        tracker.resume(List.of());

        assertThat(sink.syncs).containsExactly("c1>1");
        sink.answerLast();
        assertThat(sink.syncs).hasSize(1);
    }

    @Test
    void anOpenedConversationDeliversFromItsFirstMessage() {
        tracker.opened("c1");
        tracker.pushed(msg("c1", 2));

        assertThat(sink.syncs).containsExactly("c1>0");
        sink.answerLast(msg("c1", 1), msg("c1", 2));
        assertThat(sink.delivered()).containsExactly("c1#1", "c1#2");
    }

    @Test
    void aClosedConversationIsForgottenAndItsLateSyncAnswerIgnored() {
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 3));
        tracker.closed("c1");

        sink.answerLast(msg("c1", 2), msg("c1", 3));

        assertThat(sink.delivered()).containsExactly("c1#1");
        assertThat(tracker.delivered("c1")).isEqualTo(-1);
        tracker.resume(List.of());
        assertThat(sink.syncs).hasSize(1);
    }

    @Test
    void aConversationSeenClosedAndOpenedAgainGoesOnFromWhatWasDelivered() {
        // The server pushed conv.closed and died before storing the close: the buyer's next open gets it back.
        tracker.pushed(msg("c1", 1));
        tracker.pushed(msg("c1", 2));
        tracker.closed("c1");

        tracker.opened("c1");
        tracker.pushed(msg("c1", 3));

        assertThat(sink.syncs).isEmpty();
        assertThat(sink.delivered()).containsExactly("c1#1", "c1#2", "c1#3");
    }

    @Test
    void aConversationSeenClosedThatResumeListsOpenIsSyncedFromWhatWasDelivered() {
        tracker.pushed(msg("c1", 5));
        tracker.closed("c1");

        tracker.resume(List.of(new ConvSummary("c1", "s1", ConvState.ASSIGNED, 6)));

        assertThat(sink.syncs).containsExactly("c1>5");
        sink.answerLast(msg("c1", 6));
        tracker.pushed(msg("c1", 7));
        assertThat(sink.delivered()).containsExactly("c1#5", "c1#6", "c1#7");
    }

    private static Msg msg(String conv, long seq) {
        return new Msg(conv, seq, new Party(PartyType.AGENT, "a1"), "text", Body.text("m" + seq), seq, null);
    }
}
