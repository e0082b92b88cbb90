package io.kefu.server.store;

import java.util.Optional;

/** Buyers, created or renamed when a token is minted for them. Runs on store threads only. */
public interface BuyerStore {

    /** Inserts the buyer, or updates its name when {@code name} is not null. */
    void upsertBuyer(String buyerId, String name);

    Optional<BuyerRecord> findBuyer(String buyerId);
}
