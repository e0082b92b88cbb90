package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.load.report.MessageCounts;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loss, duplicate, order and seq accounting, driven by hand with a fake clock. */
class RunStateTest {
    private final AtomicLong now = new AtomicLong();
    private final Scenario scenario = LoadRunner.parse("--target", "relay", "--agents-per-shop", "2", "--buyers", "2",
            "--rate", "10", "--duration", "10", "--warmup", "0");
    private final Endpoint buyer = new Endpoint(Endpoint.Role.BUYER, 0, "b0", null, false);
    private final Endpoint agent = new Endpoint(Endpoint.Role.AGENT, 0, "a0", null, false);
    private final Endpoint slowAgent = new Endpoint(Endpoint.Role.AGENT, 1, "a1", null, true);
    private final ConvTrack conv = new ConvTrack(0, buyer);
    private final ConvTrack slowConv = new ConvTrack(1, new Endpoint(Endpoint.Role.BUYER, 1, "b1", null, false));
    private final RunState run = new RunState(scenario, now::get, new ConvBook(new ConvTrack[] {conv, slowConv}));
    private RatePlan plan;

    @BeforeEach
    void chatStartsAtOneSecond() {
        run.book.pair(conv, "c0", agent);
        run.book.pair(slowConv, "c1", slowAgent);
        plan = scenario.plan(1_000_000);
        run.startChat(plan);
    }

    private void send(ConvTrack track, Stamp s) {
        run.stats(track).sent(run.phaseOf(s.at()));
    }

    private Stamp fromBuyer(long n, long at) {
        return new Stamp(0, Stamp.FROM_BUYER, n, at);
    }

    @Test
    void aDeliveryIsTimedFromItsScheduledSendTime() {
        Stamp s = fromBuyer(1, 2_000_000);
        send(conv, s);
        now.set(2_004_500);

        run.arrived(agent, conv, s);

        MessageCounts m = run.normal.snapshot();
        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.unaccounted()).isZero();
        var h = run.latency.buyerToAgent.copy(plan.phaseAt(2_000_000));
        assertThat(h.getTotalCount()).isEqualTo(1);
        assertThat(h.getMaxValue()).isBetween(4_490L, 4_510L);
        assertThat(run.normal.deliveredIn(RatePlan.measuredPhase(0))).isEqualTo(1);
    }

    @Test
    void aSecondArrivalIsADuplicateAndNotTimedAgain() {
        Stamp s = fromBuyer(1, 2_000_000);
        send(conv, s);
        now.set(2_001_000);

        run.arrived(agent, conv, s);
        run.arrived(agent, conv, s);

        MessageCounts m = run.normal.snapshot();
        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.duplicated()).isEqualTo(1);
        assertThat(run.latency.buyerToAgent.copy(2).getTotalCount()).isEqualTo(1);
    }

    @Test
    void anArrivalAfterALaterMessageIsOutOfOrderButDelivered() {
        for (int n = 1; n <= 3; n++) {
            send(conv, fromBuyer(n, 2_000_000 + n));
        }
        now.set(3_000_000);

        run.arrived(agent, conv, fromBuyer(1, 2_000_001));
        run.arrived(agent, conv, fromBuyer(3, 2_000_003));
        run.arrived(agent, conv, fromBuyer(2, 2_000_002));

        MessageCounts m = run.normal.snapshot();
        assertThat(m.delivered()).isEqualTo(3);
        assertThat(m.outOfOrder()).isEqualTo(1);
        assertThat(m.unaccounted()).isZero();
    }

    @Test
    void whatIsNeitherDeliveredNorRefusedIsUnaccounted() {
        for (int n = 1; n <= 4; n++) {
            send(conv, fromBuyer(n, 2_000_000 + n));
        }
        run.arrived(agent, conv, fromBuyer(1, 2_000_001));
        run.rejected(conv, "error rate_limited");

        MessageCounts m = run.normal.snapshot();
        assertThat(m.sent()).isEqualTo(4);
        assertThat(m.rejected()).isEqualTo(1);
        assertThat(m.unaccounted()).isEqualTo(2);
        assertThat(m.clean()).isFalse();
        assertThat(run.errors.snapshot()).containsEntry("error rate_limited", 1L);
    }

    @Test
    void theSendersOwnEchoIsIgnored() {
        Stamp s = fromBuyer(1, 2_000_000);
        send(conv, s);

        run.arrived(buyer, conv, s);

        assertThat(run.normal.snapshot().delivered()).isZero();
        assertThat(run.normal.snapshot().duplicated()).isZero();
    }

    @Test
    void directionsAreCountedSeparately() {
        run.arrived(agent, conv, fromBuyer(1, 2_000_000));

        assertThat(conv.toBuyer.seen.add(1)).as("agent→buyer number 1 is still new").isEqualTo(SeenSet.Outcome.NEW);
    }

    @Test
    void slowConsumerConversationsAreCountedApartAndNotTimed() {
        Stamp s = new Stamp(1, Stamp.FROM_BUYER, 1, 2_000_000);
        send(slowConv, s);
        now.set(2_000_100);

        run.arrived(slowAgent, slowConv, s);

        assertThat(run.slow.snapshot().delivered()).isEqualTo(1);
        assertThat(run.normal.snapshot().sent()).isZero();
        assertThat(run.latency.buyerToAgent.copy(2).getTotalCount()).isZero();
    }

    @Test
    void okAnswersAreTimedFromTheScheduledSend() {
        now.set(2_000_700);

        run.acked(conv, 2_000_000);

        assertThat(run.normal.snapshot().acked()).isEqualTo(1);
        assertThat(run.latency.ok.copy(2).getMaxValue()).isBetween(699L, 701L);
    }

    @Test
    void seqMustGoUpByOne() {
        long last = 0;
        last = run.checkSeq(conv, last, 1);
        last = run.checkSeq(conv, last, 2);
        last = run.checkSeq(conv, last, 4);
        last = run.checkSeq(conv, last, 4);
        last = run.checkSeq(conv, last, 3);
        last = run.checkSeq(conv, last, 5);

        assertThat(last).isEqualTo(5);
        MessageCounts m = run.normal.snapshot();
        assertThat(m.seqGaps()).isEqualTo(1);
        assertThat(m.seqRepeats()).isEqualTo(2);
    }

    @Test
    void beforeTheChatEverythingIsSetUp() {
        RunState fresh = new RunState(scenario, now::get, new ConvBook(new ConvTrack[0]));

        assertThat(fresh.phaseOf(5_000_000)).isZero();
    }
}
