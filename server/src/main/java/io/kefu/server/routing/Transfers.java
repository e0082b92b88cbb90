package io.kefu.server.routing;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvTransferred;
import io.kefu.protocol.Role;
import io.kefu.protocol.Target;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations moved by hand: an agent picking one from the queue, staff transferring one to another
 * agent or group (转接). The conversation keeps its id, history and {@code seq}. Owned by one
 * {@link ShopRouter}: runs on its lane only.
 */
final class Transfers {
    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    private final ShopState shop;
    private final Lifecycle lifecycle;
    private final Assignments assignments;
    private final Pushes pushes;

    Transfers(ShopState shop, Lifecycle lifecycle, Assignments assignments, Pushes pushes) {
        this.shop = shop;
        this.lifecycle = lifecycle;
        this.assignments = assignments;
        this.pushes = pushes;
    }

    void pick(AgentState a, String convId) {
        ConversationState c = shop.conversation(convId);
        if (c == null) {
            throw Lifecycle.notFound(convId);
        }
        if (c.state() != ConvState.QUEUED) {
            throw KefuException.invalidState("conversation '" + convId + "' is " + c.state().wire() + ", not queued");
        }
        if (a.activeCount() >= a.record.maxConcurrent()) {
            throw KefuException.invalidState("you already have " + a.activeCount() + " of "
                    + a.record.maxConcurrent() + " chats; close one before picking another");
        }
        String groupId = c.record.groupId();
        assignments.release(c);
        assignments.assign(c, a, groupId);
        shop.group(groupId).ifPresent(assignments::drain); // the queue's head may have changed
    }

    /**
     * Takes an assigned conversation from its agent back to the front of its group's queue, ahead of
     * everyone of its priority ({@code no_answer}: the agent let the buyer wait; {@code agent_offline}:
     * their grace period ran out). The agent does not get it straight back.
     */
    void requeue(ConversationState c, String reason) {
        String oldAgent = c.agentId();
        GroupQueue q = shop.group(c.record.groupId()).orElseGet(() -> shop.groups().iterator().next());
        Target from = new Target(oldAgent, c.record.groupId());
        assignments.release(c);
        pushes.transferred(c, from, Target.group(q.id()), oldAgent, null, reason);
        c.avoidAgent = oldAgent;
        log.info("conversation requeued conv={} from={} group={} reason={}", c.id(), oldAgent, q.id(), reason);
        assignments.enqueue(c, q, true);
    }

    /** Why an agent cannot take a transferred conversation now, or {@code null} when they can. */
    private String unavailable(AgentState a) {
        if (a.connections == 0 || a.status == AgentStatus.OFFLINE) {
            return "is offline";
        }
        if (a.status != AgentStatus.ONLINE) {
            return "is " + a.status.wire() + ", not online";
        }
        if (!assignments.onShift(a)) {
            return "is off shift";
        }
        if (a.activeCount() >= a.record.maxConcurrent()) {
            return "is full (" + a.activeCount() + " of " + a.record.maxConcurrent() + " chats)";
        }
        return null;
    }

    void transfer(Principal p, String convId, String toAgent, String toGroup, String note) {
        if (toAgent == null && toGroup == null) {
            throw KefuException.badRequest("transfer needs toAgent or toGroup");
        }
        ConversationState c = lifecycle.visible(p, convId);
        Permissions.require(p, Permission.FRAME_TRANSFER, shop.shopId());
        Target from = c.agentId() != null ? new Target(c.agentId(), c.record.groupId()) : Target.group(c.record.groupId());
        String oldAgentId = c.agentId();
        String oldQueue = c.state() == ConvState.QUEUED ? c.record.groupId() : null;
        try {
            move(c, from, oldAgentId, toAgent, toGroup, note);
        } finally {
            shop.group(oldQueue).ifPresent(assignments::drain); // its old queue has a new head
        }
        log.info("conversation transferred conv={} by={} toAgent={} toGroup={}", convId, p.userId(), toAgent, toGroup);
    }

    private void move(ConversationState c, Target from, String oldAgentId, String toAgent, String toGroup,
                      String note) {
        String convId = c.id();
        if (toAgent != null) {
            AgentState target = shop.agent(toAgent)
                    .orElseThrow(() -> KefuException.notFound("agent '" + toAgent + "' not found in this shop"));
            if (toAgent.equals(oldAgentId)) {
                throw KefuException.invalidState("conversation '" + convId + "' is already with agent " + toAgent);
            }
            String unavailable = unavailable(target);
            if (unavailable != null) {
                throw KefuException.invalidState("agent '" + toAgent + "' " + unavailable + "; nothing was changed");
            }
            if (toGroup != null && (shop.group(toGroup).isEmpty() || !target.inGroup(toGroup))) {
                throw KefuException.badRequest("agent '" + toAgent + "' is not a member of group '" + toGroup + "'");
            }
            assignments.kpi.transferred(c);
            Optional<AgentState> old = assignments.release(c);
            String group = toGroup != null ? toGroup
                    : target.inGroup(c.record.groupId()) || target.record.groupIds().isEmpty()
                    ? c.record.groupId() : target.record.groupIds().get(0);
            pushes.transferred(c, from, new Target(toAgent, toGroup), oldAgentId, note, ConvTransferred.MANUAL);
            assignments.assign(c, target, group);
            old.ifPresent(assignments::offerWork);
        } else {
            GroupQueue group = shop.group(toGroup)
                    .orElseThrow(() -> KefuException.notFound("group '" + toGroup + "' not found in this shop"));
            assignments.kpi.transferred(c);
            Optional<AgentState> old = assignments.release(c);
            pushes.transferred(c, from, Target.group(toGroup), oldAgentId, note, ConvTransferred.MANUAL);
            assignments.enqueue(c, group, true);
            old.ifPresent(assignments::offerWork);
        }
    }
}
