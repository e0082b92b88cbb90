package io.kefu.server.store;

import io.kefu.protocol.ConvState;

/**
 * A conversation as stored. Nullable: {@code groupId} (while in bot), {@code agentId} (until
 * assigned), {@code entryType}/{@code entryRef}, {@code assignedAt}/{@code closedAt} (0 when not yet),
 * {@code closedBy}, {@code closeReason}, {@code rating} (null until rated), {@code ratingComment}.
 * While queued: {@code priority} ({@code urgent}, {@code vip}, {@code normal}), {@code queuedAt} (when it
 * joined the queue) and {@code queueKey} (its place: the time it joined at the back, or minus the time
 * it was put at the front), so that a restart rebuilds the queue in the same order.
 */
public record ConversationRecord(String id, String shopId, String buyerId, ConvState state, String groupId,
                                 String agentId, String entryType, String entryRef, long createdAt,
                                 long assignedAt, long closedAt, String closedBy, String closeReason,
                                 Integer rating, String ratingComment, String priority, long queuedAt,
                                 long queueKey) {
    public static final String NORMAL = "normal";

    /** A normal-priority conversation that has not been queued. */
    public ConversationRecord(String id, String shopId, String buyerId, ConvState state, String groupId,
                              String agentId, String entryType, String entryRef, long createdAt, long assignedAt,
                              long closedAt, String closedBy, String closeReason, Integer rating,
                              String ratingComment) {
        this(id, shopId, buyerId, state, groupId, agentId, entryType, entryRef, createdAt, assignedAt, closedAt,
                closedBy, closeReason, rating, ratingComment, NORMAL, 0, 0);
    }

    public ConversationRecord withState(ConvState newState) {
        return new ConversationRecord(id, shopId, buyerId, newState, groupId, agentId, entryType, entryRef,
                createdAt, assignedAt, closedAt, closedBy, closeReason, rating, ratingComment, priority, queuedAt,
                queueKey);
    }

    /** Waiting in {@code newGroupId}'s queue since {@code at}, at {@code key} ({@code at}, or {@code -at} at the front). */
    public ConversationRecord queued(String newGroupId, String newPriority, long at, long key) {
        return new ConversationRecord(id, shopId, buyerId, ConvState.QUEUED, newGroupId, null, entryType,
                entryRef, createdAt, assignedAt, closedAt, closedBy, closeReason, rating, ratingComment, newPriority,
                at, key);
    }

    public ConversationRecord withPriority(String newPriority) {
        return new ConversationRecord(id, shopId, buyerId, state, groupId, agentId, entryType, entryRef,
                createdAt, assignedAt, closedAt, closedBy, closeReason, rating, ratingComment, newPriority, queuedAt,
                queueKey);
    }

    public ConversationRecord assigned(String newGroupId, String newAgentId, long at) {
        return new ConversationRecord(id, shopId, buyerId, ConvState.ASSIGNED, newGroupId, newAgentId,
                entryType, entryRef, createdAt, at, closedAt, closedBy, closeReason, rating, ratingComment, priority,
                queuedAt, queueKey);
    }

    public ConversationRecord closed(String by, String reason, long at) {
        return new ConversationRecord(id, shopId, buyerId, ConvState.CLOSED, groupId, agentId, entryType,
                entryRef, createdAt, assignedAt, at, by, reason, rating, ratingComment, priority, queuedAt, queueKey);
    }

    public ConversationRecord rated(int score, String comment) {
        return new ConversationRecord(id, shopId, buyerId, state, groupId, agentId, entryType, entryRef,
                createdAt, assignedAt, closedAt, closedBy, closeReason, score, comment, priority, queuedAt, queueKey);
    }
}
