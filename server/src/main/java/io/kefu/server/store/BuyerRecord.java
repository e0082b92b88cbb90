package io.kefu.server.store;

import java.util.List;

/** A platform-wide buyer, known from the tokens minted for it. */
public record BuyerRecord(String id, String name, List<String> tags) {
    public BuyerRecord {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
