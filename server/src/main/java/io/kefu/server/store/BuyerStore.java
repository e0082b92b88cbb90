package io.kefu.server.store;

import java.util.List;
import java.util.Optional;

/** Buyers, created or renamed when a token is minted for them. Runs on store threads only. */
public interface BuyerStore {

    /** Inserts the buyer, or updates its name when {@code name} is not null. */
    void upsertBuyer(String buyerId, String name);

    Optional<BuyerRecord> findBuyer(String buyerId);

    /** The shop's tags and note for a buyer; empty when the shop never set any. */
    Optional<ShopBuyerRecord> findShopBuyer(String shopId, String buyerId);

    /**
     * Sets the shop's tags and/or note for a buyer (an absent one keeps its value) and returns the result.
     * {@code not_found} when the shop does not exist.
     */
    ShopBuyerRecord saveShopBuyer(String shopId, String buyerId, Optional<List<String>> tags, Optional<String> note);
}
