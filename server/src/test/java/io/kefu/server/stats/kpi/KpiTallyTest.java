package io.kefu.server.stats.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.routing.spi.KpiEvent.Conv;
import io.kefu.server.store.KpiColumn;
import io.kefu.server.store.KpiRow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every figure on a scripted set of conversations, against values worked out by hand (docs/kpis.md). */
class KpiTallyTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 10:00 in Shanghai: daytime. */
    static final long T0 = Instant.parse("2026-12-01T02:00:00Z").toEpochMilli();

    static Conv conv(String id, String group, String agent) {
        return new Conv("s1", id, group, agent, SHANGHAI);
    }

    static long at(long sec) {
        return T0 + sec * 1000;
    }

    /** Feeds the events in order, sweeping at each event's time first (what the writer thread does). */
    /** Meters that count breaches into {@code breaches} and add the waiting changes up in {@code waiting}. */
    static KpiTally.Meters counting(AtomicInteger breaches, AtomicInteger waiting) {
        return new KpiTally.Meters() {
            @Override
            public void breached() {
                breaches.incrementAndGet();
            }

            @Override
            public void waiting(int delta) {
                waiting.addAndGet(delta);
            }
        };
    }

    static KpiTally run(List<KpiEvent> events, long endSweep, KpiTally.Meters meters) {
        KpiTally t = new KpiTally(meters);
        for (KpiEvent e : events) {
            t.sweep(e.ts());
            t.accept(e);
        }
        t.sweep(endSweep);
        return t;
    }

    static long[] total(List<KpiRow> rows, String agent) {
        long[] sum = new long[KpiColumn.count()];
        for (KpiRow r : rows) {
            if (agent == null ? !r.isTotal() : agent.equals(r.agentId())) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += r.values()[i];
                }
            }
        }
        return sum;
    }

    static List<KpiEvent> scripted() {
        List<KpiEvent> e = new ArrayList<>();
        // A: queued; answered in time twice, transferred, then answered late by the second agent; rated 2
        e.add(new KpiEvent.Opened(conv("A", "g1", null), at(0), false));
        e.add(new KpiEvent.MessageStored(conv("A", "g1", null), at(0), "buyer", "b1", false));
        // B: with the bot, one buyer message to it, hand-off at 30 s, answered 65 s after the hand-off
        e.add(new KpiEvent.Opened(conv("B", "g1", null), at(0), true));
        // C: the bot resolves it; rated 5
        e.add(new KpiEvent.Opened(conv("C", "g1", null), at(0), true));
        e.add(new KpiEvent.MessageStored(conv("C", "g1", null), at(1), "buyer", "b3", true));
        e.add(new KpiEvent.MessageStored(conv("B", "g1", null), at(5), "buyer", "b2", true));
        e.add(new KpiEvent.MessageStored(conv("B", "g1", null), at(10), "bot", null, true));
        e.add(new KpiEvent.Assigned(conv("A", "g1", "a1"), at(20), 20_000));
        e.add(new KpiEvent.HandedOff(conv("B", "g1", null), at(30)));
        e.add(new KpiEvent.Queued(conv("B", "g1", null), at(30)));
        e.add(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(50), "buyer", "b1", false));
        e.add(new KpiEvent.Closed(conv("C", "g1", null), at(50), true));
        e.add(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(60), "agent", "a1", false));
        e.add(new KpiEvent.Rated(conv("C", "g1", null), at(60), 5));
        e.add(new KpiEvent.Assigned(conv("B", "g1", "a1"), at(90), 60_000));
        e.add(new KpiEvent.MessageStored(conv("B", "g1", "a1"), at(95), "agent", "a1", false));
        e.add(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(100), "buyer", "b1", false));
        e.add(new KpiEvent.Closed(conv("B", "g1", "a1"), at(100), false));
        e.add(new KpiEvent.Transferred(conv("A", "g1", "a1"), at(150)));
        e.add(new KpiEvent.Assigned(conv("A", "g1", "a2"), at(150), -1));
        e.add(new KpiEvent.MessageStored(conv("A", "g1", "a2"), at(400), "agent", "a2", false));
        e.add(new KpiEvent.Closed(conv("A", "g1", "a2"), at(500), false));
        e.add(new KpiEvent.Rated(conv("A", "g1", "a2"), at(600), 2));
        // D: 23:00 in Shanghai (after the platform's daytime); never answered; the agent's message is blocked
        long d = 13 * 3600;
        e.add(new KpiEvent.Opened(conv("D", "g2", null), at(d), false));
        e.add(new KpiEvent.MessageStored(conv("D", "g2", null), at(d), "buyer", "b4", false));
        e.add(new KpiEvent.Assigned(conv("D", "g2", "a1"), at(d + 10), 10_000));
        e.add(new KpiEvent.Blocked(conv("D", "g2", "a1"), at(d + 50), "a1"));
        e.add(new KpiEvent.Closed(conv("D", "g2", "a1"), at(d + 100), false));
        return e;
    }

    @Test
    void everyFigureOfTheScriptedConversations() {
        AtomicInteger breaches = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        KpiTally tally = run(scripted(), at(20 * 3600), counting(breaches, waiting));
        List<KpiRow> rows = tally.drain();
        Map<String, Number> shop = KpiFigures.of(total(rows, null), false);
        assertThat(total(rows, KpiRow.ALL)).as("the shop's total rows").containsExactly(total(rows, null));

        assertThat(shop).containsEntry("conversations", 4L).containsEntry("buyerMessages", 6L)
                .containsEntry("firstResponseSecAvg", 62.5) // A 60 s, B 65 s from its hand-off
                .containsEntry("responseSecAvg", 141.7) // rounds of 60, 300 and 65 s
                .containsEntry("replyRate3m", 0.6) // 3 of 5: A's three, B's hand-off, D's one
                .containsEntry("replyRate3mDaytime", 0.75) // D was sent at 23:00
                .containsEntry("answerRate30s", 0.0) // first responses 60 s, 65 s and D never
                .containsEntry("unanswered", 1L).containsEntry("transfers", 1L).containsEntry("transferRate", 0.25)
                .containsEntry("queueWaitSecP50", 20.0).containsEntry("queueWaitSecP90", 60.0)
                .containsEntry("ratings", 2L).containsEntry("ratingAvg", 3.5).containsEntry("lowRatings", 1L)
                .containsEntry("aftersales", 0L).containsEntry("refundRate", 0.0)
                .containsEntry("botResolved", 1L).containsEntry("blocked", 1L);

        Map<String, Number> a1 = KpiFigures.of(total(rows, "a1"), true);
        assertThat(a1).containsEntry("conversations", 3L).containsEntry("replyRate3m", 0.75) // D is a1's miss
                .containsEntry("transfers", 1L).containsEntry("blocked", 1L).containsEntry("unanswered", 1L);
        Map<String, Number> a2 = KpiFigures.of(total(rows, "a2"), true);
        assertThat(a2).containsEntry("conversations", 1L).containsEntry("replyRate3m", 0.0)
                .containsEntry("responseSecAvg", 300.0).containsEntry("ratings", 1L).containsEntry("ratingAvg", 2.0);

        assertThat(breaches).hasValue(2); // A's third message and D's
        assertThat(waiting).hasValue(0);
        assertThat(tally.conversations()).isZero();
    }

    @Test
    void aMessageLeftPastThreeMinutesIsAMissWhenTheMarkPassesAndForTheAgentHoldingIt() {
        List<KpiEvent> e = List.of(
                new KpiEvent.Opened(conv("A", "g1", null), at(0), false),
                new KpiEvent.Assigned(conv("A", "g1", "a1"), at(1), 1_000),
                new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(10), "buyer", "b1", false));
        AtomicInteger breaches = new AtomicInteger();
        KpiTally.Meters meters = new KpiTally.Meters() {
            @Override
            public void breached() {
                breaches.incrementAndGet();
            }
        };
        KpiTally tally = run(e, at(190), meters);
        assertThat(total(tally.drain(), null)[KpiColumn.NEED_MSGS.ordinal()]).isZero(); // 180 s exactly: not yet
        tally.sweep(at(190) + 1);
        long[] sum = total(tally.drain(), "a1");
        assertThat(sum[KpiColumn.NEED_MSGS.ordinal()]).isEqualTo(1);
        assertThat(sum[KpiColumn.WITHIN_3M.ordinal()]).isZero();
        assertThat(breaches).hasValue(1);
        // the late answer still counts for the response time, and the miss is not counted twice
        tally.accept(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(400), "agent", "a1", false));
        long[] after = total(tally.drain(), "a1");
        assertThat(after[KpiColumn.NEED_MSGS.ordinal()]).isZero();
        assertThat(after[KpiColumn.ROUND_MS.ordinal()]).isEqualTo(390_000);
        assertThat(breaches).hasValue(1);
    }

    @Test
    void aChatAnsweredOverAndOverKeepsOneMarkAndStillCountsALateRequestAsAMiss() {
        KpiTally tally = new KpiTally(KpiTally.Meters.NONE);
        tally.accept(new KpiEvent.Opened(conv("A", "g1", null), at(0), false));
        tally.accept(new KpiEvent.Assigned(conv("A", "g1", "a1"), at(0), 0));
        for (int i = 0; i < 100; i++) { // a buyer message a second, each answered at once
            tally.accept(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(i), "buyer", "b1", false));
            tally.accept(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(i), "agent", "a1", false));
        }
        assertThat(tally.marksPending()).isEqualTo(1);
        tally.accept(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(150), "buyer", "b1", false));
        tally.drain();

        tally.sweep(at(181)); // the first run's mark passes: it looks again at 150 s + 3 minutes
        assertThat(total(tally.drain(), "a1")[KpiColumn.NEED_MSGS.ordinal()]).isZero();
        assertThat(tally.marksPending()).isEqualTo(1);
        tally.sweep(at(330) + 1);
        long[] sum = total(tally.drain(), "a1");
        assertThat(sum[KpiColumn.NEED_MSGS.ordinal()]).isEqualTo(1);
        assertThat(sum[KpiColumn.WITHIN_3M.ordinal()]).isZero();
        assertThat(tally.marksPending()).isZero();
    }

    @Test
    void aShopThatMovedToAnotherNodeLeavesItsWaitingBuyersToIt() {
        // given: A's buyer waits since 10 s on this node; then A's shop moves to another node (cluster mode)
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger breaches = new AtomicInteger();
        KpiTally.Meters meters = counting(breaches, waiting);
        List<KpiEvent> e = List.of(
                new KpiEvent.Opened(conv("A", "g1", "a1"), at(0), false),
                new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(10), "buyer", "b1", false),
                new KpiEvent.ShopLeft(new KpiEvent.Conv(conv("A", "g1", "a1").shopId(), null, null, null, null), at(20)));
        // when: the 3-minute mark passes here
        KpiTally tally = run(e, at(400), meters);
        // then: this node decides nothing (the new owner restores the clock and decides), and nobody waits here
        long[] sum = total(tally.drain(), null);
        assertThat(sum[KpiColumn.NEED_MSGS.ordinal()]).isZero();
        assertThat(breaches).hasValue(0);
        assertThat(waiting).hasValue(0);
        // and: the opening itself was counted where it happened
        assertThat(sum[KpiColumn.OPENED.ordinal()]).isEqualTo(1);
    }

    @Test
    void anAnswerAtExactlyThreeMinutesIsInTime() {
        List<KpiEvent> e = List.of(
                new KpiEvent.Opened(conv("A", "g1", "a1"), at(0), false),
                new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(0), "buyer", "b1", false),
                new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(180), "agent", "a1", false));
        long[] sum = total(run(e, at(1000), KpiTally.Meters.NONE).drain(), null);
        assertThat(sum[KpiColumn.WITHIN_3M.ordinal()]).isEqualTo(1);
    }

    @Test
    void aBuyerWaitingAcrossARestartIsAnsweredAgainstTheOriginalTimes() {
        // given: a fresh tally (the restarted server) told of A, whose buyer wrote at 0 s and 40 s and never had an
        // answer, loaded at 60 s; B, answered once before the restart, with a request at 10 s and one at 200 s
        // (the first already past its mark when loaded at 250 s); C, with the bot
        AtomicInteger breaches = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        KpiTally tally = new KpiTally(counting(breaches, waiting));
        tally.accept(new KpiEvent.Restored(conv("A", "g1", "a1"), at(60), List.of(at(0), at(40)), false));
        tally.accept(new KpiEvent.Restored(conv("C", "g1", null), at(60), List.of(), false));
        assertThat(waiting).hasValue(1);

        // when: a1 answers A at 100 s
        tally.sweep(at(100));
        tally.accept(new KpiEvent.MessageStored(conv("A", "g1", "a1"), at(100), "agent", "a1", false));
        tally.accept(new KpiEvent.Restored(conv("A", "g1", "a1"), at(101), List.of(at(0)), false)); // loaded again

        // then: both requests in time, the round and the first response 100 s from the first message
        long[] a = total(tally.drain(), "a1");
        assertThat(a[KpiColumn.NEED_MSGS.ordinal()]).isEqualTo(2);
        assertThat(a[KpiColumn.WITHIN_3M.ordinal()]).isEqualTo(2);
        assertThat(a[KpiColumn.ROUNDS.ordinal()]).isEqualTo(1);
        assertThat(a[KpiColumn.ROUND_MS.ordinal()]).isEqualTo(100_000);
        assertThat(a[KpiColumn.FIRSTS.ordinal()]).isEqualTo(1);
        assertThat(a[KpiColumn.FIRST_MS.ordinal()]).isEqualTo(100_000);
        assertThat(a[KpiColumn.FIRST_30S.ordinal()]).isZero();
        assertThat(waiting).hasValue(0);

        // when: B loads at 250 s; its 200 s request passes its mark at 380 s, then a2 answers at 400 s
        tally.accept(new KpiEvent.Restored(conv("B", "g1", "a2"), at(250), List.of(at(10), at(200)), true));
        tally.sweep(at(380));
        assertThat(total(tally.drain(), "a2")[KpiColumn.NEED_MSGS.ordinal()]).as("180 s exactly: not yet").isZero();
        tally.sweep(at(380) + 1);
        tally.accept(new KpiEvent.MessageStored(conv("B", "g1", "a2"), at(400), "agent", "a2", false));

        // then: the 10 s request was counted before the restart and is not again; the 200 s one is a miss; the
        // round runs from 10 s; no first response (staff wrote before the restart)
        List<KpiRow> rows = tally.drain();
        long[] b = total(rows, "a2");
        assertThat(b[KpiColumn.NEED_MSGS.ordinal()]).isEqualTo(1);
        assertThat(b[KpiColumn.WITHIN_3M.ordinal()]).isZero();
        assertThat(b[KpiColumn.ROUND_MS.ordinal()]).isEqualTo(390_000);
        assertThat(b[KpiColumn.FIRSTS.ordinal()] + b[KpiColumn.FIRST_DECIDED.ordinal()]).isZero();
        assertThat(rows).filteredOn(r -> r.get(KpiColumn.NEED_MSGS) > 0).extracting(KpiRow::minute)
                .containsOnly(Math.floorDiv(at(200), 60_000L));
        assertThat(breaches).hasValue(1);

        // and C, restored with the bot and handed off later, starts its first response then
        tally.accept(new KpiEvent.HandedOff(conv("C", "g1", null), at(500)));
        tally.accept(new KpiEvent.MessageStored(conv("C", "g1", "a1"), at(520), "agent", "a1", false));
        long[] c = total(tally.drain(), "a1");
        assertThat(c[KpiColumn.FIRST_MS.ordinal()]).isEqualTo(20_000);
        assertThat(c[KpiColumn.FIRST_30S.ordinal()]).isEqualTo(1);
    }
}
