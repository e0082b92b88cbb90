package io.kefu.server.demo;

import io.kefu.protocol.Entry;
import io.kefu.protocol.Role;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.orders.OrderService;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.GroupRecord;
import io.kefu.server.store.ShopRecord;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the demo shop, idempotently: the shop named {@value #SHOP_NAME} is reused when it exists, and so
 * are its groups (by name) and staff (by username); only what is missing is created. Demo staff are
 * created with {@value #PASSWORD}; a demo username that already exists keeps whatever password it has.
 *
 * <p>{@link ShopStore} has no look-up by name, so the demo shop's id is remembered in
 * {@value #MARKER_FILE} under the data directory. Without that file (or when it names a shop that is
 * gone) a new demo shop is made. Once the store can find a shop by name, the file can go.
 *
 * <p>Given an order service, the demo buyers get orders in every status too ({@link DemoOrders}).
 *
 * <p><b>Threads:</b> store work runs on the store executor, the three password hashes on the
 * {@code kefu-auth} executor; {@link #seed()} returns at once.
 */
public final class DemoSeeder {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    public static final String SHOP_NAME = "Demo Shop";
    public static final String PRE_SALES = "售前 Pre-sales";
    public static final String AFTER_SALES = "售后 After-sales";
    /** Published in the README and printed at start-up: a demo is meant to be logged into. */
    public static final String PASSWORD = "kefu-demo";
    static final int MAX_CONCURRENT = 5;
    static final String MARKER_FILE = "demo-shop.id";

    private record GroupSpec(String name, boolean isDefault, List<String> entryTypes) {
    }

    private record StaffSpec(String username, String name, Role role, List<String> groupNames) {
    }

    private static final List<GroupSpec> GROUPS = List.of(
            new GroupSpec(PRE_SALES, true, List.of(Entry.PRODUCT, Entry.SHOP)),
            new GroupSpec(AFTER_SALES, false, List.of(Entry.ORDER, Entry.AFTERSALE)));
    private static final List<StaffSpec> STAFF = List.of(
            new StaffSpec("supervisor", "王主管 Wang", Role.SUPERVISOR, List.of(PRE_SALES, AFTER_SALES)),
            new StaffSpec("agent1", "小李 Li", Role.AGENT, List.of(PRE_SALES)),
            new StaffSpec("agent2", "小周 Zhou", Role.AGENT, List.of(AFTER_SALES)));

    /** What exists after the first store step; staff still missing have no entry in {@code staff}. */
    private record Plan(ShopRecord shop, Map<String, GroupRecord> groups, Map<String, AgentRecord> staff) {
    }

    private final ShopStore shops;
    private final StoreExecutor storeExecutor;
    private final StoreExecutor authExecutor;
    private final PasswordHasher hasher;
    private final Path marker;
    private final DemoOrders orders;
    private final DemoAfterSales aftersales;

    /** Without orders (they are seeded only when an order service is given). */
    public DemoSeeder(ShopStore shops, StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher,
                      Path dataDir) {
        this(shops, storeExecutor, authExecutor, hasher, dataDir, null, java.time.Clock.systemUTC());
    }

    /**
     * @param dataDir where the demo shop's id is remembered ({@code KefuConfig.dataDir()})
     * @param orders where the demo buyers' orders go (the shop's built-in book), or {@code null} for none
     */
    public DemoSeeder(ShopStore shops, StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher,
                      Path dataDir, OrderService orders, java.time.Clock clock) {
        this(shops, storeExecutor, authExecutor, hasher, dataDir, orders, clock, null);
    }

    /** With after-sale tickets on the demo orders too (only when {@code orders} is given). */
    public DemoSeeder(ShopStore shops, StoreExecutor storeExecutor, StoreExecutor authExecutor, PasswordHasher hasher,
                      Path dataDir, OrderService orders, java.time.Clock clock,
                      io.kefu.server.aftersales.AfterSales aftersales) {
        this.shops = shops;
        this.storeExecutor = storeExecutor;
        this.authExecutor = authExecutor;
        this.hasher = hasher;
        this.marker = dataDir.resolve(MARKER_FILE);
        this.orders = orders == null ? null : new DemoOrders(orders, clock);
        this.aftersales = orders == null || aftersales == null ? null : new DemoAfterSales(aftersales);
    }

    /** Finds or makes the demo shop; completes with what a console needs to log in. */
    public CompletableFuture<DemoInfo> seed() {
        return storeExecutor.submit(this::shopAndGroups)
                .thenCompose(plan -> authExecutor.submit(() -> hashesFor(plan))
                        .thenCompose(hashes -> storeExecutor.submit(() -> createStaff(plan, hashes))))
                .thenCompose(plan -> orders == null ? CompletableFuture.completedFuture(plan)
                        : orders.seed(plan.shop().id()).thenApply(added -> {
                            log.info("Demo orders ready shop={} ordersAdded={}", plan.shop().id(), added);
                            return plan;
                        }))
                .thenCompose(plan -> aftersales == null ? CompletableFuture.completedFuture(plan)
                        : aftersales.seed(plan.shop().id(), demoAgent(plan)).thenApply(added -> {
                            log.info("Demo after-sales ready shop={} ticketsAdded={}", plan.shop().id(), added);
                            return plan;
                        }))
                .thenApply(this::info);
    }

    /** The agent who answers the demo's after-sales: the after-sales agent. */
    private static io.kefu.server.auth.Principal demoAgent(Plan plan) {
        AgentRecord a = plan.staff().get("agent2");
        return DemoAfterSales.agent(a.id(), plan.shop().id(), a.name());
    }

    /** Runs on a store thread. */
    private Plan shopAndGroups() {
        ShopRecord shop = findDemoShop().orElseGet(this::createDemoShop);
        Map<String, GroupRecord> groups = new LinkedHashMap<>();
        shops.groups(shop.id()).forEach(g -> groups.putIfAbsent(g.name(), g));
        for (GroupSpec spec : GROUPS) {
            groups.computeIfAbsent(spec.name(), name -> shops.createGroup(
                    new GroupRecord(null, shop.id(), name, spec.isDefault(), spec.entryTypes(), null, 0)));
        }
        Map<String, AgentRecord> staff = new HashMap<>();
        for (StaffSpec spec : STAFF) {
            shops.findAgentByUsername(shop.id(), spec.username()).ifPresent(a -> staff.put(spec.username(), a));
        }
        return new Plan(shop, groups, staff);
    }

    /** Runs on the {@code kefu-auth} executor. */
    private Map<String, String> hashesFor(Plan plan) {
        Map<String, String> hashes = new HashMap<>();
        for (StaffSpec spec : STAFF) {
            if (!plan.staff().containsKey(spec.username())) {
                hashes.put(spec.username(), hasher.hash(PASSWORD));
            }
        }
        return hashes;
    }

    /** Runs on a store thread. */
    private Plan createStaff(Plan plan, Map<String, String> hashes) {
        Map<String, AgentRecord> staff = new HashMap<>(plan.staff());
        for (StaffSpec spec : STAFF) {
            if (!staff.containsKey(spec.username())) {
                List<String> groupIds = spec.groupNames().stream().map(n -> plan.groups().get(n).id()).toList();
                staff.put(spec.username(), shops.createAgent(new AgentRecord(null, plan.shop().id(), spec.username(),
                        hashes.get(spec.username()), spec.name(), spec.role(), MAX_CONCURRENT, groupIds)));
            }
        }
        log.info("Demo shop ready shop={} staffCreated={}", plan.shop().id(), hashes.size());
        return new Plan(plan.shop(), plan.groups(), staff);
    }

    private DemoInfo info(Plan plan) {
        List<DemoInfo.Group> groups = GROUPS.stream().map(spec -> plan.groups().get(spec.name()))
                .map(g -> new DemoInfo.Group(g.id(), g.name(), g.isDefault(), g.entryTypes())).toList();
        Map<String, String> groupNames = new HashMap<>();
        plan.groups().values().forEach(g -> groupNames.put(g.id(), g.name()));
        List<DemoInfo.Login> logins = STAFF.stream().map(spec -> plan.staff().get(spec.username()))
                .map(a -> new DemoInfo.Login(a.id(), a.username(), PASSWORD, a.name(), a.role(), a.groupIds(),
                        a.groupIds().stream().map(id -> groupNames.getOrDefault(id, "group " + id)).toList()))
                .toList();
        return new DemoInfo(plan.shop().id(), plan.shop().name(), groups, logins);
    }

    /** Runs on a store thread (it reads a file and the database). */
    private Optional<ShopRecord> findDemoShop() {
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            String id = Files.readString(marker, StandardCharsets.UTF_8).strip();
            return shops.findShop(id).filter(s -> s.name().equals(SHOP_NAME));
        } catch (IOException e) {
            log.warn("Cannot read {}, making a new demo shop: {}", marker, e.toString());
            return Optional.empty();
        }
    }

    /** Runs on a store thread. */
    private ShopRecord createDemoShop() {
        ShopRecord shop = shops.createShop(SHOP_NAME);
        try {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Path tmp = marker.resolveSibling(MARKER_FILE + ".tmp");
            Files.writeString(tmp, shop.id(), StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The demo still works; the next start just makes another demo shop.
            log.warn("Cannot write {}: {}", marker, e.toString());
        }
        return shop;
    }
}
