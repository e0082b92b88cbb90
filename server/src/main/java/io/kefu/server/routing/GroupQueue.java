package io.kefu.server.routing;

import io.kefu.server.store.GroupRecord;
import java.util.ArrayDeque;
import java.util.Iterator;

/** A skill group and its waiting conversations, first come first served. Owned by the router's lane. */
final class GroupQueue {
    GroupRecord group;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();

    GroupQueue(GroupRecord group) {
        this.group = group;
    }

    String id() {
        return group.id();
    }

    void add(String convId) {
        waiting.addLast(convId);
    }

    void addFirst(String convId) {
        waiting.addFirst(convId);
    }

    boolean remove(String convId) {
        return waiting.remove(convId);
    }

    String peek() {
        return waiting.peekFirst();
    }

    String poll() {
        return waiting.pollFirst();
    }

    int size() {
        return waiting.size();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** 1-based position of the conversation, or 0 when it is not waiting here. */
    int positionOf(String convId) {
        int i = 1;
        for (Iterator<String> it = waiting.iterator(); it.hasNext(); i++) {
            if (it.next().equals(convId)) {
                return i;
            }
        }
        return 0;
    }

    Iterable<String> waiting() {
        return waiting;
    }
}
