package io.kefu.server.routing;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.PartyType;
import io.kefu.server.routing.spi.KpiEvent;
import io.kefu.server.routing.spi.RoutingListener;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.MessageStore;
import java.time.Clock;

/**
 * Tells the KPI figures what happened in one shop ({@link RoutingListener#kpi}): one call per place an event happens,
 * so routing's classes each add one line. Owned by one {@link ShopRouter}: runs on its lane only; the listener
 * only queues the event.
 */
final class KpiCalls {
    /** The 3-minute mark of docs/kpis.md: a request answered by then is answered in time. */
    static final long REPLY_WINDOW_MS = 180_000;

    private final ShopState shop;
    private final Clock clock;
    private final RoutingListener listener;

    KpiCalls(ShopState shop, Clock clock, RoutingListener listener) {
        this.shop = shop;
        this.clock = clock;
        this.listener = listener;
    }

    private KpiEvent.Conv conv(ConversationRecord r) {
        return new KpiEvent.Conv(shop.shopId(), r.id(), r.groupId(), r.agentId(), shop.settings().timeZone());
    }

    void opened(ConversationState c) {
        listener.kpi(new KpiEvent.Opened(conv(c.record), clock.millis(), c.state() == ConvState.BOT));
    }

    /**
     * A conversation loaded from the store: the buyer's clock runs on from its oldest request still waiting (none while
     * with the bot), for the live view, {@code replyBy} and the figures.
     */
    void restored(ConversationState c, MessageStore.Activity activity) {
        java.util.List<Long> waiting = c.state() == ConvState.BOT ? java.util.List.of() : activity.requests();
        c.buyerWaitingSince = waiting.isEmpty() ? 0 : waiting.get(0);
        listener.kpi(new KpiEvent.Restored(conv(c.record), clock.millis(), waiting, activity.personWrote()));
    }

    void queued(ConversationState c) {
        listener.kpi(new KpiEvent.Queued(conv(c.record), clock.millis()));
    }

    void assigned(ConversationState c, long waitedMs) {
        listener.kpi(new KpiEvent.Assigned(conv(c.record), clock.millis(), waitedMs));
    }

    /** Before the move: {@code c} still has the agent or queue it leaves. */
    void transferred(ConversationState c) {
        listener.kpi(new KpiEvent.Transferred(conv(c.record), clock.millis()));
    }

    void handedOff(ConversationState c) {
        c.buyerWaitingSince = clock.millis();
        listener.kpi(new KpiEvent.HandedOff(conv(c.record), clock.millis()));
    }

    /**
     * The 3-minute mark of a message about to be marked stored ({@link #stored} not yet called for it): for a buyer
     * message needing a person (the conversation is not with the bot), when 180 s pass since the oldest buyer request
     * still unanswered (this message when none is waiting); else null. What the agent's copy of {@code msg} carries
     * as {@code replyBy}.
     */
    static Long replyBy(ConversationState c, PartyType sender, long ts) {
        if (sender != PartyType.BUYER || c.state() == ConvState.BOT) {
            return null;
        }
        return (c.buyerWaitingSince > 0 ? c.buyerWaitingSince : ts) + REPLY_WINDOW_MS;
    }

    /** The 3-minute mark of the buyer's oldest unanswered request, or null when the buyer waits for no one. */
    static Long replyBy(ConversationState c) {
        return c.buyerWaitingSince > 0 ? c.buyerWaitingSince + REPLY_WINDOW_MS : null;
    }

    void stored(ConversationState c, PartyType sender, String senderId, long ts) {
        if (sender == PartyType.BUYER && c.state() != ConvState.BOT && c.buyerWaitingSince == 0) {
            c.buyerWaitingSince = ts;
        } else if (sender == PartyType.AGENT) {
            c.buyerWaitingSince = 0;
        }
        listener.kpi(new KpiEvent.MessageStored(conv(c.record), ts, sender.wire(), senderId,
                c.state() == ConvState.BOT));
    }

    void blocked(ConversationState c, String senderId) {
        listener.kpi(new KpiEvent.Blocked(conv(c.record), clock.millis(), senderId));
    }

    /** Before the close: {@code c} still has its state, agent and group. */
    void closed(ConversationState c) {
        listener.kpi(new KpiEvent.Closed(conv(c.record), clock.millis(), c.state() == ConvState.BOT));
    }

    void rated(ConversationRecord closed, int score) {
        listener.kpi(new KpiEvent.Rated(conv(closed), clock.millis(), score));
    }
}
