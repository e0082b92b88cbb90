package io.kefu.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims of shops by one node against a real Redis (started by the test), with the announcements they make. */
class ShopOwnershipTest {
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> announced = new CopyOnWriteArrayList<>();
    private TestRedis redis;
    private RedisLink link;
    private RedisLink listening;
    private ShopOwnership ownership;
    private NodeLease lease;
    /** What a hand-over waits for: the router's writes under way (done at once unless a test says otherwise). */
    private volatile CompletableFuture<Void> routerStopped = CompletableFuture.completedFuture(null);

    @BeforeEach
    void setUp() {
        redis = TestRedis.start();
        link = RedisLink.connect(redis.url(), Duration.ofSeconds(5));
        link.commands().sync().set(NodeLease.GENERATION, "0".getBytes(StandardCharsets.UTF_8));
        listening = RedisLink.connect(redis.url(), Duration.ofSeconds(5));
        listening.pubsub().addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                announced.add(new String(message, StandardCharsets.UTF_8));
            }
        });
        listening.pubsub().sync().subscribe(ShopOwnership.CHANGES);
        lease = registeredLease("7");
        ownership = ownership(false);
    }

    /** Node {@code id}'s lease in the test's Redis, taken; nothing listens to what happens to it. */
    private NodeLease registeredLease(String id) {
        NodeLease lease = new NodeLease(link, id, 10_000, System::nanoTime, new NodeLease.Listener() {
            @Override
            public void registered(String token) {
            }

            @Override
            public void leaseLost(String why) {
            }

            @Override
            public void nodesLeft(Map<String, String> nodes) {
            }
        });
        lease.register();
        return lease;
    }

    private ShopOwnership ownership(boolean balanced) {
        return new ShopOwnership(link, lease, new ShopOwnership.Listener() {
            @Override
            public void acquired(String shop, long epoch, boolean takeover) {
                heard.add("acquired " + shop + " " + epoch);
            }

            @Override
            public void lost(String shop, String why) {
                heard.add("lost " + shop);
            }

            @Override
            public void moved(String shop, ShopOwnership.Owner owner) {
            }

            @Override
            public CompletableFuture<Void> handOver(String shop, String why) {
                heard.add("handOver " + shop);
                return routerStopped;
            }
        }, node -> { }, Runnable::run, balanced);
    }

    /** Another node's lease in the same Redis; node 7 learns of it at its next renewal. */
    private NodeLease otherNode(String id) {
        NodeLease other = registeredLease(id);
        lease.renew();
        return other;
    }

    private String ownerInRedis(String shop) {
        String value = redis.value("HGET kefu:owners " + shop);
        return value == null ? null : value.substring(0, value.indexOf(' '));
    }

    @AfterEach
    void tearDown() {
        listening.close();
        link.close();
        redis.close();
    }

    @Test
    void aShopClaimedOnceIsServedHereWithoutAskingRedisAgain() {
        assertThat(ownership.ownerOf("shop-1").join()).isEqualTo(new ShopOwnership.Owner("7", 1));
        assertThat(ownership.ownerOf("shop-1").join()).isEqualTo(new ShopOwnership.Owner("7", 1));

        await().until(() -> announced.size() == 1);
        assertThat(announced).containsExactly("shop-1 7 1 -");
        assertThat(heard).containsExactly("acquired shop-1 1");
    }

    @Test
    void aShopWhoseRouterStoppedHereIsClaimedAgainAndAnnouncedSoTheOtherNodesTellItTheirStaff() {
        ownership.ownerOf("shop-1").join();
        // The node gave its lease up for a moment (a late renewal): its routers stopped; Redis still gives it the shop.
        ownership.leaseLost("test");
        assertThat(ownership.owns("shop-1")).isFalse();

        ShopOwnership.Owner again = ownership.ownerOf("shop-1").join();

        assertThat(again).isEqualTo(new ShopOwnership.Owner("7", 2));
        assertThat(ownership.owns("shop-1")).isTrue();
        assertThat(heard).containsExactly("acquired shop-1 1", "lost shop-1", "acquired shop-1 2");
        // Announced with this node as the previous owner: nobody is fenced off, every node re-tells its staff.
        await().until(() -> announced.size() == 2);
        assertThat(announced).containsExactly("shop-1 7 1 -", "shop-1 7 2 7");
        assertThat(ShopOwnership.Owner.previous("7 2 7")).isNull();
    }

    @Test
    void aBalancedNodePlacesAShopByRendezvousHashingAmongTheLiveNodesThatAreNotDraining() {
        ShopOwnership balanced = ownership(true);
        otherNode("8");
        Set<String> live = Set.of("7", "8");
        List<String> shops = IntStream.range(0, 40).mapToObj(i -> "placed-" + i).toList();

        for (String shop : shops) {
            assertThat(balanced.ownerOf(shop).join().node()).as(shop).isEqualTo(Rendezvous.pick(shop, live));
            assertThat(ownerInRedis(shop)).isEqualTo(Rendezvous.pick(shop, live));
        }
        assertThat(shops).extracting(shop -> Rendezvous.pick(shop, live)).contains("7", "8");

        // Node 8 drains: this node learns it at its next round and places nothing more there.
        link.commands().sync().sadd(ShopOwnership.DRAINING, NodeLease.bytes("8"));
        balanced.rebalance(0, 0);
        for (int i = 0; i < 20; i++) {
            assertThat(balanced.ownerOf("later-" + i).join().node()).isEqualTo("7");
        }
    }

    @Test
    void aBalancedNodeHandsANodeThatJoinedItsShareAFewShopsAtATimeOnceItHasBeenLiveALease() {
        ShopOwnership balanced = ownership(true);
        List<String> shops = IntStream.range(0, 40).mapToObj(i -> "shop-" + i).toList();
        shops.forEach(shop -> assertThat(balanced.ownerOf(shop).join().node()).isEqualTo("7"));
        otherNode("8");
        List<String> theirs = shops.stream().filter(shop -> "8".equals(Rendezvous.pick(shop, Set.of("7", "8"))))
                .toList();
        assertThat(theirs).hasSizeGreaterThan(3);

        assertThat(balanced.rebalance(100, 60_000)).as("node 8 has not been live a lease yet").isZero();
        assertThat(balanced.rebalance(3, 0)).isEqualTo(3);
        await().until(() -> balanced.ownedShops().size() == shops.size() - 3);
        int rounds = 1;
        while (balanced.rebalance(3, 0) > 0) {
            rounds++;
        }
        assertThat(rounds).isEqualTo((theirs.size() + 2) / 3);

        await().untilAsserted(() -> {
            for (String shop : shops) {
                assertThat(ownerInRedis(shop)).as(shop).isEqualTo(theirs.contains(shop) ? "8" : "7");
            }
        });
        assertThat(balanced.ownedShops()).hasSize(shops.size() - theirs.size());
        assertThat(heard).filteredOn(h -> h.startsWith("handOver "))
                .containsExactlyInAnyOrderElementsOf(theirs.stream().map(shop -> "handOver " + shop).toList());
        // Handed over in Redis under a new epoch, announced so that every node learns the new owner.
        await().untilAsserted(() -> assertThat(announced).contains(theirs.get(0) + " 8 2"));
    }

    @Test
    void whileAShopIsHandedOverThisNodeDoesNotClaimItAgainButAnswersRetry() {
        ShopOwnership balanced = ownership(true);
        String shop = IntStream.range(0, 100).mapToObj(i -> "moving-" + i)
                .filter(s -> "8".equals(Rendezvous.pick(s, Set.of("7", "8")))).findFirst().orElseThrow();
        assertThat(balanced.ownerOf(shop).join().node()).isEqualTo("7");
        otherNode("8");
        routerStopped = new CompletableFuture<>(); // the router's last write is still under way

        assertThat(balanced.rebalance(10, 0)).isEqualTo(1);
        assertThat(balanced.ownerOf(shop)).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(io.kefu.server.base.KefuException.class)
                .withMessageContaining("is moving to another node");
        assertThat(ownerInRedis(shop)).isEqualTo("7");

        routerStopped.complete(null);
        await().untilAsserted(() -> assertThat(ownerInRedis(shop)).isEqualTo("8"));
        await().untilAsserted(() -> assertThat(balanced.ownerOf(shop).join())
                .isEqualTo(new ShopOwnership.Owner("8", 2)));
    }
}
