package io.kefu.server.routing;

import io.kefu.protocol.ConvState;
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
    private final Pushes pushes;
    private final Clock clock;
    private final RoutingListener listener;
    private final Consumer<ConversationState> persist;
    private final Map<String, Integer> lastPushedPosition = new HashMap<>();
    /** Tells the KPI figures what happens (docs/kpis.md). */
    final KpiCalls kpi;
    /** Set once by the router's wiring: time rules hear of queueing and assignment. */
    Timekeeper timekeeper;
    AutoReplies autoReplies;

    Assignments(ShopState shop, Pushes pushes, Clock clock, RoutingListener listener,
                Consumer<ConversationState> persist) {
        this.shop = shop;
        this.pushes = pushes;
        this.clock = clock;
        this.listener = listener;
        this.persist = persist;
        this.kpi = new KpiCalls(shop, clock, listener);
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
        kpi.queued(c);
        timekeeper.queued(c);
        drain(q);
    }

    /**
     * A queued conversation's priority rose (its first buyer message was urgent): it moves to the back of
     * its new priority (its wait still counts from when it was queued), and the queue hears where it stands.
     */
    void raise(ConversationState c, Priority priority) {
        long now = clock.millis();
        c.record = c.record.queued(c.record.groupId(), priority.wire(), c.queuedAt, now); // back of its new rank
        persist.accept(c);
        shop.group(c.record.groupId()).ifPresent(q -> {
            if (q.remove(c.id())) {
                q.add(c.id(), priority);
                drain(q);
            }
        });
    }

    /**
     * Hands waiting conversations to free agents in queue order, then tells the ones still waiting where
     * they stand. Nothing is handed out in a manual group or outside business hours (agents may pick).
     */
    void drain(GroupQueue q) {
        if (!q.isEmpty() && !open()) {
            timekeeper.watchOpening();
        }
        while (!q.isEmpty() && !q.manual() && open()) {
            ConversationState c = shop.conversation(q.peek());
            if (c == null || c.state() != ConvState.QUEUED) {
                q.poll(); // not expected: a closed conversation leaves its queue
                continue;
            }
            Optional<AgentState> chosen = q.strategy().choose(candidates(q, c));
            if (chosen.isEmpty()) {
                break;
            }
            q.poll();
            assign(c, chosen.get(), chosen.get().inGroup(q.id()) ? q.id() : q.group().overflowTo());
        }
        pushPositions(q);
    }

    /**
     * Offers new work to an agent who may have become free (online, connected, on shift, a chat closed):
     * buyers waiting for them by name first, then their groups' queues, then queues that overflow into them.
     */
    void offerWork(AgentState a) {
        if (!a.canTakeMore() || !onShift(a)) {
            return;
        }
        for (String convId : shop.stickyWaitersOf(a.id())) {
            ConversationState c = shop.conversation(convId);
            if (c != null && a.canTakeMore()) {
                shop.stopStickyWait(c);
                assign(c, a, c.record.groupId());
            }
        }
        for (String groupId : a.record.groupIds()) {
            Optional<GroupQueue> q = shop.group(groupId);
            if (q.isPresent() && a.canTakeMore()) {
                drain(q.get());
            }
        }
        for (GroupQueue q : shop.groups()) {
            if (q.group().overflowTo() != null && a.inGroup(q.group().overflowTo()) && a.canTakeMore()) {
                drain(q);
            }
        }
    }

    /**
     * A new conversation of a buyer whose last agent (within the shop's sticky days) is online and on
     * shift goes to them: at once with a free slot, else it waits up to {@code stickyWaitSec} for one.
     * Answers whether the conversation was taken out of normal routing.
     */
    boolean offerToLastAgent(ConversationState c) {
        Optional<AgentState> last = shop.agent(c.lastAgent)
                .filter(a -> a.available() && onShift(a) && a.inGroup(c.record.groupId()));
        if (last.isEmpty() || shop.settings().stickyDays() == 0 || !open()) {
            return false;
        }
        AgentState a = last.get();
        GroupQueue q = shop.group(c.record.groupId()).orElseThrow();
        q.remove(c.id());
        if (a.canTakeMore()) {
            assign(c, a, q.id());
        } else if (shop.settings().stickyWaitSec() > 0) {
            shop.startStickyWait(c, a.id());
            pushes.queued(c, 1, shop.settings().stickyWaitSec(), shop.connectedManagers());
            timekeeper.waitForStickyAgent(c);
        } else {
            q.add(c.id(), c.priority());
            return false;
        }
        pushPositions(q);
        return true;
    }

    /** The returning buyer waited long enough for their last agent: back to the front of normal routing. */
    void stopWaitingForStickyAgent(ConversationState c) {
        shop.stopStickyWait(c);
        shop.group(c.record.groupId()).ifPresent(q -> {
            q.addFirst(c.id(), c.priority());
            drain(q);
        });
    }

    Clock clock() {
        return clock;
    }

    /** Whether the shop's business hours include now (always when it has none). */
    boolean open() {
        return shop.settings().businessHours().isOpen(clock.instant(), shop.settings().timeZone());
    }

    void assign(ConversationState c, AgentState a, String groupId) {
        long now = clock.millis();
        long waited = c.state() == ConvState.QUEUED ? now - c.queuedAt : -1;
        if (c.state() == ConvState.QUEUED) {
            listener.queueWaited(now - c.queuedAt, ConvState.ASSIGNED);
        }
        listener.conversationStateChanged(c.state(), ConvState.ASSIGNED);
        c.record = c.record.assigned(groupId, a.id(), now);
        a.active.add(c.id());
        a.lastAssignedAt = now;
        lastPushedPosition.remove(c.id());
        c.overflowed = false;
        c.avoidAgent = null;
        persist.accept(c);
        kpi.assigned(c, waited);
        log.info("conversation assigned conv={} agent={} group={} waitedMs={}", c.id(), a.id(), groupId,
                now - c.queuedAt);
        pushes.assigned(c, a);
        timekeeper.assigned(c);
        autoReplies.assigned(c, a);
    }

    /** Takes the conversation out of any queue and off its agent; returns the agent it had, if any. */
    Optional<AgentState> release(ConversationState c) {
        shop.group(c.record.groupId()).ifPresent(q -> {
            if (q.remove(c.id())) {
                pushPositions(q);
            }
        });
        lastPushedPosition.remove(c.id());
        shop.stopStickyWait(c);
        Optional<AgentState> a = shop.agent(c.agentId());
        a.ifPresent(agent -> agent.active.remove(c.id()));
        return a;
    }

    /** A chat ends: its length feeds the wait estimate. */
    void recordHandled(ConversationState c) {
        if (c.record.assignedAt() > 0) {
            shop.group(c.record.groupId()).ifPresent(q -> q.eta().handled(clock.millis() - c.record.assignedAt()));
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
                pushes.queued(c, position, q.eta().etaSec(position, capacity), managers);
            }
            position++;
        }
    }

    /** Re-sends where a waiting conversation stands (a buyer who came back). */
    void pushPosition(ConversationState c) {
        shop.group(c.record.groupId()).ifPresent(q -> {
            int position = q.positionOf(c.id());
            if (position > 0) {
                pushes.queued(c, position, q.eta().etaSec(position, onlineCapacity(q.id())), List.of());
            }
        });
    }

    /** Whether the agent's shifts, in the shop's time zone, include now. */
    boolean onShift(AgentState a) {
        return a.record.shifts().isOpen(clock.instant(), shop.settings().timeZone());
    }

    /** The managers' view of every group: waiting conversations in serving order, agents and their load. */
    QueueView view() {
        long now = clock.millis();
        List<QueueView.Group> groups = new ArrayList<>();
        for (GroupQueue q : shop.groups()) {
            int capacity = onlineCapacity(q.id());
            List<QueueView.Waiting> waiting = new ArrayList<>();
            int position = 1;
            for (String convId : q.waiting()) {
                ConversationState c = shop.conversation(convId);
                if (c != null) {
                    waiting.add(new QueueView.Waiting(c.id(), c.record.buyerId(), c.record.priority(), position,
                            Math.max(0, now - c.queuedAt) / 1000, q.eta().etaSec(position, capacity), null));
                }
                position++;
            }
            for (ConversationState c : shop.openConversations()) {
                if (c.stickyAgent != null && q.id().equals(c.record.groupId())) {
                    waiting.add(new QueueView.Waiting(c.id(), c.record.buyerId(), c.record.priority(), 0,
                            Math.max(0, now - c.queuedAt) / 1000, 0, c.stickyAgent));
                }
            }
            List<QueueView.Agent> agents = new ArrayList<>();
            for (AgentState a : shop.agents()) {
                if (a.inGroup(q.id())) {
                    agents.add(new QueueView.Agent(a.id(), a.record.name(), a.status.wire(), a.activeCount(),
                            a.record.maxConcurrent(), onShift(a), a.connections));
                }
            }
            agents.sort(java.util.Comparator.comparing(QueueView.Agent::name).thenComparing(QueueView.Agent::id));
            groups.add(new QueueView.Group(q.id(), q.group().name(), q.group().strategy().wire(), waiting, agents));
        }
        return new QueueView(groups);
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

    /**
     * Who may take {@code c} from {@code q} now: the group's agents with a free slot and on shift, and
     * the overflow group's too once it waited past the overflow time; the agent it is avoiding only when
     * nobody else can.
     */
    private List<AgentState> candidates(GroupQueue q, ConversationState c) {
        String overflowTo = c.overflowed ? q.group().overflowTo() : null;
        List<AgentState> list = new ArrayList<>();
        for (AgentState a : shop.agents()) {
            if (!a.id().equals(c.avoidAgent) && mayTake(a, q, overflowTo)) {
                list.add(a);
            }
        }
        if (list.isEmpty() && c.avoidAgent != null) {
            // Better the agent who let it wait than a queue that stalls behind it.
            shop.agent(c.avoidAgent).filter(a -> mayTake(a, q, overflowTo)).ifPresent(list::add);
        }
        return list;
    }

    /** A member of the queue's group (or of {@code overflowTo}, when not null) with a free slot, on shift. */
    private boolean mayTake(AgentState a, GroupQueue q, String overflowTo) {
        boolean member = a.inGroup(q.id()) || overflowTo != null && a.inGroup(overflowTo);
        return member && a.canTakeMore() && onShift(a);
    }
}
