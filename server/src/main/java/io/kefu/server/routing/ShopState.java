package io.kefu.server.routing;

import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.GroupRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Everything one shop's router holds: its open conversations (by id and by buyer), opens in progress,
 * recently closed conversations, skill groups with their queues, and agents. The one owner of these
 * maps, so that the classes working on them ({@link Assignments}, {@link Lifecycle}, {@link Transfers})
 * share state through one object instead of passing maps around. Confined to the shop's router lane.
 */
final class ShopState {
    private static final int CLOSED_MEMORY = 10_000;

    private final String shopId;
    private String name;
    private final Map<String, ConversationState> open = new HashMap<>();
    private final Map<String, String> openByBuyer = new HashMap<>();
    private final Map<String, CompletableFuture<ConversationState>> opening = new HashMap<>();
    /** Recently closed conversations, so rating and late frames get precise answers without a look-up. */
    private final Map<String, ConversationRecord> closed = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConversationRecord> eldest) {
            return size() > CLOSED_MEMORY;
        }
    };
    private final Map<String, GroupQueue> groups = new LinkedHashMap<>();
    private final Map<String, AgentState> agents = new HashMap<>();
    private RoutingSettings settings = RoutingSettings.DEFAULT;
    /** Returning buyers waiting for their last agent to have a free slot, by agent, oldest first. */
    private final Map<String, LinkedHashSet<String>> stickyWaiters = new HashMap<>();

    ShopState(String shopId) {
        this.shopId = shopId;
        this.name = shopId;
    }

    String shopId() {
        return shopId;
    }

    // ---- conversations --------------------------------------------------------------------------------

    /** The open conversation with this id, or {@code null}. */
    ConversationState conversation(String convId) {
        return open.get(convId);
    }

    /** The buyer's open conversation with this shop, or {@code null}. */
    ConversationState openOf(String buyerId) {
        String convId = openByBuyer.get(buyerId);
        return convId == null ? null : open.get(convId);
    }

    Collection<ConversationState> openConversations() {
        return open.values();
    }

    void register(ConversationState c) {
        open.put(c.id(), c);
        openByBuyer.put(c.record.buyerId(), c.id());
    }

    /**
     * Record writes of recently closed conversations still under way (the close's own, maybe retried): a rating
     * written beside one of them could be overwritten by it. Bounded like {@code closed}; done ones are dropped.
     */
    private final Map<String, ConversationState> closingWrites = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ConversationState> eldest) {
            return size() > CLOSED_MEMORY || eldest.getValue().recordWrites.isDone();
        }
    };

    /** A conversation closed: it leaves the open maps and is remembered for a while. */
    void retire(ConversationState c) {
        open.remove(c.id());
        openByBuyer.remove(c.record.buyerId(), c.id());
        closed.put(c.id(), c.record);
        closingWrites.put(c.id(), c); // its close is written after this, on the same chain
    }

    /** Completes once the record writes of a closed conversation under way at its close are done (at once if none). */
    CompletableFuture<Void> writesOfClosed(String convId) {
        ConversationState c = closingWrites.get(convId);
        return c == null ? CompletableFuture.completedFuture(null) : c.recordWrites;
    }

    /** A recently closed conversation's record, or {@code null}. */
    ConversationRecord recentlyClosed(String convId) {
        return closed.get(convId);
    }

    /** Updates the remembered record of a closed conversation (a rating). */
    void rememberClosed(ConversationRecord record) {
        closed.put(record.id(), record);
    }

    /** The open being created for this buyer, or {@code null}: concurrent opens wait on it. */
    CompletableFuture<ConversationState> opening(String buyerId) {
        return opening.get(buyerId);
    }

    void startOpening(String buyerId, CompletableFuture<ConversationState> ready) {
        opening.put(buyerId, ready);
    }

    void endOpening(String buyerId) {
        opening.remove(buyerId);
    }

    void startStickyWait(ConversationState c, String agentId) {
        c.stickyAgent = agentId;
        stickyWaiters.computeIfAbsent(agentId, k -> new LinkedHashSet<>()).add(c.id());
    }

    void stopStickyWait(ConversationState c) {
        if (c.stickyAgent != null) {
            Set<String> waiting = stickyWaiters.get(c.stickyAgent);
            if (waiting != null && waiting.remove(c.id()) && waiting.isEmpty()) {
                stickyWaiters.remove(c.stickyAgent);
            }
            c.stickyAgent = null;
        }
    }

    /** A copy: the caller assigns while iterating. */
    List<String> stickyWaitersOf(String agentId) {
        Set<String> waiting = stickyWaiters.get(agentId);
        return waiting == null ? List.of() : new ArrayList<>(waiting);
    }

    // ---- settings, groups and agents -------------------------------------------------------------------

    RoutingSettings settings() {
        return settings;
    }

    /** The shop's display name ({@code {shop.name}} in quick replies); the id until the shop is loaded. */
    String name() {
        return name;
    }

    void setName(String name) {
        this.name = name == null || name.isBlank() ? shopId : name;
    }

    void setSettings(RoutingSettings settings) {
        this.settings = settings;
    }

    /** The groups' settings as immutable values, for decisions made off the lane. */
    List<GroupRecord> groupRecords() {
        List<GroupRecord> list = new ArrayList<>(groups.size());
        for (GroupQueue q : groups.values()) {
            list.add(q.group());
        }
        return list;
    }

    /** Adds new groups and updates known ones; their queues are kept. */
    void setGroups(List<GroupRecord> records) {
        for (GroupRecord g : records) {
            GroupQueue q = groups.get(g.id());
            if (q == null) {
                groups.put(g.id(), new GroupQueue(g));
            } else {
                q.update(g);
            }
        }
    }

    /** Adds new agents and updates known ones; their presence and chats are kept. */
    void setAgents(List<AgentRecord> records) {
        for (AgentRecord r : records) {
            AgentState a = agents.get(r.id());
            if (a == null) {
                agents.put(r.id(), new AgentState(r));
            } else {
                a.record = r;
            }
        }
    }

    Optional<GroupQueue> group(String groupId) {
        return Optional.ofNullable(groupId == null ? null : groups.get(groupId));
    }

    Collection<GroupQueue> groups() {
        return groups.values();
    }

    Optional<AgentState> agent(String agentId) {
        return Optional.ofNullable(agentId == null ? null : agents.get(agentId));
    }

    Collection<AgentState> agents() {
        return agents.values();
    }

    /** Staff of the shop who see its whole queue (supervisors and admins) and are connected. */
    List<String> connectedManagers() {
        List<String> ids = new ArrayList<>();
        for (AgentState a : agents.values()) {
            if (Permissions.allows(a.record.role(), Permission.WHOLE_SHOP_CONVERSATIONS) && a.connections > 0) {
                ids.add(a.id());
            }
        }
        return ids;
    }
}
