package io.kefu.protocol;

import java.util.List;

/** A buyer as shown to agents: {@code {id, name, tags}}. */
public record BuyerRef(String id, String name, List<String> tags) {
    public BuyerRef {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
