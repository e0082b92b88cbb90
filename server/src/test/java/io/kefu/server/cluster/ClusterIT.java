package io.kefu.server.cluster;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.Msg;
import io.kefu.server.StartupException;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.config.KefuConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three Kefu nodes on one PostgreSQL database and one Redis server (started by the test): chat across nodes in both
 * encodings, a shop taken over when its owner stops, and the bad starts refused (a node id in use, no Redis).
 */
@Timeout(120)
class ClusterIT {
    private static final long LEASE_MS = 1_500;
    private static TestRedis redis;
    private static String dbUrl;
    private static final List<TestServer> nodes = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        redis = TestRedis.start();
        try (io.kefu.server.store.Database db = io.kefu.server.store.TestDatabases.postgres()) {
            dbUrl = ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
        }
        for (int i = 1; i <= 3; i++) {
            TestServer node = TestServer.postgresAt(dbUrl, clustered(i));
            node.start();
            nodes.add(node);
        }
    }

    @AfterAll
    static void stopCluster() {
        nodes.forEach(TestServer::stop);
        if (redis != null) {
            redis.close();
        }
        List<String> blocked = io.kefu.server.BlockingGuard.violations();
        assertThat(blocked).as("blocking calls on event loops or router lanes").isEmpty();
    }

    /** A node that keeps each shop where it was first used (no balancing), so that a test knows the owner. */
    static UnaryOperator<KefuConfigBuilder> clustered(int nodeId) {
        return b -> b.cluster(KefuConfig.CLUSTER_REDIS).redisUrl(redis.url()).set("nodeId", nodeId)
                .set("leaseMs", (int) LEASE_MS).set("busTimeoutMs", 5_000).set("rebalanceShops", 0);
    }

    /** A node that balances: it places shops by rendezvous hashing and hands them to nodes that join. */
    static UnaryOperator<KefuConfigBuilder> balanced(int nodeId) {
        return b -> clustered(nodeId).apply(b).set("rebalanceShops", 100);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aBuyerOnOneNodeChatsWithAnAgentOnAnother(Encoding encoding) {
        TestServer one = nodes.get(0);
        TestServer two = nodes.get(1);
        TestServer three = nodes.get(2);
        ShopFixture shop = one.newShop();
        try (TestClients onOne = new TestClients(one, encoding); TestClients onTwo = new TestClients(two, encoding);
             TestClients onThree = new TestClients(three, encoding)) {
            // The supervisor's hello on node 1 makes node 1 the shop's owner; the agent and the buyer are elsewhere.
            onOne.agent(shop.supervisor(), false);
            Agent agent = onTwo.agent(shop.agent1(), true);
            Buyer buyer = onThree.buyer("cluster-buyer-" + encoding);

            String conv = join(buyer.session().open(shop.shopId(), null, "在吗？")).conv();
            ConvAssigned assigned = agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            assertThat(assigned.agent().id()).isEqualTo(shop.agent1().id());
            agent.pushes().await(Msg.class, m -> m.conv().equals(conv) && "在吗？".equals(m.body().text()));

            long seq = join(agent.session().sendText(conv, "有的，亲")).seq();
            Msg reply = buyer.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.seq() == seq);
            assertThat(reply.body().text()).isEqualTo("有的，亲");

            join(buyer.session().sendText(conv, "XL 有货吗"));
            agent.pushes().await(Msg.class, m -> m.conv().equals(conv) && "XL 有货吗".equals(m.body().text()));
            assertThat(owner(shop.shopId())).isEqualTo("1");
        }
    }

    @Test
    void theHttpApiOfANodeThatDoesNotOwnTheShopReachesItsRouter() {
        TestServer one = nodes.get(0);
        TestServer two = nodes.get(1);
        TestServer three = nodes.get(2);
        ShopFixture shop = one.newShop();
        try (TestClients onOne = new TestClients(one, Encoding.JSON); TestClients onTwo = new TestClients(two, Encoding.JSON)) {
            onOne.agent(shop.supervisor(), false); // node 1 owns the shop
            Agent agent = onTwo.agent(shop.agent1(), true);
            assertThat(owner(shop.shopId())).isEqualTo("1");

            // A change made through node 3 reaches the router on node 1: the new agent is in the queue view.
            TestServer.Login added = three.agent(shop.shopId(), "added-on-three", "agent", 3, shop.preSales());
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var queue = TestServer.parse(three.request("GET", "/api/v1/shops/" + shop.shopId() + "/queue",
                        shop.supervisor().token(), null).body());
                assertThat(queue.path("groups").findValuesAsText("id")).contains(added.id(), shop.agent1().id());
            });
            var live = three.request("GET", "/api/v1/shops/" + shop.shopId() + "/live", shop.supervisor().token(), null);
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            assertThat(TestServer.parse(live.body()).path("agents").findValuesAsText("id")).contains(shop.agent1().id());

            // Disabled through node 3: the agent's session on node 2 is closed with 4403 and their tokens refused.
            var disabled = three.request("POST", "/api/v1/shops/" + shop.shopId() + "/agents/" + shop.agent1().id()
                    + "/disable", TestServer.ADMIN_KEY, null);
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> agent.pushes().lastCloseCode() == 4403);
            for (TestServer node : nodes) {
                TestServer.assertApiError(node.request("GET", "/api/v1/shops/" + shop.shopId() + "/scripts",
                        shop.agent1().token(), null), 403, "forbidden", "disabled");
            }
        }
    }

    @Test
    void whenItsOwnerStopsAnotherNodeTakesTheShopOverAndTheChatGoesOn() {
        TestServer first = TestServer.postgresAt(dbUrl, clustered(4));
        first.start();
        try (TestClients onFirst = new TestClients(first, Encoding.JSON);
             TestClients onTwo = new TestClients(nodes.get(1), Encoding.JSON);
             TestClients onThree = new TestClients(nodes.get(2), Encoding.BINARY);
             io.kefu.server.webhooks.Receiver receiver = new io.kefu.server.webhooks.Receiver().answer(503)) {
            ShopFixture shop = first.newShop();
            onFirst.agent(shop.supervisor(), false);
            assertThat(owner(shop.shopId())).isEqualTo("4");
            String hooks = "/api/v1/shops/" + shop.shopId() + "/webhooks";
            first.post(hooks, TestServer.ADMIN_KEY, TestServer.obj().put("url", receiver.url())
                    .put("secret", "receiver-secret-0123").set("events",
                            TestServer.obj().arrayNode().add("conversation.opened")));
            Agent agent = onTwo.agent(shop.agent1(), true);
            Buyer buyer = onThree.buyer("takeover-buyer");
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));
            // The shop's webhook fails on the owner for as long as it lives (its retries come at random within a
            // second, so it may have tried twice); the successful retry is the new owner's to make.
            Awaitility.await("the first webhook attempt").atMost(Duration.ofSeconds(10))
                    .until(() -> !receiver.calls().isEmpty());
            String delivery = receiver.calls().get(0).deliveryId();
            long last = join(buyer.session().sendText(conv, "last before the owner goes")).seq();
            // A second console of the agent, raw, on node 3: it sees the pushes as they come, repeats included.
            io.kefu.server.RawWs raw = io.kefu.server.RawWs.connect(nodes.get(2).wsUri(), "kefu.v1.json");
            raw.send("{\"t\":\"hello\",\"id\":\"h\",\"token\":\"" + shop.agent1().token() + "\"}");
            assertThat(raw.next().path("t").asText()).isEqualTo("ok");

            first.stop();
            int triedByTheOwner = (int) receiver.calls().stream().filter(c -> c.deliveryId().equals(delivery)).count();
            receiver.answer(200);
            Awaitility.await("another node owns the shop").atMost(Duration.ofSeconds(10))
                    .until(() -> !"4".equals(owner(shop.shopId())) && owner(shop.shopId()) != null);

            // Taken over from a node that is gone: the latest message of each open conversation is pushed again, in
            // case the old owner stored it and died before its push left.
            Awaitility.await("the latest message pushed again").atMost(Duration.ofSeconds(10)).until(() -> {
                com.fasterxml.jackson.databind.JsonNode f = raw.next();
                return f.path("t").asText().equals("msg") && f.path("conv").asText().equals(conv)
                        && f.path("seq").asLong() == last;
            });
            raw.close();

            // The conversation goes on where it was, with the same agent, from the store.
            long seq = join(agent.session().sendText(conv, "还在")).seq();
            buyer.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.seq() == seq);
            // The agent's presence moved with the shop: a new buyer is offered to them.
            Buyer next = onThree.buyer("takeover-next");
            String conv2 = join(next.session().open(shop.shopId(), null, "hello")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv2));
            // The pending webhook delivery was taken up by the new owner (the other nodes started before it was made).
            String webhook = TestServer.parse(nodes.get(0).request("GET", hooks, TestServer.ADMIN_KEY, null).body())
                    .path("webhooks").path(0).path("id").asText();
            Awaitility.await("the webhook retried by the new owner").atMost(Duration.ofSeconds(20)).until(() -> {
                var log = TestServer.parse(nodes.get(0).request("GET", hooks + "/" + webhook + "/deliveries",
                        TestServer.ADMIN_KEY, null).body()).path("deliveries");
                for (var d : log) {
                    if (d.path("id").asText().equals(delivery)) {
                        return "delivered".equals(d.path("state").asText());
                    }
                }
                return false;
            });
            // Tried again by the new owner (the second conversation's delivery is another one).
            assertThat(receiver.calls()).extracting(io.kefu.server.webhooks.Receiver.Call::deliveryId)
                    .filteredOn(delivery::equals).hasSizeGreaterThan(triedByTheOwner);
        } finally {
            first.stop();
        }
    }

    @Test
    void aDrainedNodeGivesItsShopsAwayWithoutDroppingAConversation() {
        TestServer drained = TestServer.postgresAt(dbUrl, clustered(5));
        drained.start();
        try (TestClients onDrained = new TestClients(drained, Encoding.BINARY);
             TestClients onTwo = new TestClients(nodes.get(1), Encoding.JSON);
             TestClients onThree = new TestClients(nodes.get(2), Encoding.JSON)) {
            ShopFixture shop = drained.newShop();
            Agent boss = onDrained.agent(shop.supervisor(), false);
            assertThat(owner(shop.shopId())).isEqualTo("5");
            Agent agent = onTwo.agent(shop.agent1(), true);
            Buyer buyer = onThree.buyer("drain-buyer");
            String conv = join(buyer.session().open(shop.shopId(), null, "hi")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            var answer = drained.request("POST", "/api/v1/admin/nodes/5/drain", TestServer.ADMIN_KEY, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(TestServer.parse(answer.body()).path("shops").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(owner(shop.shopId())).isNotEqualTo("5");
            var health = TestServer.parse(drained.request("GET", "/health", null, null).body()).path("cluster");
            assertThat(health.path("draining").asBoolean()).isTrue();
            assertThat(health.path("ownedShops").asInt()).isZero();

            // The conversation goes on; the supervisor still connected to the drained node still sees it.
            long seq = retried(() -> agent.session().sendText(conv, "换了节点")).seq();
            buyer.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.seq() == seq);
            Buyer next = onThree.buyer("drain-next");
            String conv2 = retried(() -> next.session().open(shop.shopId(), null, "hello")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv2));
            assertThat(retried(() -> boss.session().history(conv, null, 10)).messages()).isNotEmpty();
            // A new shop whose first user lands on the drained node is owned elsewhere.
            ShopFixture later = drained.newShop();
            onDrained.agent(later.supervisor(), false);
            assertThat(owner(later.shopId())).isNotNull().isNotEqualTo("5");
        } finally {
            drained.stop();
        }
    }

    /**
     * A request asked again while it is answered {@code overloaded}, as a client does: on a busy machine a node's
     * renewal of its 1.5 s lease can run late, and the node then refuses for a moment rather than risk serving
     * without one.
     */
    private static <T> T retried(java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> request) {
        java.util.concurrent.atomic.AtomicReference<T> answer = new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof io.kefu.client.KefuClientException k
                        && k.code() == io.kefu.protocol.ErrorCode.OVERLOADED)
                .until(() -> {
                    answer.set(join(request.get()));
                    return true;
                });
        return answer.get();
    }

    @Test
    void aNodeThatJoinsIsHandedItsShareOfTheShopsAndTheirChatsGoOn() {
        TestServer eight = TestServer.postgresAt(dbUrl, balanced(8));
        eight.start();
        TestServer nine = TestServer.postgresAt(dbUrl, balanced(9));
        try (TestClients onEight = new TestClients(eight, Encoding.JSON);
             TestClients onTwo = new TestClients(nodes.get(1), Encoding.JSON)) {
            // Shops that rendezvous hashing places on node 8 among nodes 1, 2, 3 and 8, two of which go to node 9
            // once it joins, and one that stays.
            java.util.Set<String> before = java.util.Set.of("1", "2", "3", "8");
            java.util.Set<String> after = java.util.Set.of("1", "2", "3", "8", "9");
            List<String> movers = new ArrayList<>();
            String stayer = null;
            for (int i = 0; i < 400 && (movers.size() < 2 || stayer == null); i++) {
                String id = eight.newBareShop();
                if (!"8".equals(Rendezvous.pick(id, before))) {
                    continue;
                }
                if ("9".equals(Rendezvous.pick(id, after))) {
                    movers.add(id);
                } else if (stayer == null) {
                    stayer = id;
                }
            }
            assertThat(movers).hasSizeGreaterThanOrEqualTo(2);
            assertThat(stayer).isNotNull();
            ShopFixture moved = eight.newShop(movers.get(0));
            onEight.agent(moved.supervisor(), false);
            Agent agent = onTwo.agent(moved.agent1(), true);
            for (String shop : List.of(movers.get(1), stayer)) {
                onEight.agent(eight.newShop(shop).supervisor(), false);
            }
            // Placed by rendezvous hashing when first used, even through another node.
            for (String shop : List.of(movers.get(0), movers.get(1), stayer)) {
                assertThat(owner(shop)).as(shop).isEqualTo("8");
            }
            Buyer buyer = onTwo.buyer("rebalance-buyer");
            String conv = join(buyer.session().open(moved.shopId(), null, "before the move")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv));

            nine.start();
            Awaitility.await("node 9 handed its shops").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(owner(movers.get(0))).isEqualTo("9");
                assertThat(owner(movers.get(1))).isEqualTo("9");
            });
            assertThat(owner(stayer)).isEqualTo("8");

            // The conversation goes on with the same agent, whose presence moved with the shop.
            long seq = join(agent.session().sendText(conv, "after the move")).seq();
            buyer.pushes().await(Msg.class, m -> m.conv().equals(conv) && m.seq() == seq);
            Buyer next = onTwo.buyer("rebalance-next");
            String conv2 = join(next.session().open(moved.shopId(), null, "hello")).conv();
            agent.pushes().await(ConvAssigned.class, a -> a.conv().equals(conv2));
            assertThat(eight.request("GET", "/metrics", null, null).body())
                    .containsPattern("kefu_cluster_shops_rebalanced_total(\\{[^}]*\\})? [2-9]");
        } finally {
            nine.stop();
            eight.stop();
        }
    }

    @Test
    void aNodeWhoseFenceWasTakenCannotWriteAnyMore() throws Exception {
        TestServer fenced = TestServer.postgresAt(dbUrl, clustered(6));
        fenced.start();
        try (TestClients onFenced = new TestClients(fenced, Encoding.JSON);
             TestClients onTwo = new TestClients(nodes.get(1), Encoding.JSON)) {
            ShopFixture shop = fenced.newShop();
            onFenced.agent(shop.supervisor(), false);
            assertThat(owner(shop.shopId())).isEqualTo("6");
            Buyer buyer = onTwo.buyer("fenced-buyer");
            String conv = join(buyer.session().open(shop.shopId(), null, "stored")).conv();

            // What a node taking over node 6's shops does first: clear its fence. Node 6 may not write any more.
            try (var c = java.sql.DriverManager.getConnection(dbUrl, "postgres", "");
                 var ps = c.prepareStatement("UPDATE cluster_nodes SET token = NULL WHERE node_id = 6")) {
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            assertThatThrownBy(() -> join(buyer.session().send(conv, "text", io.kefu.protocol.Body.text("refused"),
                    "fenced-cmid"))).isInstanceOfSatisfying(io.kefu.client.KefuClientException.class,
                            e -> assertThat(e.code()).isEqualTo(io.kefu.protocol.ErrorCode.OVERLOADED))
                    .hasMessageContaining("may not write");
            assertThat(fenced.server().services().messages().after(conv, 0, 10))
                    .extracting(m -> m.body().text()).containsExactly("stored");
        } finally {
            fenced.stop();
        }
    }

    @Test
    void healthShowsTheNodeInItsCluster() {
        var health = nodes.get(0).request("GET", "/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        var cluster = TestServer.parse(health.body()).path("cluster");
        assertThat(cluster.path("node").asText()).isEqualTo("1");
        assertThat(cluster.path("lease").asText()).isEqualTo("valid");
        assertThat(cluster.path("nodes").toString()).contains("\"1\"", "\"2\"", "\"3\"");
        var unknown = nodes.get(0).request("POST", "/api/v1/admin/nodes/77/drain", TestServer.ADMIN_KEY, null);
        TestServer.assertApiError(unknown, 404, "not_found", "77");
    }

    @Test
    void aSecondNodeWithTheSameIdIsRefused() {
        TestServer twin = TestServer.postgresAt(dbUrl, clustered(2));
        assertThatThrownBy(twin::start).isInstanceOf(StartupException.class).hasMessageContaining("KEFU_NODE_ID=2");
    }

    @Test
    void aNodeThatCannotReachRedisIsRefused() {
        TestServer lonely = TestServer.postgresAt(dbUrl, b -> clustered(9).apply(b).redisUrl("redis://127.0.0.1:1"));
        assertThatThrownBy(lonely::start).isInstanceOf(StartupException.class).hasMessageContaining("cannot reach Redis");
    }

    /** The node that owns {@code shop}, as Redis says. */
    private static String owner(String shop) {
        String value = redis.value("HGET kefu:owners " + shop);
        return value == null ? null : value.substring(0, value.indexOf(' '));
    }
}
