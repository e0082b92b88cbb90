package io.kefu.server.routing.spi;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.Msg;
import io.kefu.protocol.PartyType;
import io.kefu.server.store.ConversationRecord;

/**
 * What routing tells statistics, at the moment it happens. Routing owns this interface so that it never
 * depends on {@code stats}. Called on a router lane: lanes are several threads, so an implementation is
 * thread-safe, cheap (an increment, no scan of routing state) and never blocks. Every method does
 * nothing by default.
 */
public interface RoutingListener {
    /** Hears nothing: for routing without statistics. */
    RoutingListener NOOP = new RoutingListener() {
    };

    /**
     * A conversation of this node changed state. {@code from} is {@code null} for a conversation just
     * created; {@code to} is {@link ConvState#CLOSED} when it closed. May repeat a state ({@code queued →
     * queued} when a waiting conversation is moved to another group).
     */
    default void conversationStateChanged(ConvState from, ConvState to) {
    }

    /** An open conversation was loaded from the store with its shop (after a restart): it is in {@code state} here now. */
    default void conversationRestored(ConvState state) {
    }

    /**
     * A conversation left its queue after waiting {@code waitedMs}: to an agent ({@link ConvState#ASSIGNED},
     * by routing, pick or transfer) or closed while waiting ({@link ConvState#CLOSED}). A move to another
     * group starts the wait again.
     */
    default void queueWaited(long waitedMs, ConvState outcome) {
    }

    /** A conversation was closed; {@code reason} is what the closer gave (free text, bound it before using it as a tag). */
    default void conversationClosed(String reason) {
    }

    /** A message was stored (and is about to be pushed). */
    default void messageStored(PartyType sender) {
    }

    /** A buyer rated a closed conversation, {@code score} 1 to 5. */
    default void rated(int score) {
    }

    /** An event the KPI figures are kept from (docs/kpis.md); the implementation only queues it. */
    default void kpi(KpiEvent event) {
    }

    /** A buyer's open created {@code conv} (as stored at that moment): for webhooks, which tell the shop. */
    default void conversationOpened(ConversationRecord conv) {
    }

    /** A conversation closed: {@code closed} is its record after the close (who closed it, why, when). */
    default void conversationEnded(ConversationRecord closed) {
    }

    /** A buyer's rating was stored: {@code rated} carries the score and comment. */
    default void conversationRated(ConversationRecord rated) {
    }

    /** {@code msg} of a conversation of {@code shopId} was stored (and is about to be pushed). */
    default void messageCreated(String shopId, Msg msg) {
    }

    /** Both listeners, {@code first} then {@code second}, hear every event. */
    static RoutingListener both(RoutingListener first, RoutingListener second) {
        return new RoutingListener() {
            @Override
            public void conversationStateChanged(ConvState from, ConvState to) {
                first.conversationStateChanged(from, to);
                second.conversationStateChanged(from, to);
            }

            @Override
            public void conversationRestored(ConvState state) {
                first.conversationRestored(state);
                second.conversationRestored(state);
            }

            @Override
            public void queueWaited(long waitedMs, ConvState outcome) {
                first.queueWaited(waitedMs, outcome);
                second.queueWaited(waitedMs, outcome);
            }

            @Override
            public void conversationClosed(String reason) {
                first.conversationClosed(reason);
                second.conversationClosed(reason);
            }

            @Override
            public void messageStored(PartyType sender) {
                first.messageStored(sender);
                second.messageStored(sender);
            }

            @Override
            public void rated(int score) {
                first.rated(score);
                second.rated(score);
            }

            @Override
            public void kpi(KpiEvent event) {
                first.kpi(event);
                second.kpi(event);
            }

            @Override
            public void conversationOpened(ConversationRecord conv) {
                first.conversationOpened(conv);
                second.conversationOpened(conv);
            }

            @Override
            public void conversationEnded(ConversationRecord closed) {
                first.conversationEnded(closed);
                second.conversationEnded(closed);
            }

            @Override
            public void conversationRated(ConversationRecord rated) {
                first.conversationRated(rated);
                second.conversationRated(rated);
            }

            @Override
            public void messageCreated(String shopId, Msg msg) {
                first.messageCreated(shopId, msg);
                second.messageCreated(shopId, msg);
            }
        };
    }
}
