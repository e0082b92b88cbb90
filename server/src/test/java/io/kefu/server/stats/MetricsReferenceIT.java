package io.kefu.server.stats;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.client.Encoding;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ConvClosed;
import io.kefu.protocol.Msg;
import io.kefu.server.RawWs;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeps {@code docs/metrics.md} and {@code docs/grafana-dashboard.json} true to the server: after a little
 * traffic of every kind, every metric the dashboard queries must be in a real scrape, and every
 * {@code kefu_} metric in the scrape must be in the reference.
 */
@Timeout(60)
class MetricsReferenceIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static final Path DOCS = docsDir();

    @BeforeAll
    static void someTrafficOfEveryKind() {
        ShopFixture shop = server.newShop();
        server.request("POST", "/api/v1/auth/agent", null,
                TestServer.obj().put("shopId", shop.shopId()).put("username", "agent1").put("password", "wrong"));
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent agent = clients.agent(shop.agent1(), true);
            Buyer buyer = clients.buyer("buyer-reference");
            String conv = join(buyer.session().open(shop.shopId(), null, "在吗？")).conv();
            agent.pushes().await(ConvAssigned.class);
            join(agent.session().sendText(conv, "在的"));
            buyer.pushes().await(Msg.class, m -> m.body().text().equals("在的"));
            join(agent.session().close(conv, "resolved"));
            buyer.pushes().await(ConvClosed.class);
            join(buyer.session().rate(conv, 5, null));
        }
        try (RawWs ws = RawWs.connect(server.wsUri(), "kefu.v1.json")) {
            ws.send("{\"t\":\"ping\"}"); // before hello: the server closes with 4401
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
        System.gc(); // so that the JVM's GC pause meters exist
    }

    @Test
    void everyMetricTheDashboardQueriesIsInAScrape() throws IOException {
        JsonNode dashboard = TestServer.parse(Files.readString(DOCS.resolve("grafana-dashboard.json")));
        Set<String> queried = new TreeSet<>();
        for (String expr : queries(dashboard)) {
            queried.addAll(PromQlNames.of(expr));
        }
        assertThat(queried).contains("kefu_queue_wait_seconds_bucket", "kefu_http_requests_seconds_count",
                "kefu_auth_logins_total", "jvm_memory_used_bytes").hasSizeGreaterThan(25);

        await().untilAsserted(() -> assertThat(MetricsIT.scrape(server).sampleNames()).containsAll(queried));
    }

    @Test
    void everyMetricTheReferenceQueriesIsInAScrape() throws IOException {
        Set<String> queried = new TreeSet<>();
        Matcher block = Pattern.compile("(?s)```promql\\n(.*?)```").matcher(Files.readString(DOCS.resolve("metrics.md")));
        while (block.find()) {
            for (String line : block.group(1).split("\n")) {
                if (!line.strip().startsWith("#")) {
                    queried.addAll(PromQlNames.of(line));
                }
            }
        }
        assertThat(queried).contains("kefu_queue_wait_seconds_bucket", "kefu_ratings_total");

        await().untilAsserted(() -> assertThat(MetricsIT.scrape(server).sampleNames()).containsAll(queried));
    }

    @Test
    void everyKefuMetricInAScrapeIsInTheReference() throws IOException {
        String reference = Files.readString(DOCS.resolve("metrics.md"));
        Set<String> families = new TreeSet<>();
        MetricsIT.scrape(server).families().keySet().stream().filter(f -> f.startsWith("kefu_")).forEach(families::add);
        assertThat(families).contains("kefu_conversations_open", "kefu_push_sent_total", "kefu_gateway_closes_total");

        List<String> missing = new ArrayList<>();
        for (String family : families) {
            if (!Pattern.compile("(?<![a-z0-9_])" + family + "(?![a-z0-9_])").matcher(reference).find()) {
                missing.add(family);
            }
        }
        assertThat(missing).as("kefu metrics in the scrape but not in docs/metrics.md").isEmpty();
    }

    @Test
    void theDashboardAsksForAPrometheusDataSourceAndEveryPanelUsesIt() throws IOException {
        JsonNode dashboard = TestServer.parse(Files.readString(DOCS.resolve("grafana-dashboard.json")));
        JsonNode datasource = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("datasource")) {
                datasource = variable;
            }
        }
        assertThat(datasource).isNotNull();
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        String uid = "${" + datasource.path("name").asText() + "}";

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s unique", panel.path("id")).isTrue();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(uid);
                assertThat(panel.path("targets")).isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        }
    }

    /** The PromQL of every panel target and of the templating variables. */
    private static List<String> queries(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            panel.path("panels").forEach(inner -> inner.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                exprs.add(variable.path("definition").asText());
            }
        }
        return exprs;
    }

    /** The repository's {@code docs/}: tests run in the module directory, one below the root. */
    private static Path docsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/metrics.md"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/metrics.md not found above " + Path.of("").toAbsolutePath());
    }
}
