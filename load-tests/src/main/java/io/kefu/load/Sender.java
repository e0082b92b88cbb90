package io.kefu.load;

import io.netty.channel.Channel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One side of one conversation sending on its open-loop schedule, served by the {@link SendQueue} of its
 * connection's event loop: when due, it sends every message whose scheduled time has come (all of them if
 * the loop was late — an open loop never skips, up to {@link #MAX_BURST} a turn), flushes once, and tells the
 * queue its next time. The stamp carries the scheduled time, so lateness here shows up in the measured
 * latency (coordinated omission corrected) and in the sender-lag histogram. A message due while the
 * connection is closed is not sent (the closing was counted as a drop) but counted as an error.
 * Confined to its queue's event loop.
 */
final class Sender implements SendQueue.Due {
    /** Sends per turn before yielding the loop to reads, when far behind. */
    private static final int MAX_BURST = 256;

    private final RunState run;
    private final Dialect dialect;
    private final ConvTrack track;
    private final Endpoint from;
    private final SendSchedule schedule;
    private final char dir;
    private long next;

    Sender(RunState run, Dialect dialect, ConvTrack track, Endpoint from, SendSchedule schedule) {
        this.run = run;
        this.dialect = dialect;
        this.track = track;
        this.from = from;
        this.schedule = schedule;
        this.dir = from.role() == Endpoint.Role.BUYER ? Stamp.FROM_BUYER : Stamp.FROM_AGENT;
    }

    Endpoint from() {
        return from;
    }

    /** The first send time, or {@link RatePlan#NEVER} when not connected; once the chat plan is published. */
    @Override
    public long first() {
        next = schedule.next();
        return from.channel() == null ? RatePlan.NEVER : next;
    }

    /** Sends what is due at {@code now}; the next send time, or {@link RatePlan#NEVER} when done or closed. */
    @Override
    public long sendDue(long now) {
        Channel ch = from.channel();
        int burst = 0;
        while (next <= now && next != RatePlan.NEVER && burst < MAX_BURST && !run.stopping()) {
            send(ch, now);
            next = schedule.next();
            burst++;
        }
        if (burst > 0 && ch != null) {
            ch.flush();
        }
        return ch == null ? RatePlan.NEVER : next;
    }

    private void send(Channel ch, long now) {
        if (ch == null || !ch.isActive()) {
            // already counted as a drop (or an expected cut-off of a slow consumer); not a message to lose
            if (!from.slow()) {
                run.errors.count("not sent: the " + from.role().name().toLowerCase(java.util.Locale.ROOT)
                        + "'s connection is closed");
            }
            return;
        }
        ConvTrack.Flow flow = dir == Stamp.FROM_BUYER ? track.toAgent : track.toBuyer;
        Stamp stamp = new Stamp(track.index(), dir, ++flow.sent, next);
        int phase = run.phaseOf(next);
        run.stats(track).sent(phase);
        run.latency.senderLag.record(phase, now - next);
        ch.write(dialect.message(track, from, stamp, ch.alloc(), ThreadLocalRandom.current().nextInt()),
                ch.voidPromise());
    }
}
