package io.kefu.server.store;

import io.kefu.server.settings.GroupStrategy;
import java.util.List;
import java.util.Objects;

/**
 * A skill group of a shop. {@code entryTypes} lists the entry types ({@code product}, {@code order},
 * {@code shop}, {@code aftersale}) routed here before the default group is considered. {@code overflowTo}
 * (a group id) may be {@code null} and {@code overflowAfterSec} 0 when the group does not overflow.
 * {@code strategy} says how its conversations are handed out.
 */
public record GroupRecord(String id, String shopId, String name, boolean isDefault, List<String> entryTypes,
                          String overflowTo, int overflowAfterSec, GroupStrategy strategy) {
    public GroupRecord {
        entryTypes = entryTypes == null ? List.of() : List.copyOf(entryTypes);
        Objects.requireNonNull(strategy, "strategy");
    }

    /** A least-busy group. */
    public GroupRecord(String id, String shopId, String name, boolean isDefault, List<String> entryTypes,
                       String overflowTo, int overflowAfterSec) {
        this(id, shopId, name, isDefault, entryTypes, overflowTo, overflowAfterSec, GroupStrategy.LEAST_BUSY);
    }

    public GroupRecord withId(String newId) {
        return new GroupRecord(newId, shopId, name, isDefault, entryTypes, overflowTo, overflowAfterSec, strategy);
    }
}
