package io.kefu.server.store;

import java.util.List;

/** A buyer as one shop sees them: the shop's own tags ({@code vip}...) and a note for its staff. */
public record ShopBuyerRecord(String shopId, String buyerId, List<String> tags, String note) {
    public ShopBuyerRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
