package io.kefu.server.routing.spi;

import java.time.ZoneId;

/**
 * What routing tells the KPI figures (contract §11, docs/kpis.md), as it happens: values made on a router lane
 * and handed to {@link RoutingListener#kpi}. Every event names its conversation ({@link Conv}: the shop, the
 * conversation, the group and agent holding it at that moment, the shop's time zone) and when it happened
 * ({@code ts}, epoch ms of the router's clock). Immutable.
 */
public sealed interface KpiEvent {
    /** Where the event happened. {@code groupId} and {@code agentId} may be null (no group yet, nobody holds it). */
    record Conv(String shopId, String convId, String groupId, String agentId, ZoneId zone) {
    }

    Conv conv();

    long ts();

    /** A buyer's open created the conversation, with the FAQ bot ({@code bot}) or in a queue. */
    record Opened(Conv conv, long ts, boolean bot) implements KpiEvent {
    }

    /** The conversation joined a queue (new, handed off by the bot, moved to a group, taken back from an agent). */
    record Queued(Conv conv, long ts) implements KpiEvent {
    }

    /**
     * An agent got the conversation ({@code conv.agentId}, in {@code conv.groupId}): by routing, a pick or a transfer;
     * {@code waitedMs} is how long it waited in the queue, or -1 when it came straight from another agent.
     */
    record Assigned(Conv conv, long ts, long waitedMs) implements KpiEvent {
    }

    /** Staff moved the conversation away from {@code conv} (its agent, or its queue) by hand (转接). */
    record Transferred(Conv conv, long ts) implements KpiEvent {
    }

    /** The FAQ bot handed the buyer to a person: from now the buyer waits for one. */
    record HandedOff(Conv conv, long ts) implements KpiEvent {
    }

    /**
     * A message was stored. {@code sender} is the party type's wire name ({@code buyer}, {@code agent}, {@code bot},
     * {@code system}); {@code senderId} who sent it (an agent's id; the buyer's), {@code withBot} whether the
     * conversation was with the FAQ bot when it was stored.
     */
    record MessageStored(Conv conv, long ts, String sender, String senderId, boolean withBot) implements KpiEvent {
    }

    /** A message was refused by a compliance rule ({@code blocked_content}); {@code senderId} null for the bot. */
    record Blocked(Conv conv, long ts, String senderId) implements KpiEvent {
    }

    /** The conversation closed; {@code withBot}: it was still with the FAQ bot (no person was ever asked for). */
    record Closed(Conv conv, long ts, boolean withBot) implements KpiEvent {
    }

    /**
     * A router loaded the open conversation from the store (after a restart, or on another node): its buyer's
     * requests still waiting for a person ({@code waiting}, epoch ms, oldest first; empty when none or while with the
     * bot), and whether staff ever wrote in it ({@code personWrote}: if not, its first response is still to come).
     * Sent before any other event of the conversation from this router; ignored where its clocks are kept already.
     */
    record Restored(Conv conv, long ts, java.util.List<Long> waiting, boolean personWrote) implements KpiEvent {
        public Restored {
            waiting = java.util.List.copyOf(waiting);
        }
    }

    /**
     * Cluster mode: this node no longer runs the shop's router (it moved to another node, which restores the clocks
     * of its open conversations from the store): its clocks here are dropped without deciding anything, so no
     * request is counted twice. {@code conv} names only the shop.
     */
    record ShopLeft(Conv conv, long ts) implements KpiEvent {
    }

    /** The buyer rated the closed conversation ({@code conv} as it closed), {@code score} 1 to 5. */
    record Rated(Conv conv, long ts, int score) implements KpiEvent {
    }

    /**
     * An after-sale ticket of the shop was made ({@code refunded} false) or reached {@code refunded} (true).
     * {@code conv} names the shop only (no conversation, group or agent): the figures count for the shop.
     */
    record AfterSale(Conv conv, long ts, boolean refunded) implements KpiEvent {
    }
}
