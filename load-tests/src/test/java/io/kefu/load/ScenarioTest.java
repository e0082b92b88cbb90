package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static Scenario relay(String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--target";
        args[1] = "relay";
        System.arraycopy(more, 0, args, 2, more.length);
        return LoadRunner.parse(args);
    }

    @Test
    void defaultsDescribeASmallKefuRun() {
        Scenario s = LoadRunner.parse("--admin-key", "k");

        assertThat(s.targets()).containsExactly(Scenario.Target.KEFU);
        assertThat(s.conversations()).as("one per buyer").isEqualTo(s.buyers());
        assertThat(s.rates()).containsExactly(100.0);
        assertThat(s.schedule()).isEqualTo(SendSchedule.Kind.POISSON);
        assertThat(s.encoding()).isEqualTo(Scenario.Encoding.JSON);
        assertThat(s.report().toString()).isEqualTo("kefu-load-" + s.runId() + ".json");
    }

    @Test
    void optionsAreCaseInsensitiveAndListsSplitOnCommas() {
        Scenario s = LoadRunner.parse("--admin-key", "k", "--target", "kefu,RELAY", "--rate", "100,200.5",
                "--schedule", "FIXED", "--encoding", "bin", "--sources", "127.0.0.2,127.0.0.3");

        assertThat(s.targets()).containsExactly(Scenario.Target.KEFU, Scenario.Target.RELAY);
        assertThat(s.rates()).containsExactly(100.0, 200.5);
        assertThat(s.schedule()).isEqualTo(SendSchedule.Kind.FIXED);
        assertThat(s.encoding()).isEqualTo(Scenario.Encoding.BIN);
        assertThat(s.sources()).containsExactly("127.0.0.2", "127.0.0.3");
    }

    @Test
    void everyConversationIsAnOwnBuyerAndShopPair() {
        Scenario s = relay("--shops", "3", "--buyers", "5", "--conversations", "15", "--agents-per-shop", "5");
        Set<String> pairs = new HashSet<>();
        int[] perShop = new int[3];

        for (int i = 0; i < s.conversations(); i++) {
            assertThat(pairs.add(s.buyerOf(i) + "/" + s.shopOf(i))).as("conversation " + i).isTrue();
            perShop[s.shopOf(i)]++;
        }
        assertThat(perShop).containsExactly(5, 5, 5);
    }

    @Test
    void theRelayPairsConversationsWithAgentsOfTheirShop() {
        Scenario s = relay("--shops", "2", "--agents-per-shop", "3", "--buyers", "12");

        for (int i = 0; i < 12; i++) {
            assertThat(s.relayAgentOf(i) / 3).isEqualTo(s.shopOf(i));
        }
    }

    @Test
    void slowAgentsAreThePercentageAskedForSpreadEvenly() {
        Scenario s = relay("--shops", "10", "--agents-per-shop", "10", "--buyers", "100", "--slow-agents", "5");

        List<Integer> slow = java.util.stream.IntStream.range(0, s.agents()).filter(s::isSlowAgent).boxed().toList();

        assertThat(s.slowAgentCount()).isEqualTo(5);
        assertThat(slow).hasSize(5);
        assertThat(slow.get(1) - slow.get(0)).isEqualTo(20);
    }

    @Test
    void idleBuyersAreThoseWithoutAConversation() {
        Scenario s = relay("--buyers", "10", "--conversations", "4", "--churn-rate", "5");

        assertThat(s.idleBuyers()).isEqualTo(6);
        assertThat(s.isIdleBuyer(3)).isFalse();
        assertThat(s.isIdleBuyer(4)).isTrue();
        assertThat(s.connections()).isEqualTo(10 + 10);
    }

    @Test
    void badOptionsAreNamedInTheMessage() {
        assertThatThrownBy(() -> relay("--conversations", "300", "--buyers", "100"))
                .hasMessageStartingWith("--conversations:");
        assertThatThrownBy(() -> relay("--agents-per-shop", "1", "--max-concurrent", "2", "--buyers", "5"))
                .hasMessageStartingWith("--max-concurrent:").hasMessageContaining("5 conversations");
        assertThatThrownBy(() -> relay("--rate", "10", "--conversations", "0")).hasMessageStartingWith("--rate:");
        assertThatThrownBy(() -> relay("--churn-rate", "10")).hasMessageStartingWith("--churn-rate:");
        assertThatThrownBy(() -> relay("--slow-step", "2")).hasMessageStartingWith("--slow-step:");
        assertThatThrownBy(() -> relay("--run-id", "a b")).hasMessageStartingWith("--run-id:");
        assertThatThrownBy(() -> LoadRunner.parse("--target", "kefu", "--admin-key", ""))
                .hasMessageStartingWith("--admin-key:");
        assertThatThrownBy(() -> relay("--server", "https://kefu.example")).hasMessageStartingWith("--server:");
        assertThatThrownBy(() -> relay("--relay", "http://x:9090/relay")).hasMessageStartingWith("--relay:");
    }

    @Test
    void theBusiestConnectionIsTheAgentWithTheMostConversations() {
        // 1,000 msg/s over 100 conversations: 5/s per side; 10 agents hold 10 conversations each
        Scenario s = relay("--buyers", "100", "--agents-per-shop", "10", "--rate", "500,1000");

        assertThat(s.busiestConnectionRate()).isEqualTo(50.0);
        assertThat(relay("--buyers", "100", "--conversations", "0", "--rate", "0", "--ping", "4")
                .busiestConnectionRate()).isEqualTo(0.25);
    }

    @Test
    void theAdminKeyStaysOutOfReportsAndLogs() {
        Scenario s = LoadRunner.parse("--admin-key", "very-secret-admin-key");

        assertThat(s.redacted().adminKey()).isEqualTo("(redacted)");
        assertThat(s.redacted().buyers()).isEqualTo(s.buyers());
        assertThat(s.toString()).doesNotContain("very-secret-admin-key");
    }

    @Test
    void idleConnectionsNeedNoConversations() {
        Scenario s = relay("--buyers", "1000", "--conversations", "0", "--rate", "0");

        assertThat(s.conversations()).isZero();
        assertThat(s.plan(0).senders()).isZero();
    }
}
