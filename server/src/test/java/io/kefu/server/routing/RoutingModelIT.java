package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Open;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import io.kefu.server.TestServer;
import io.kefu.server.auth.Principal;
import io.kefu.server.routing.policy.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A randomized model test of one shop's router on a clock the test moves: many buyers and agents open,
 * write, close, transfer, change presence and shifts, drop and come back, while minutes pass. After every
 * step the router's state must keep the routing engine's promises: no agent over capacity, no chats with
 * an agent whose grace ran out, nothing waiting while a matching agent has a free slot, every open
 * conversation in exactly one place, and every queue in priority-then-arrival order.
 */
@Timeout(300)
class RoutingModelIT {
    private static final Instant START = Instant.parse("2026-12-01T02:00:00Z"); // 10:00 in Shanghai

    @RegisterExtension
    static final TestServer server = TestServer.h2WithManualTime(START, b -> b.ratePerSec(100_000).rateBurst(100_000));

    private static final String[] TEXTS = {"在吗", "这件有XL吗", "我的账号被盗了", "支付异常", "发货了吗", "hello"};
    private static final String[] ENTRIES = {Entry.PRODUCT, Entry.ORDER, Entry.SHOP, Entry.AFTERSALE};

    @Test
    void randomTrafficKeepsEveryRoutingInvariant() {
        long seed = Long.getLong("kefu.model.seed", System.nanoTime());
        Random random = new Random(seed);
        TestServer.ShopFixture shop = server.newShop();
        server.request("PUT", "/api/v1/shops/" + shop.shopId() + "/routing", TestServer.ADMIN_KEY,
                TestServer.parse("{\"graceSec\":60,\"noAnswerSec\":180,\"idleCloseSec\":900,\"stickyWaitSec\":20,"
                        + "\"queueTimeoutSec\":120}"));
        List<Principal> agents = new ArrayList<>();
        String[][] groupsOf = {{shop.preSales()}, {shop.afterSales()}, {shop.preSales(), shop.afterSales()}};
        for (int i = 0; i < 6; i++) {
            String[] groups = groupsOf[i % groupsOf.length];
            TestServer.Login login = server.agent(shop.shopId(), "m" + i, "agent", 1 + i % 3, groups);
            agents.add(Principal.staff(login.id(), Role.AGENT, shop.shopId(), "m" + i));
        }
        ShopRouter router = server.server().services().routers().forShop(shop.shopId());
        Map<String, Integer> connections = new HashMap<>();
        List<Principal> buyers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            buyers.add(Principal.buyer("mb-" + seed + "-" + i, "buyer " + i));
        }

        for (int step = 0; step < 1_500; step++) {
            String did = step(random, router, shop, agents, buyers, connections);
            List<String> broken = join(router.inspect(RoutingModelIT::violations));
            assertThat(broken).as("seed %d, step %d after %s", seed, step, did).isEmpty();
        }
    }

    private static String step(Random random, ShopRouter router, TestServer.ShopFixture shop, List<Principal> agents,
                               List<Principal> buyers, Map<String, Integer> connections) {
        int op = random.nextInt(100);
        Principal agent = agents.get(random.nextInt(agents.size()));
        Principal buyer = buyers.get(random.nextInt(buyers.size()));
        if (op < 18) {
            String text = random.nextInt(3) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)];
            attempt(router.open(buyer, new Open(null, shop.shopId(),
                    new Entry(ENTRIES[random.nextInt(ENTRIES.length)], "r"), text)));
            return "open by " + buyer.userId();
        }
        String conv = join(router.inspect((s, a) -> {
            List<ConversationState> open = new ArrayList<>(s.openConversations());
            return open.isEmpty() ? null : open.get(random.nextInt(open.size())).id();
        }));
        if (op < 30 && conv != null) {
            String agentId = join(router.inspect((s, a) -> s.conversation(conv) == null ? null
                    : s.conversation(conv).agentId()));
            Principal who = agentId != null && random.nextBoolean()
                    ? agents.stream().filter(p -> p.userId().equals(agentId)).findFirst().orElse(buyer)
                    : ownerOf(router, conv, buyers);
            if (who != null) {
                attempt(router.send(who, conv, "c" + random.nextLong(), "text", Body.text(TEXTS[random.nextInt(TEXTS.length)])));
            }
            return "send in " + conv;
        }
        if (op < 38 && conv != null) {
            Principal owner = ownerOf(router, conv, buyers);
            attempt(router.close(random.nextBoolean() || owner == null ? supervisor(shop) : owner, conv, "done"));
            return "close " + conv;
        }
        if (op < 46 && conv != null) {
            if (random.nextBoolean()) {
                attempt(router.transfer(supervisor(shop), conv, agents.get(random.nextInt(agents.size())).userId(), null, "n"));
            } else {
                attempt(router.transfer(supervisor(shop), conv, null,
                        random.nextBoolean() ? shop.preSales() : shop.afterSales(), "n"));
            }
            return "transfer " + conv;
        }
        if (op < 50 && conv != null) {
            if (connections.getOrDefault(agent.userId(), 0) > 0) { // a pick comes over the agent's connection
                attempt(router.pick(agent, conv));
            }
            return "pick " + conv + " by " + agent.userId();
        }
        if (op < 62) {
            AgentStatus value = AgentStatus.values()[random.nextInt(AgentStatus.values().length)];
            if (connections.getOrDefault(agent.userId(), 0) > 0) {
                attempt(router.status(agent, value));
            }
            return "status " + value + " of " + agent.userId();
        }
        if (op < 74) {
            int now = connections.getOrDefault(agent.userId(), 0);
            if (now == 0 || random.nextInt(3) > 0 && now < 2) {
                router.agentConnected(agent);
                connections.put(agent.userId(), now + 1);
                return "connect " + agent.userId();
            }
            router.agentDisconnected(agent);
            connections.put(agent.userId(), now - 1);
            return "disconnect " + agent.userId();
        }
        if (op < 78) {
            String shifts = random.nextBoolean() ? "[]"
                    : "[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],\"from\":\""
                    + String.format("%02d:00", random.nextInt(24)) + "\",\"to\":\""
                    + String.format("%02d:00", random.nextInt(24)) + "\"}]";
            server.request("PATCH", "/api/v1/shops/" + shop.shopId() + "/agents/" + agent.userId(),
                    TestServer.ADMIN_KEY, TestServer.parse("{\"shifts\":" + shifts + "}"));
            join(router.inspect((s, a) -> null)); // the refresh runs before this
            return "shifts of " + agent.userId() + " " + shifts;
        }
        Duration d = Duration.ofSeconds(random.nextInt(random.nextInt(10) == 0 ? 3_600 : 120));
        server.advance(d);
        join(router.inspect((s, a) -> null)); // let the due deadlines run
        return "advance " + d;
    }

    private static Principal supervisor(TestServer.ShopFixture shop) {
        return Principal.staff(shop.supervisor().id(), Role.SUPERVISOR, shop.shopId(), "boss");
    }

    private static Principal ownerOf(ShopRouter router, String conv, List<Principal> buyers) {
        String buyerId = join(router.inspect((s, a) -> s.conversation(conv) == null ? null
                : s.conversation(conv).record.buyerId()));
        return buyers.stream().filter(b -> b.userId().equals(buyerId)).findFirst().orElse(null);
    }

    /** The promises of the routing engine, checked on the lane. */
    static List<String> violations(ShopState s, Assignments a) {
        List<String> broken = new ArrayList<>();
        long now = a.clock().millis();
        Map<String, String> placeOf = new HashMap<>();
        for (GroupQueue q : s.groups()) {
            int lastRank = -1;
            for (String convId : q.waiting()) {
                ConversationState c = s.conversation(convId);
                if (c == null || c.state() != ConvState.QUEUED) {
                    broken.add(convId + " waits in " + q.id() + " but is " + (c == null ? "not open" : c.state()));
                    continue;
                }
                if (placeOf.put(convId, "queue " + q.id()) != null) {
                    broken.add(convId + " waits in two places");
                }
                int rank = Priority.fromWire(c.record.priority()).rank();
                if (rank < lastRank) {
                    broken.add(q.id() + " serves " + convId + " (" + c.record.priority() + ") after a lower priority");
                }
                lastRank = Math.max(lastRank, rank);
            }
        }
        for (AgentState ag : s.agents()) {
            if (ag.active.size() > ag.record.maxConcurrent()) {
                broken.add(ag.id() + " holds " + ag.active.size() + " of " + ag.record.maxConcurrent());
            }
            if (!ag.active.isEmpty() && ag.connections == 0 && ag.disconnectedAt > 0
                    && now >= ag.disconnectedAt + s.settings().graceSec() * 1000L + 1_000) {
                broken.add(ag.id() + " holds chats though their grace period ran out");
            }
            for (String convId : ag.active) {
                ConversationState c = s.conversation(convId);
                if (c == null || c.state() != ConvState.ASSIGNED || !ag.id().equals(c.agentId())) {
                    broken.add(ag.id() + " holds " + convId + " which is not assigned to them");
                } else if (placeOf.put(convId, "agent " + ag.id()) != null) {
                    broken.add(convId + " is with an agent and waits too");
                }
            }
        }
        for (ConversationState c : s.openConversations()) {
            if (!placeOf.containsKey(c.id()) && c.stickyAgent == null) {
                broken.add(c.id() + " (" + c.state() + ") is nowhere");
            }
        }
        for (GroupQueue q : s.groups()) {
            if (q.isEmpty() || q.manual() || !a.open()) {
                continue;
            }
            ConversationState head = s.conversation(q.peek());
            for (AgentState ag : s.agents()) {
                boolean member = ag.inGroup(q.id()) || head.overflowed && ag.inGroup(q.group().overflowTo());
                if (member && ag.canTakeMore() && a.onShift(ag) && !ag.id().equals(head.avoidAgent)) {
                    broken.add(head.id() + " waits in " + q.id() + " while " + ag.id() + " has a free slot");
                }
            }
        }
        return broken;
    }

    /** Runs a router command; refusals (not found, invalid state...) are part of random traffic. */
    private static void attempt(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof KefuException)) {
                throw new AssertionError("a router command failed unexpectedly", e.getCause());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
