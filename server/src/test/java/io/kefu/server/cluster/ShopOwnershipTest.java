package io.kefu.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
        NodeLease lease = new NodeLease(link, "7", 10_000, System::nanoTime, new NodeLease.Listener() {
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
        ownership = new ShopOwnership(link, lease, new ShopOwnership.Listener() {
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
                return CompletableFuture.completedFuture(null);
            }
        }, node -> { }, Runnable::run);
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
}
