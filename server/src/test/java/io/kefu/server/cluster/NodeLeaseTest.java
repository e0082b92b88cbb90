package io.kefu.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's lease against a real Redis (started by the test), on a clock the test moves. */
class NodeLeaseTest {
    private static final long LEASE_MS = 10_000;

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private TestRedis redis;
    private RedisLink link;

    private final NodeLease.Listener listener = new NodeLease.Listener() {
        @Override
        public void registered(String token) {
            heard.add("registered " + token);
        }

        @Override
        public void leaseLost(String why) {
            heard.add("lost");
        }

        @Override
        public void nodesLeft(Map<String, String> nodes) {
            heard.add("left " + nodes.keySet());
        }
    };

    @BeforeEach
    void setUp() {
        redis = TestRedis.start();
        link = RedisLink.connect(redis.url(), Duration.ofSeconds(5));
        // A Redis that has held the cluster's state for long: the node serves at once instead of waiting a lease.
        link.commands().sync().set(NodeLease.GENERATION, "0".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        link.close();
        redis.close();
    }

    private void advanceMs(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void aLeaseRenewedInTimeStaysValid() {
        NodeLease lease = new NodeLease(link, "7", LEASE_MS, nanos::get, listener);
        lease.register();
        assertThat(heard).containsExactly("registered " + lease.token());

        for (int i = 0; i < 5; i++) {
            advanceMs(lease.renewEveryMs());
            lease.expireIfDue();
            lease.renew();
        }

        assertThat(lease.valid()).isTrue();
        assertThat(heard).containsExactly("registered " + lease.token());
    }

    @Test
    void aLeaseGivenUpHereWhileRedisKeptItIsFencedAgainByTheLateRenewal() {
        NodeLease lease = new NodeLease(link, "7", LEASE_MS, nanos::get, listener);
        lease.register();
        String token = lease.token();

        // The renewal is late (a machine too busy to run it in time): past ¾ of a lease the watchdog ends it here,
        // and the node stops serving and drops its fence; in Redis the lease (10 s of real time) is still alive.
        advanceMs(LEASE_MS * 3 / 4 + 1);
        lease.expireIfDue();
        assertThat(lease.valid()).isFalse();
        assertThat(heard).containsExactly("registered " + token, "lost");

        lease.renew();

        // Fenced again with the same token (nobody else took anything over), and serving at once.
        assertThat(heard).containsExactly("registered " + token, "lost", "registered " + token);
        assertThat(lease.valid()).isTrue();
        assertThat(lease.token()).isEqualTo(token);
    }

    @Test
    void aLeaseThatRedisLetExpireIsTakenAgainWithANewTokenAndServesOnlyALeaseLater() {
        NodeLease lease = new NodeLease(link, "7", LEASE_MS, nanos::get, listener);
        lease.register();
        String first = lease.token();
        link.commands().sync().del(NodeLease.NODE_KEY + "7"); // what expiry in Redis does

        lease.renew();

        assertThat(heard).hasSize(3).startsWith("registered " + first, "lost");
        assertThat(lease.token()).isNotEqualTo(first);
        assertThat(heard.get(2)).isEqualTo("registered " + lease.token());
        assertThat(lease.valid()).isFalse(); // other nodes may have served its shops until their next renewal
        advanceMs(LEASE_MS);
        lease.renew();
        assertThat(lease.valid()).isTrue();
    }
}
