package io.kefu.server.routing;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.ConvQueued;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Notice;
import io.kefu.protocol.Status;
import io.kefu.protocol.Survey;
import io.kefu.protocol.Target;
import io.kefu.server.bus.Bus;
import java.util.Collection;

/** Builds the routing pushes of the contract (§2.5) and sends them through the bus. Runs on a router lane. */
final class Pushes {
    private final Bus bus;

    Pushes(Bus bus) {
        this.bus = bus;
    }

    void toParticipants(ConversationState c, Frame frame) {
        bus.publish(c.record.buyerId(), frame);
        if (c.agentId() != null) {
            bus.publish(c.agentId(), frame);
        }
    }

    /**
     * A stored message to the participants; the agent's copy carries {@code replyBy} when it is not null (a buyer
     * message needing a person: the countdown to the 3-minute mark).
     */
    void message(ConversationState c, Msg msg, Long replyBy) {
        bus.publish(c.record.buyerId(), msg);
        if (c.agentId() != null) {
            bus.publish(c.agentId(), replyBy == null ? msg : msg.withReplyBy(replyBy));
        }
    }

    void queued(ConversationState c, int position, long etaSec, Collection<String> supervisors) {
        ConvQueued frame = new ConvQueued(c.id(), c.record.groupId(), position, etaSec, c.record.priority());
        bus.publish(c.record.buyerId(), frame);
        bus.publish(supervisors, frame);
    }

    void assigned(ConversationState c, AgentState agent) {
        assignedToBuyer(c, agent);
        bus.publish(agent.id(), new ConvAssigned(c.id(), agent.ref(), c.record.groupId(), c.buyer, c.entry(),
                c.fromBot, KpiCalls.replyBy(c)));
    }

    /** The buyer's copy of {@code conv.assigned}: no buyer profile, no entry. */
    void assignedToBuyer(ConversationState c, AgentState agent) {
        bus.publish(c.record.buyerId(), new ConvAssigned(c.id(), agent.ref(), c.record.groupId(), null, null));
    }

    void transferred(ConversationState c, Target from, Target to, String oldAgentId, String note, String reason) {
        bus.publish(c.record.buyerId(), new ConvTransferred(c.id(), from, to, null, reason));
        if (oldAgentId != null) {
            bus.publish(oldAgentId, new ConvTransferred(c.id(), from, to, note, reason));
        }
        if (to.agent() != null && !to.agent().equals(oldAgentId)) { // the new agent's copy: the buyer's countdown
            bus.publish(to.agent(), new ConvTransferred(c.id(), from, to, note, reason, KpiCalls.replyBy(c)));
        }
    }

    void closed(ConversationState c, String by, String reason) {
        toParticipants(c, new ConvClosed(c.id(), by, reason));
        bus.publish(c.record.buyerId(), new Survey(c.id()));
    }

    /** Something the buyer should know ({@code after_hours}, {@code queue_timeout}). */
    void notice(ConversationState c, String code, String text, Long opensAt) {
        bus.publish(c.record.buyerId(), new Notice(c.id(), code, text, opensAt));
    }

    /** An agent's presence changed: their own connections and the shop's managers hear it. */
    void status(String agentId, AgentStatus value, String reason, Collection<String> managers) {
        Status push = Status.push(agentId, value, reason);
        bus.publish(agentId, push);
        for (String m : managers) {
            if (!m.equals(agentId)) {
                bus.publish(m, push);
            }
        }
    }

    void to(String userId, Frame frame) {
        bus.publish(userId, frame);
    }
}
