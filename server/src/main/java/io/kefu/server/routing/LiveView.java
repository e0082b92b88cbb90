package io.kefu.server.routing;

import io.kefu.protocol.ConvState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a shop's managers see live (contract §11, {@code GET .../live}): every open conversation with its state,
 * agent, buyer and how long the buyer has waited for a person, and every agent with presence, load and the buyers
 * waiting on them. Immutable; built on the shop's router lane from its memory ({@link #of}).
 */
public record LiveView(long ts, List<Conversation> conversations, List<Agent> agents) {
    public LiveView {
        conversations = List.copyOf(conversations);
        agents = List.copyOf(agents);
    }

    /**
     * An open conversation. {@code waitingSinceTs}: when the buyer started waiting for a person's answer (null when
     * not waiting), {@code unansweredSec} how long that is now (0 when not waiting). {@code agent} null while queued
     * or with the bot.
     */
    public record Conversation(String conv, String state, String group, String agent, String buyer,
                               Long waitingSinceTs, long unansweredSec) {
    }

    /** An agent: presence, chats held ({@code active}), and how many of those have a buyer waiting. */
    public record Agent(String id, String name, String status, int active, int maxConcurrent, int unanswered) {
    }

    /** Built on the shop's lane. Conversations longest waiting first, then by id; agents by name. */
    static LiveView of(ShopState shop, long now) {
        List<Conversation> conversations = new ArrayList<>();
        for (ConversationState c : shop.openConversations()) {
            long since = c.buyerWaitingSince;
            conversations.add(new Conversation(c.id(), c.state().wire(), c.record.groupId(), c.agentId(),
                    c.record.buyerId(), since > 0 ? since : null, since > 0 ? Math.max(0, now - since) / 1000 : 0));
        }
        conversations.sort(Comparator.comparingLong((Conversation x) -> -x.unansweredSec()).thenComparing(Conversation::conv));
        List<Agent> agents = new ArrayList<>();
        for (AgentState a : shop.agents()) {
            int unanswered = 0;
            for (String convId : a.active) {
                ConversationState c = shop.conversation(convId);
                if (c != null && c.state() == ConvState.ASSIGNED && c.buyerWaitingSince > 0) {
                    unanswered++;
                }
            }
            agents.add(new Agent(a.id(), a.record.name(), a.status.wire(), a.activeCount(), a.record.maxConcurrent(),
                    unanswered));
        }
        agents.sort(Comparator.comparing(Agent::name).thenComparing(Agent::id));
        return new LiveView(now, conversations, agents);
    }
}
