package io.kefu.server.aftersales;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Where tickets and their history are kept. Blocking: called on store threads only. */
public interface AfterSaleStore {
    /** Stores a new ticket with its history; {@code not_found} for an unknown shop. */
    void insert(AfterSale ticket);

    /** The shop's ticket with its history; empty for another shop's or an unknown one. */
    Optional<AfterSale> find(String shopId, String id);

    /** The shop's tickets, newest first, optionally of one state and/or one buyer, at most {@code limit}. */
    List<AfterSale> list(String shopId, AfterSaleState state, String buyerId, int limit);

    /**
     * Reads the ticket under a row lock, applies {@code change} (which may throw to refuse) and stores the result:
     * its state, amount, times and the history steps it added. Empty when the shop has no such ticket.
     */
    Optional<AfterSale> change(String shopId, String id, UnaryOperator<AfterSale> change);

    /** Requested tickets whose reply-by time is at or before {@code now}, earliest first, at most {@code limit}. */
    List<Ref> due(long now, int limit);

    /** The buyer's figures in the shop, for the profile. */
    BuyerActivity activity(String shopId, String buyerId);

    /** A ticket by shop and id. */
    record Ref(String shopId, String id) {
    }

    /**
     * How many tickets and conversations the buyer has with the shop, and when they were last active there (their
     * latest conversation, message or ticket change, epoch ms), or {@code null} when never.
     */
    record BuyerActivity(long aftersales, long conversations, Long lastSeenAt) {
    }
}
