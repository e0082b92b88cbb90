package io.kefu.server.routing;

import io.kefu.server.routing.policy.AssignmentStrategy;
import io.kefu.server.routing.policy.EtaEstimator;
import io.kefu.server.routing.policy.Priority;
import io.kefu.server.routing.policy.Strategies;
import io.kefu.server.routing.queue.WaitingLine;
import io.kefu.server.settings.GroupStrategy;
import io.kefu.server.store.GroupRecord;
import java.util.List;

/**
 * A skill group, its strategy and its waiting conversations: by priority, first come first served inside
 * a priority, with a place at the front for conversations coming back. Owned by the router's lane.
 */
final class GroupQueue {
    private GroupRecord group;
    private AssignmentStrategy strategy;
    private final WaitingLine waiting = new WaitingLine(Priority.RANKS);
    /** How long this group's chats hold an agent, for the waiting buyers' estimates. */
    private final EtaEstimator eta = new EtaEstimator();

    GroupQueue(GroupRecord group) {
        this.group = group;
        this.strategy = Strategies.forGroup(group.strategy());
    }

    GroupRecord group() {
        return group;
    }

    /** New settings; the strategy starts afresh only when it changed. */
    void update(GroupRecord g) {
        if (g.strategy() != group.strategy()) {
            strategy = Strategies.forGroup(g.strategy());
        }
        group = g;
    }

    String id() {
        return group.id();
    }

    EtaEstimator eta() {
        return eta;
    }

    AssignmentStrategy strategy() {
        return strategy;
    }

    boolean manual() {
        return group.strategy() == GroupStrategy.MANUAL;
    }

    void add(String convId, Priority priority) {
        waiting.addLast(convId, priority.rank());
    }

    /** Ahead of everyone of its priority (a transfer, or a conversation whose agent went away). */
    void addFirst(String convId, Priority priority) {
        waiting.addFirst(convId, priority.rank());
    }

    boolean remove(String convId) {
        return waiting.remove(convId);
    }

    boolean contains(String convId) {
        return waiting.contains(convId);
    }

    String peek() {
        return waiting.peek();
    }

    String poll() {
        return waiting.poll();
    }

    int size() {
        return waiting.size();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** 1-based position of the conversation, or 0 when it is not waiting here. O(log n). */
    int positionOf(String convId) {
        return waiting.position(convId);
    }

    /** Waiting conversations in serving order. O(n). */
    List<String> waiting() {
        return waiting.inOrder();
    }
}
