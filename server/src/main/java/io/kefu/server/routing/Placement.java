package io.kefu.server.routing;

import io.kefu.protocol.Entry;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.policy.Priority;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.store.GroupRecord;
import java.util.List;

/**
 * Where a new conversation waits and how soon it is served (contract §5): the group from the buyer's shop
 * tags ({@code tagGroups}), else the entry type, else the default group; {@code urgent} when the first
 * message holds an urgent keyword, {@code vip} for a VIP tag. Pure: built from immutable values on the
 * router lane and applied wherever the buyer's tags are at hand (a store thread).
 */
record Placement(String groupId, Priority priority) {

    /** The shop's rules as of one moment. */
    record Rules(String shopId, RoutingSettings settings, List<GroupRecord> groups) {
        Rules {
            groups = List.copyOf(groups);
        }

        Placement place(Entry entry, List<String> buyerTags, String firstText) {
            Priority priority = Priority.of(settings.isUrgent(firstText), settings.isVip(buyerTags));
            return new Placement(groupFor(entry, buyerTags).id(), priority);
        }

        GroupRecord groupFor(Entry entry, List<String> buyerTags) {
            for (String tag : buyerTags) {
                String groupId = settings.tagGroups().get(tag);
                for (GroupRecord g : groups) {
                    if (g.id().equals(groupId)) {
                        return g;
                    }
                }
            }
            if (entry != null && entry.type() != null) {
                for (GroupRecord g : groups) {
                    if (g.entryTypes().contains(entry.type())) {
                        return g;
                    }
                }
            }
            return groups.stream().filter(GroupRecord::isDefault).findFirst()
                    .or(() -> groups.stream().findFirst())
                    .orElseThrow(() -> KefuException.invalidState("shop '" + shopId
                            + "' has no skill group yet; create one with POST /api/v1/shops/" + shopId + "/groups"));
        }
    }
}
