package io.kefu.server.routing;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Notice;
import io.kefu.protocol.PartyType;
import io.kefu.server.routing.Deadlines.Deadline;
import io.kefu.server.routing.Deadlines.Kind;
import io.kefu.server.settings.RoutingSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop's time rules (contract §5): queue timeout notices, overflow, the wait for a returning buyer's
 * agent, no-answer reassignment, idle close, the grace period of a dropped agent, business hours and
 * shift starts. Events set deadlines; when one is due the rule checks that its event still stands and
 * acts. All from the injected clock. Owned by one {@link ShopRouter}: runs on its lane only.
 */
final class Timekeeper {
    private static final Logger log = LoggerFactory.getLogger(Timekeeper.class);
    static final String QUEUE_TIMEOUT_TEXT = "当前咨询人数较多，您可以先留言，客服上线后会第一时间回复您。";
    private static final DateTimeFormatter OPENS = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final ShopState shop;
    private final Clock clock;
    private final Deadlines deadlines;
    private final Assignments assignments;
    private final Pushes pushes;
    AutoReplies autoReplies;
    private Lifecycle lifecycle;
    /** The opening a deadline is pending for, or 0. */
    private long opensArmedFor;
    private Transfers transfers;

    Timekeeper(ShopState shop, Clock clock, Deadlines deadlines, Assignments assignments, Pushes pushes) {
        this.shop = shop;
        this.clock = clock;
        this.deadlines = deadlines;
        this.assignments = assignments;
        this.pushes = pushes;
    }

    /** The rules that act on conversations come after the timekeeper in the router's wiring. */
    void actWith(Lifecycle lifecycle, Transfers transfers) {
        this.lifecycle = lifecycle;
        this.transfers = transfers;
    }

    private RoutingSettings settings() {
        return shop.settings();
    }

    // ---- events ---------------------------------------------------------------------------------------

    /** A conversation joined a queue at {@code c.queuedAt}. */
    void queued(ConversationState c) {
        if (settings().queueTimeoutSec() > 0) {
            deadlines.add(c.queuedAt + settings().queueTimeoutSec() * 1000L, Kind.QUEUE_TIMEOUT, c.id(), c.queuedAt);
        }
        shop.group(c.record.groupId()).ifPresent(q -> {
            if (q.group().overflowTo() != null && q.group().overflowAfterSec() > 0) {
                deadlines.add(c.queuedAt + q.group().overflowAfterSec() * 1000L, Kind.OVERFLOW, c.id(), c.queuedAt);
            }
        });
        armIdle(c);
    }

    /** A conversation was opened: outside business hours the buyer hears when the shop opens. */
    void opened(ConversationState c) {
        long now = clock.millis();
        c.lastActivityAt = Math.max(c.lastActivityAt, now);
        if (!assignments.open()) {
            Optional<Instant> opensAt = settings().businessHours().opensAt(Instant.ofEpochMilli(now), settings().timeZone());
            Long at = opensAt.map(Instant::toEpochMilli).orElse(null);
            String when = opensAt.map(i -> LocalDateTime.ofInstant(i, settings().timeZone()).format(OPENS)).orElse("");
            pushes.notice(c, Notice.AFTER_HOURS, "现在是非工作时间，客服将于 " + when + " 上班后尽快回复您，您可以先留言。", at);
            autoReplies.afterHours(c);
            watchOpening();
        }
    }

    /** A conversation was given to an agent: a buyer still waiting for an answer starts the agent's clock. */
    void assigned(ConversationState c) {
        c.lastActivityAt = Math.max(c.lastActivityAt, clock.millis()); // the idle clock starts at assignment
        if (c.unansweredSince > 0) {
            c.unansweredSince = clock.millis();
            armNoAnswer(c);
        }
        armIdle(c);
    }

    /** A message was stored in the conversation. */
    void messageStored(ConversationState c, PartyType from, long ts) {
        c.lastActivityAt = Math.max(c.lastActivityAt, ts);
        if (from == PartyType.BUYER && c.state() != ConvState.BOT) { // the bot answers at once
            if (c.unansweredSince == 0) {
                c.unansweredSince = ts;
                armNoAnswer(c);
            }
        } else if (from == PartyType.AGENT) {
            c.unansweredSince = 0;
            c.avoidAgent = null;
        }
        armIdle(c);
    }

    /** Queues wait while the shop is closed: wake them when it opens (one deadline per opening). */
    void watchOpening() {
        settings().businessHours().opensAt(clock.instant(), settings().timeZone()).ifPresent(at -> {
            long ms = at.toEpochMilli();
            if (ms > clock.millis() && ms != opensArmedFor) {
                opensArmedFor = ms;
                deadlines.add(ms, Kind.OPENS, "", ms);
            }
        });
    }

    /** The agent's last connection dropped: their chats wait {@code graceSec} for them. */
    void agentLeft(AgentState a) {
        a.disconnectedAt = clock.millis();
        if (settings().graceSec() == 0) {
            graceOver(a);
        } else {
            deadlines.add(a.disconnectedAt + settings().graceSec() * 1000L, Kind.GRACE, a.id(), a.disconnectedAt);
        }
    }

    /** An online agent with shifts gets a wake-up at their next shift start, so work finds them when it begins. */
    void watchShift(AgentState a) {
        if (!a.available() || a.record.shifts().always()) {
            return;
        }
        a.record.shifts().nextStartAfter(clock.instant(), settings().timeZone()).ifPresent(start -> {
            long at = start.toEpochMilli();
            if (a.shiftArmedFor != at) {
                a.shiftArmedFor = at;
                deadlines.add(at, Kind.SHIFT, a.id(), at);
            }
        });
    }

    /**
     * After a restart: queued conversations' timers run from when they were queued, assigned ones' from
     * their last messages, and every agent holding chats (nobody is connected yet) has the grace period
     * to come back before the chats return to the queue.
     */
    void restored() {
        for (ConversationState c : shop.openConversations()) {
            if (c.state() == ConvState.QUEUED) {
                queued(c);
            } else {
                if (c.unansweredSince > 0) {
                    armNoAnswer(c);
                }
                armIdle(c);
            }
        }
        for (AgentState a : shop.agents()) {
            if (!a.active.isEmpty() && a.connections == 0) {
                agentLeft(a);
            }
        }
        if (!assignments.open()) {
            watchOpening();
        }
    }

    // ---- deadlines ------------------------------------------------------------------------------------

    /** Acts on every deadline that is due. */
    void fire() {
        long now = clock.millis();
        for (Deadline d : deadlines.due(now)) {
            switch (d.kind()) {
                case QUEUE_TIMEOUT -> queueTimedOut(d);
                case OVERFLOW -> overflowed(d);
                case STICKY -> stickyWaitOver(d);
                case NO_ANSWER -> noAnswer(d, now);
                case IDLE -> idle(d, now);
                case GRACE -> shop.agent(d.key()).filter(a -> a.connections == 0 && a.disconnectedAt == d.stamp())
                        .ifPresent(this::graceOver);
                case OPENS -> shopOpened();
                case SHIFT -> shop.agent(d.key()).filter(a -> a.shiftArmedFor == d.stamp()).ifPresent(a -> {
                    a.shiftArmedFor = 0;
                    assignments.offerWork(a);
                    watchShift(a);
                });
            }
        }
    }

    private ConversationState queuedSince(Deadline d) {
        ConversationState c = shop.conversation(d.key());
        return c != null && c.state() == ConvState.QUEUED && c.queuedAt == d.stamp() ? c : null;
    }

    private void queueTimedOut(Deadline d) {
        ConversationState c = queuedSince(d);
        if (c != null) {
            pushes.notice(c, Notice.QUEUE_TIMEOUT, QUEUE_TIMEOUT_TEXT, null);
        }
    }

    private void overflowed(Deadline d) {
        ConversationState c = queuedSince(d);
        if (c != null) {
            c.overflowed = true;
            shop.group(c.record.groupId()).ifPresent(assignments::drain);
        }
    }

    void waitForStickyAgent(ConversationState c) {
        deadlines.add(clock.millis() + settings().stickyWaitSec() * 1000L, Kind.STICKY, c.id(), c.queuedAt);
    }

    private void stickyWaitOver(Deadline d) {
        ConversationState c = shop.conversation(d.key());
        if (c != null && c.stickyAgent != null && c.queuedAt == d.stamp()) {
            assignments.stopWaitingForStickyAgent(c);
        }
    }

    private void noAnswer(Deadline d, long now) {
        ConversationState c = shop.conversation(d.key());
        if (c == null) {
            return;
        }
        if (c.noAnswerArmedAt == d.stamp()) {
            c.noAnswerArmedAt = 0;
        }
        int noAnswerSec = settings().noAnswerSec();
        if (c.state() != ConvState.ASSIGNED || c.unansweredSince == 0 || noAnswerSec == 0) {
            return;
        }
        if (c.unansweredSince + noAnswerSec * 1000L > now) { // answered since, and waiting again (or a longer setting)
            armNoAnswer(c);
            return;
        }
        String silent = c.agentId();
        log.info("no answer conv={} agent={} waitedMs={}", c.id(), silent, now - c.unansweredSince);
        c.unansweredSince = now;
        transfers.requeue(c, ConvTransferred.NO_ANSWER);
        if (settings().noAnswerAway()) {
            shop.agent(silent).filter(a -> a.status == AgentStatus.ONLINE)
                    .ifPresent(a -> setStatus(a, AgentStatus.AWAY, ConvTransferred.NO_ANSWER));
        }
    }

    private void idle(Deadline d, long now) {
        ConversationState c = shop.conversation(d.key());
        if (c == null) {
            return;
        }
        c.idleArmed = false;
        int idleSec = settings().idleCloseSec();
        if (idleSec == 0 || c.state() != ConvState.ASSIGNED) {
            return; // a buyer waiting in the queue is not idle; the clock starts again at assignment
        }
        long due = c.lastActivityAt + idleSec * 1000L;
        if (due > now) {
            armIdle(c);
            return;
        }
        lifecycle.closeBySystem(c, "idle");
    }

    private void graceOver(AgentState a) {
        takeAway(a, "disconnected");
    }

    /**
     * The agent was disabled: offline at once, and their chats go back to the queue the way they do when a
     * dropped agent's grace period runs out (reason {@code agent_offline}).
     */
    void agentDisabled(AgentState a) {
        takeAway(a, "disabled");
    }

    private void takeAway(AgentState a, String why) {
        if (a.status != AgentStatus.OFFLINE) {
            setStatus(a, AgentStatus.OFFLINE, why);
        }
        for (String convId : new ArrayList<>(a.active)) {
            ConversationState c = shop.conversation(convId);
            if (c != null && c.state() == ConvState.ASSIGNED) {
                transfers.requeue(c, ConvTransferred.AGENT_OFFLINE);
            }
        }
    }

    private void shopOpened() {
        opensArmedFor = 0;
        if (assignments.open()) {
            shop.groups().forEach(assignments::drain);
        }
    }

    /** The server changed an agent's presence: they and the managers are told why. */
    void setStatus(AgentState a, AgentStatus value, String reason) {
        AgentStatus before = a.status;
        a.status = value;
        log.info("agent status agent={} shop={} {} -> {} reason={}", a.id(), shop.shopId(), before.wire(),
                value.wire(), reason);
        pushes.status(a.id(), value, reason, shop.connectedManagers());
    }

    /**
     * At most one no-answer deadline pending per conversation (one per buyer message would pile up: deadlines are
     * never cancelled, and most buyers are answered in time): a later stretch of waiting is armed when the pending
     * one fires; a sooner one (a shorter setting) is armed at once. The stamp is the deadline's own time.
     */
    private void armNoAnswer(ConversationState c) {
        int noAnswerSec = settings().noAnswerSec();
        if (noAnswerSec > 0 && c.state() == ConvState.ASSIGNED && c.unansweredSince > 0) {
            long due = c.unansweredSince + noAnswerSec * 1000L;
            if (c.noAnswerArmedAt == 0 || due < c.noAnswerArmedAt) {
                c.noAnswerArmedAt = due;
                deadlines.add(due, Kind.NO_ANSWER, c.id(), due);
            }
        }
    }

    private void armIdle(ConversationState c) {
        if (!c.idleArmed && settings().idleCloseSec() > 0) {
            c.idleArmed = true;
            long from = c.lastActivityAt > 0 ? c.lastActivityAt : clock.millis();
            deadlines.add(from + settings().idleCloseSec() * 1000L, Kind.IDLE, c.id(), 0);
        }
    }
}
