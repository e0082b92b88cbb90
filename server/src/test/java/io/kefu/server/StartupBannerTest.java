package io.kefu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.Role;
import io.kefu.server.demo.DemoInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    @Test
    void eachDemoLoginShowsTheGroupsItAnswersFor() {
        DemoInfo demo = new DemoInfo("s1", "Demo Shop", List.of(
                new DemoInfo.Group("g1", "售前 Pre-sales", true, List.of("product", "shop")),
                new DemoInfo.Group("g2", "售后 After-sales", false, List.of("order", "aftersale"))), List.of(
                new DemoInfo.Login("a1", "supervisor", "kefu-demo", "王主管 Wang", Role.SUPERVISOR,
                        List.of("g1", "g2"), List.of("售前 Pre-sales", "售后 After-sales")),
                new DemoInfo.Login("a2", "agent1", "kefu-demo", "小李 Li", Role.AGENT,
                        List.of("g1"), List.of("售前 Pre-sales")),
                new DemoInfo.Login("a3", "loner", "kefu-demo", "Loner", Role.AGENT, List.of(), List.of())));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StartupBanner.printDemo(demo, "localhost:8080", "token-xyz", new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).contains(
                "    login    supervisor / kefu-demo  (supervisor, 王主管 Wang, id a1)  groups 售前 Pre-sales, 售后 After-sales",
                "    login    agent1 / kefu-demo  (agent, 小李 Li, id a2)  groups 售前 Pre-sales",
                "    login    loner / kefu-demo  (agent, Loner, id a3)  groups (none)",
                "    group    售前 Pre-sales  id g1  (default)  entries [product, shop]",
                "    token-xyz");
    }
}
