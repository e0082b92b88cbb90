package io.kefu.server.routing;

import io.kefu.protocol.ConvState;
import io.kefu.server.routing.policy.EtaEstimator;
import io.kefu.server.routing.policy.Priority;
import io.kefu.server.routing.spi.RoutingListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions over a shop's queues and agents: which group a new conversation joins, who gets it,
 * when a queue drains, where waiting buyers stand. Owned by one {@link ShopRouter}: runs on its lane only.
 */
final class Assignments {
    private static final Logger log = LoggerFactory.getLogger(Assignments.class);

    private final ShopState shop;
    private final EtaEstimator eta = new EtaEstimator();
    private final Pushes pushes;
    private final Clock clock;
    private final RoutingListener listener;
    private final Consumer<ConversationState> persist;
    private final Map<String, Integer> lastPushedPosition = new HashMap<>();

    Assignments(ShopState shop, Pushes pushes, Clock clock, RoutingListener listener,
                Consumer<ConversationState> persist) {
        this.shop = shop;
        this.pushes = pushes;
        this.clock = clock;
        this.listener = listener;
        this.persist = persist;
    }

    /** The shop's placement rules now: settings and groups as immutable values. */
    Placement.Rules rules() {
        return new Placement.Rules(shop.shopId(), shop.settings(), shop.groupRecords());
    }

    /** Restores an open conversation loaded from the store: queued ones rejoin their queue in order. */
    void restore(ConversationState c) {
        if (c.state() == ConvState.QUEUED) {
            shop.group(c.record.groupId()).ifPresent(q -> q.add(c.id(), c.priority()));
        } else if (c.state() == ConvState.ASSIGNED) {
            shop.agent(c.agentId()).ifPresent(a -> a.active.add(c.id()));
        }
    }

    void enqueue(ConversationState c, GroupQueue q, boolean atFront) {
        listener.conversationStateChanged(c.state(), ConvState.QUEUED);
        long now = clock.millis();
        c.record = c.record.queued(q.id(), c.record.priority(), now, atFront ? -now : now);
        c.queuedAt = now;
        if (atFront) {
            q.addFirst(c.id(), c.priority());
        } else {
            q.add(c.id(), c.priority());
        }
        persist.accept(c);
        drain(q);
    }

    /**
     * A queued conversation's priority rose (its first buyer message was urgent): it moves up, keeping its
     * arrival time, and everyone in the queue hears where they stand.
     */
    void raise(ConversationState c, Priority priority) {
        c.record = c.record.withPriority(priority.wire());
        persist.accept(c);
        shop.group(c.record.groupId()).ifPresent(q -> {
            if (q.remove(c.id())) {
                q.add(c.id(), priority);
                drain(q);
            }
        });
    }

    /** Hands waiting conversations to free agents, then tells the ones still waiting where they stand. */
    void drain(GroupQueue q) {
        while (!q.isEmpty() && !q.manual()) {
            Optional<AgentState> chosen = q.strategy().choose(candidates(q.id()));
            if (chosen.isEmpty()) {
                break;
            }
            ConversationState c = shop.conversation(q.poll());
            if (c != null && c.state() == ConvState.QUEUED) {
                assign(c, chosen.get(), q.id());
            }
        }
        pushPositions(q);
    }

    /** Offers new work to an agent who may have become free (online, connected, a chat closed). */
    void offerWork(AgentState a) {
        for (String groupId : a.record.groupIds()) {
            Optional<GroupQueue> q = shop.group(groupId);
            if (q.isPresent() && a.canTakeMore()) {
                drain(q.get());
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
        shop.group(c.record.groupId()).ifPresent(q -> {
            if (q.remove(c.id())) {
                pushPositions(q);
            }
        });
        lastPushedPosition.remove(c.id());
        Optional<AgentState> a = shop.agent(c.agentId());
        a.ifPresent(agent -> agent.active.remove(c.id()));
        return a;
    }

    /** A chat ends: its length feeds the wait estimate. */
    void recordHandled(ConversationState c) {
        if (c.record.assignedAt() > 0) {
            eta.handled(clock.millis() - c.record.assignedAt());
        }
    }

    void pushPositions(GroupQueue q) {
        int capacity = onlineCapacity(q.id());
        List<String> managers = null;
        int position = 1;
        for (String convId : q.waiting()) {
            ConversationState c = shop.conversation(convId);
            Integer last = lastPushedPosition.put(convId, position);
            if (c != null && (last == null || last != position)) {
                if (managers == null) {
                    managers = shop.connectedManagers();
                }
                pushes.queued(c, position, eta.etaSec(position, capacity), managers);
            }
            position++;
        }
    }

    /** Re-sends where a waiting conversation stands (a buyer who came back). */
    void pushPosition(ConversationState c) {
        shop.group(c.record.groupId()).ifPresent(q -> {
            int position = q.positionOf(c.id());
            if (position > 0) {
                pushes.queued(c, position, eta.etaSec(position, onlineCapacity(q.id())), List.of());
            }
        });
    }

    /** Whether the agent's shifts, in the shop's time zone, include now. */
    boolean onShift(AgentState a) {
        return a.record.shifts().isOpen(clock.instant(), shop.settings().timeZone());
    }

    /** Chat slots of the group's agents who are online and connected. */
    private int onlineCapacity(String groupId) {
        int capacity = 0;
        for (AgentState a : shop.agents()) {
            if (a.inGroup(groupId) && a.available()) {
                capacity += Math.max(1, a.record.maxConcurrent());
            }
        }
        return capacity;
    }

    private List<AgentState> candidates(String groupId) {
        List<AgentState> list = new ArrayList<>();
        for (AgentState a : shop.agents()) {
            if (a.inGroup(groupId) && a.canTakeMore() && onShift(a)) {
                list.add(a);
            }
        }
        return list;
    }
}
