package io.kefu.server.store;

import java.util.List;
import java.util.Optional;

/** Conversations. Runs on store threads only. */
public interface ConversationStore {

    void insert(ConversationRecord conversation);

    /** Writes every mutable column (state, group, agent, times, close, rating) of the row with this id. */
    void update(ConversationRecord conversation);

    Optional<ConversationRecord> find(String convId);

    /** The buyer's conversation with the shop that is not closed, if any. */
    Optional<ConversationRecord> findOpen(String shopId, String buyerId);

    /** The agent of the buyer's latest conversation with the shop closed at or after {@code sinceMillis}. */
    Optional<String> lastAgent(String shopId, String buyerId, long sinceMillis);

    /** Every conversation of the shop that is not closed, oldest first. */
    List<ConversationRecord> openForShop(String shopId);

    /** Every conversation of the buyer that is not closed, in any shop, oldest first. */
    List<ConversationRecord> openForBuyer(String buyerId);
}
