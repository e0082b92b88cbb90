package io.kefu.server.store;

import io.kefu.protocol.ConvState;

/**
 * A conversation as stored. Nullable: {@code groupId} (while in bot), {@code agentId} (until
 * assigned), {@code entryType}/{@code entryRef}, {@code assignedAt}/{@code closedAt} (0 when not yet),
 * {@code closedBy}, {@code closeReason}, {@code rating} (null until rated), {@code ratingComment}.
 */
public record ConversationRecord(String id, String shopId, String buyerId, ConvState state, String groupId,
                                 String agentId, String entryType, String entryRef, long createdAt,
                                 long assignedAt, long closedAt, String closedBy, String closeReason,
                                 Integer rating, String ratingComment) {

    public ConversationRecord withState(ConvState newState) {
        return new ConversationRecord(id, shopId, buyerId, newState, groupId, agentId, entryType, entryRef,
                createdAt, assignedAt, closedAt, closedBy, closeReason, rating, ratingComment);
    }

    public ConversationRecord queued(String newGroupId) {
        return new ConversationRecord(id, shopId, buyerId, ConvState.QUEUED, newGroupId, null, entryType,
                entryRef, createdAt, assignedAt, closedAt, closedBy, closeReason, rating, ratingComment);
    }

    public ConversationRecord assigned(String newGroupId, String newAgentId, long at) {
        return new ConversationRecord(id, shopId, buyerId, ConvState.ASSIGNED, newGroupId, newAgentId,
                entryType, entryRef, createdAt, at, closedAt, closedBy, closeReason, rating, ratingComment);
    }

    public ConversationRecord closed(String by, String reason, long at) {
        return new ConversationRecord(id, shopId, buyerId, ConvState.CLOSED, groupId, agentId, entryType,
                entryRef, createdAt, assignedAt, at, by, reason, rating, ratingComment);
    }

    public ConversationRecord rated(int score, String comment) {
        return new ConversationRecord(id, shopId, buyerId, state, groupId, agentId, entryType, entryRef,
                createdAt, assignedAt, closedAt, closedBy, closeReason, score, comment);
    }
}
