package io.kefu.load;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/**
 * One side of one conversation sending on its open-loop schedule. It runs as a task on its connection's
 * event loop: sends every message whose scheduled time has come (all of them if the loop was late — an
 * open loop never skips), flushes once, and schedules itself for the next time. The stamp carries the
 * scheduled time, so lateness here shows up in the measured latency (coordinated omission corrected)
 * and in the sender-lag histogram. A message due while the connection is closed is not sent (the
 * closing was counted as a drop) but counted as an error.
 */
final class Sender implements Runnable {
    /** Sends per run before yielding the loop to reads, when far behind. */
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

    /** Schedules the first send; call once the chat plan is published. */
    void start() {
        next = schedule.next();
        reschedule(from.channel(), run.clock.nowMicros());
    }

    @Override
    public void run() {
        Channel ch = from.channel();
        long now = run.clock.nowMicros();
        int burst = 0;
        while (next <= now && next != RatePlan.NEVER && burst < MAX_BURST && !run.stopping()) {
            send(ch, now);
            next = schedule.next();
            burst++;
        }
        if (burst > 0 && ch != null) {
            ch.flush();
        }
        reschedule(ch, now);
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
        ch.write(dialect.message(track, from, stamp), ch.voidPromise());
    }

    private void reschedule(Channel ch, long now) {
        if (next == RatePlan.NEVER || run.stopping() || ch == null) {
            return;
        }
        ch.eventLoop().schedule(this, Math.max(0, next - now), TimeUnit.MICROSECONDS);
    }
}
