package io.kefu.server.store;

import java.util.List;

/**
 * A skill group of a shop. {@code entryTypes} lists the entry types ({@code product}, {@code order},
 * {@code shop}, {@code aftersale}) routed here before the default group is considered (an extension of
 * the contract). {@code overflowTo} (a group id) may be {@code null} and {@code overflowAfterSec} 0
 * when the group does not overflow.
 */
public record GroupRecord(String id, String shopId, String name, boolean isDefault, List<String> entryTypes,
                          String overflowTo, int overflowAfterSec) {
    public GroupRecord {
        entryTypes = entryTypes == null ? List.of() : List.copyOf(entryTypes);
    }

    public GroupRecord withId(String newId) {
        return new GroupRecord(newId, shopId, name, isDefault, entryTypes, overflowTo, overflowAfterSec);
    }
}
