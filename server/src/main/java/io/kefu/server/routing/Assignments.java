package io.kefu.server.routing;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.Entry;
import io.kefu.server.KefuException;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.GroupRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop's skill groups, queues and agents, and the decisions over them: which group a new conversation
 * joins, who gets it, when the queue drains. Owned by one {@link ShopRouter}: runs on its lane only.
 */
final class Assignments {
    private static final Logger log = LoggerFactory.getLogger(Assignments.class);
    /** Starting guess for how long a chat holds an agent; replaced by measurement as chats close. */
    private static final double INITIAL_HANDLE_SEC = 120;

    private final Map<String, GroupQueue> groups = new LinkedHashMap<>();
    private final Map<String, AgentState> agents = new HashMap<>();
    private final AssignmentStrategy strategy = new LeastBusyStrategy();
    private final Map<String, ConversationState> convs;
    private final Pushes pushes;
    private final Clock clock;
    private final RoutingListener listener;
    private final Consumer<ConversationState> persist;
    private final Map<String, Integer> lastPushedPosition = new HashMap<>();
    private double handleSec = INITIAL_HANDLE_SEC;

    Assignments(Map<String, ConversationState> convs, Pushes pushes, Clock clock, RoutingListener listener,
                Consumer<ConversationState> persist) {
        this.convs = convs;
        this.pushes = pushes;
        this.clock = clock;
        this.listener = listener;
        this.persist = persist;
    }

    void setGroups(List<GroupRecord> records) {
        for (GroupRecord g : records) {
            GroupQueue q = groups.get(g.id());
            if (q == null) {
                groups.put(g.id(), new GroupQueue(g));
            } else {
                q.group = g;
            }
        }
    }

    void setAgents(List<AgentRecord> records) {
        for (AgentRecord r : records) {
            AgentState a = agents.get(r.id());
            if (a == null) {
                agents.put(r.id(), new AgentState(r));
            } else {
                a.record = r;
            }
        }
    }

    Optional<AgentState> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    Optional<GroupQueue> group(String groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    /** The group a conversation from this entry point joins: one listing the entry type, else the default. */
    GroupQueue groupFor(Entry entry, String shopId) {
        if (entry != null && entry.type() != null) {
            for (GroupQueue q : groups.values()) {
                if (q.group.entryTypes().contains(entry.type())) {
                    return q;
                }
            }
        }
        return groups.values().stream().filter(q -> q.group.isDefault()).findFirst()
                .or(() -> groups.values().stream().findFirst())
                .orElseThrow(() -> KefuException.invalidState("shop '" + shopId
                        + "' has no skill group yet; create one with POST /api/v1/shops/" + shopId + "/groups"));
    }

    /** Restores an open conversation loaded from the store: queued ones rejoin their queue in order. */
    void restore(ConversationState c) {
        if (c.state() == ConvState.QUEUED || c.state() == ConvState.BOT) {
            GroupQueue q = c.record.groupId() == null ? null : groups.get(c.record.groupId());
            if (q != null && c.state() == ConvState.QUEUED) {
                q.add(c.id());
            }
        } else if (c.state() == ConvState.ASSIGNED) {
            AgentState a = agents.get(c.agentId());
            if (a != null) {
                a.active.add(c.id());
            }
        }
    }

    void enqueue(ConversationState c, GroupQueue q, boolean atFront) {
        listener.conversationStateChanged(c.state(), ConvState.QUEUED);
        c.record = c.record.queued(q.id());
        c.queuedAt = clock.millis();
        if (atFront) {
            q.addFirst(c.id());
        } else {
            q.add(c.id());
        }
        persist.accept(c);
        drain(q);
    }

    /** Hands waiting conversations to free agents, then tells the ones still waiting where they stand. */
    void drain(GroupQueue q) {
        while (!q.isEmpty()) {
            Optional<AgentState> chosen = strategy.choose(candidates(q.id()));
            if (chosen.isEmpty()) {
                break;
            }
            ConversationState c = convs.get(q.poll());
            if (c != null && c.state() == ConvState.QUEUED) {
                assign(c, chosen.get(), q.id());
            }
        }
        pushPositions(q);
    }

    /** Offers new work to an agent who may have become free (online, connected, a chat closed). */
    void offerWork(AgentState a) {
        for (String groupId : a.record.groupIds()) {
            GroupQueue q = groups.get(groupId);
            if (q != null && a.canTakeMore()) {
                drain(q);
            }
        }
    }

    void assign(ConversationState c, AgentState a, String groupId) {
        long now = clock.millis();
        if (c.state() == ConvState.QUEUED) {
            listener.queueWaited(now - c.queuedAt, ConvState.ASSIGNED);
        }
        listener.conversationStateChanged(c.state(), ConvState.ASSIGNED);
        c.record = c.record.assigned(groupId, a.id(), now);
        a.active.add(c.id());
        a.lastAssignedAt = now;
        lastPushedPosition.remove(c.id());
        persist.accept(c);
        log.info("conversation assigned conv={} agent={} group={} waitedMs={}", c.id(), a.id(), groupId,
                now - c.queuedAt);
        pushes.assigned(c, a);
    }

    /** Takes the conversation out of any queue and off its agent; returns the agent it had, if any. */
    Optional<AgentState> release(ConversationState c) {
        if (c.record.groupId() != null) {
            GroupQueue q = groups.get(c.record.groupId());
            if (q != null && q.remove(c.id())) {
                pushPositions(q);
            }
        }
        lastPushedPosition.remove(c.id());
        AgentState a = c.agentId() == null ? null : agents.get(c.agentId());
        if (a != null) {
            a.active.remove(c.id());
        }
        return Optional.ofNullable(a);
    }

    void recordHandled(ConversationState c) {
        if (c.record.assignedAt() > 0) {
            double sec = Math.max(1, (clock.millis() - c.record.assignedAt()) / 1000.0);
            handleSec = handleSec * 0.9 + sec * 0.1;
        }
    }

    /** Staff of the shop who see its whole queue (supervisors and admins) and are connected. */
    List<String> supervisors() {
        List<String> ids = new ArrayList<>();
        for (AgentState a : agents.values()) {
            if (a.record.role().seesWholeShop() && a.connections > 0) {
                ids.add(a.id());
            }
        }
        return ids;
    }

    void pushPositions(GroupQueue q) {
        int position = 1;
        for (String convId : q.waiting()) {
            ConversationState c = convs.get(convId);
            Integer last = lastPushedPosition.put(convId, position);
            if (c != null && (last == null || last != position)) {
                pushes.queued(c, position, etaSec(q, position), supervisors());
            }
            position++;
        }
    }

    /** Re-sends where a waiting conversation stands (a buyer who came back). */
    void pushPosition(ConversationState c) {
        GroupQueue q = groups.get(c.record.groupId());
        int position = q == null ? 0 : q.positionOf(c.id());
        if (position > 0) {
            pushes.queued(c, position, etaSec(q, position), List.of());
        }
    }

    private long etaSec(GroupQueue q, int position) {
        int capacity = 0;
        for (AgentState a : agents.values()) {
            if (a.inGroup(q.id()) && a.connections > 0 && a.status == io.kefu.protocol.AgentStatus.ONLINE) {
                capacity += Math.max(1, a.record.maxConcurrent());
            }
        }
        return (long) Math.ceil(position * handleSec / Math.max(1, capacity));
    }

    private Collection<AgentState> candidates(String groupId) {
        List<AgentState> list = new ArrayList<>();
        for (AgentState a : agents.values()) {
            if (a.inGroup(groupId) && a.canTakeMore()) {
                list.add(a);
            }
        }
        return list;
    }
}
