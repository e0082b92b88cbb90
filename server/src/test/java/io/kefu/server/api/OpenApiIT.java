package io.kefu.server.api;

import static io.kefu.server.TestClients.join;
import static io.kefu.server.TestServer.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kefu.client.Encoding;
import io.kefu.server.TestClients;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import io.kefu.server.auth.Audience;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI description at {@code GET /api/v1/openapi.json} against the real server: every {@link Endpoint} is
 * documented and nothing else is, and every documented call, made with a valid request, answers what its schema
 * says (JSON checked with a JSON Schema 2020-12 validator, CSV by its content type); errors answer the error schema.
 */
@Timeout(120)
class OpenApiIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Paths on the port that are not API endpoints but are documented too. */
    private static final Set<String> OUTSIDE_API = Set.of("GET /health", "GET /metrics");

    private static HttpResponse<String> served;
    private static JsonNode doc;
    /** The component schemas, where a response schema's {@code $ref}s point once rewritten to {@code #/$defs/}. */
    private static JsonNode defs;

    private final Set<Endpoint> called = EnumSet.noneOf(Endpoint.class);
    private final List<String> wrong = new ArrayList<>();

    @BeforeAll
    static void fetchTheDocument() throws Exception {
        served = server.request("GET", "/api/v1/openapi.json", null, null);
        doc = JSON.readTree(served.body());
        defs = JSON.readTree(served.body().replace("#/components/schemas/", "#/$defs/")).path("components")
                .path("schemas");
    }

    @Test
    void theDocumentIsPublicCacheableOpenApi31() {
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(served.headers().firstValue("Cache-Control")).hasValueSatisfying(
                c -> assertThat(c).contains("public").contains("max-age"));
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        assertThat(doc.path("jsonSchemaDialect").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> routes = new TreeSet<>();
        for (Endpoint e : Endpoint.values()) {
            routes.add(e.method().name() + " " + e.pattern());
        }
        routes.addAll(OUTSIDE_API);
        Set<String> documented = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        assertThat(documented).containsExactlyElementsOf(routes);
    }

    @Test
    void everyOperationNamesItsPathParametersAndHasAnErrorAnswer() {
        for (Endpoint e : Endpoint.values()) {
            JsonNode op = operation(e.method().name(), e.pattern());
            Set<String> declared = new TreeSet<>();
            op.path("parameters").forEach(p -> {
                JsonNode param = resolve(p);
                if (param.path("in").asText().equals("path")) {
                    declared.add(param.path("name").asText());
                }
            });
            Set<String> inPattern = new TreeSet<>();
            e.segments().stream().filter(s -> s.startsWith("{"))
                    .forEach(s -> inPattern.add(s.substring(1, s.length() - 1)));
            assertThat(declared).as(e + " path parameters").isEqualTo(inPattern);
            assertThat(op.path("responses").has("200")).as(e + " 200").isTrue();
            assertThat(op.path("responses").has("default")).as(e + " default (the error)").isTrue();
            // Only the calls for anyone say no credential; the rest inherit the document's bearer.
            assertThat(op.has("security")).as(e + " security").isEqualTo(e.permission().audience() == Audience.ANYONE);
        }
    }

    @Test
    void everyDocumentedCallAnswersWhatItsSchemaSays() {
        ShopFixture shop = server.newShop();
        String s = "/api/v1/shops/" + shop.shopId();
        String boss = shop.supervisor().token();
        String agent = shop.agent1().token();

        call(Endpoint.OPENAPI, "/api/v1/openapi.json", null, null, 200);
        call(Endpoint.CREATE_SHOP, "/api/v1/shops", ADMIN_KEY, obj().put("name", "openapi-" + UUID.randomUUID()), 200);
        String group = call(Endpoint.CREATE_GROUP, s + "/groups", ADMIN_KEY, obj().put("name", "vip"), 200)
                .path("id").asText();
        call(Endpoint.LIST_GROUPS, s + "/groups", agent, null, 200);
        call(Endpoint.PATCH_GROUP, s + "/groups/" + group, boss, obj().put("name", "vip buyers"), 200);
        ObjectNode newAgent = obj().put("username", "pw").put("password", "password-pw").put("name", "Pw")
                .put("maxConcurrent", 3).put("role", "agent");
        newAgent.putArray("groups").add(group);
        String pw = call(Endpoint.CREATE_AGENT, s + "/agents", ADMIN_KEY, newAgent, 200).path("id").asText();
        call(Endpoint.LIST_AGENTS, s + "/agents", agent, null, 200);
        call(Endpoint.PATCH_AGENT, s + "/agents/" + pw, boss, obj().put("name", "Pw Two"), 200);
        call(Endpoint.DISABLE_AGENT, s + "/agents/" + pw + "/disable", ADMIN_KEY, null, 200);
        call(Endpoint.ENABLE_AGENT, s + "/agents/" + pw + "/enable", ADMIN_KEY, null, 200);
        call(Endpoint.RESET_PASSWORD, s + "/agents/" + pw + "/password", ADMIN_KEY,
                obj().put("password", "password-pw"), 200);
        String pwToken = call(Endpoint.AGENT_LOGIN, "/api/v1/auth/agent", null, obj().put("shopId", shop.shopId())
                .put("username", "pw").put("password", "password-pw"), 200).path("token").asText();
        call(Endpoint.CHANGE_PASSWORD, "/api/v1/auth/password", pwToken,
                obj().put("old", "password-pw").put("new", "a-longer-password"), 200);
        String buyerId = "openapi-buyer-" + UUID.randomUUID();
        String buyer = call(Endpoint.BUYER_TOKEN, "/api/v1/auth/buyer", ADMIN_KEY,
                obj().put("buyerId", buyerId).put("name", "Buyer"), 200).path("token").asText();

        call(Endpoint.GET_ROUTING, s + "/routing", agent, null, 200);
        call(Endpoint.PUT_ROUTING, s + "/routing", boss, obj().put("graceSec", 90), 200);
        ObjectNode tags = obj().put("note", "likes tea");
        tags.putArray("tags").add("vip");
        call(Endpoint.PUT_BUYER, s + "/buyers/" + buyerId, agent, tags, 200);
        call(Endpoint.GET_BUYER, s + "/buyers/" + buyerId, agent, null, 200);

        String conv;
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            conv = join(clients.buyer(buyerId).session().open(shop.shopId(), null, "where is my parcel")).conv();
            call(Endpoint.QUEUE, s + "/queue", boss, null, 200);
            call(Endpoint.LIVE, s + "/live", boss, null, 200);
            call(Endpoint.MESSAGES, "/api/v1/conversations/" + conv + "/messages?afterSeq=0&limit=10", buyer, null, 200);
        }
        call(Endpoint.STATS, s + "/stats?by=agent", boss, null, 200);
        callFile(Endpoint.STATS, s + "/stats?by=day&format=csv", boss);

        ObjectNode script = obj().put("scope", "shop").put("category", "greetings").put("title", "Hello")
                .put("shortcut", "hi").put("body", "您好，请问有什么可以帮您？");
        String scriptId = call(Endpoint.CREATE_SCRIPT, s + "/scripts", boss, script, 200).path("id").asText();
        call(Endpoint.SEARCH_SCRIPTS, s + "/scripts?q=hi&limit=5", agent, null, 200);
        call(Endpoint.UPDATE_SCRIPT, s + "/scripts/" + scriptId, boss, obj().put("title", "Hello there"), 200);
        call(Endpoint.SCRIPT_CATEGORIES, s + "/scripts/categories", agent, null, 200);
        call(Endpoint.RENAME_SCRIPT_CATEGORY, s + "/scripts/categories/rename", boss,
                obj().put("from", "greetings").put("to", "openers"), 200);
        JsonNode exported = call(Endpoint.EXPORT_SCRIPTS, s + "/scripts/export?format=json", boss, null, 200);
        callFile(Endpoint.EXPORT_SCRIPTS, s + "/scripts/export?format=csv", boss);
        call(Endpoint.IMPORT_SCRIPTS, s + "/scripts/import?format=json", boss, exported, 200);
        call(Endpoint.DELETE_SCRIPT, s + "/scripts/" + scriptId, boss, null, 200);

        call(Endpoint.GET_BOT, s + "/bot", agent, null, 200);
        call(Endpoint.PUT_BOT, s + "/bot", boss, obj().put("greeting", "您好"), 200);
        ObjectNode faq = obj().put("question", "发什么快递？").put("answer", "默认顺丰。");
        faq.putArray("keywords").add("快递");
        String faqId = call(Endpoint.CREATE_FAQ, s + "/faqs", boss, faq, 200).path("id").asText();
        call(Endpoint.LIST_FAQS, s + "/faqs", agent, null, 200);
        call(Endpoint.UPDATE_FAQ, s + "/faqs/" + faqId, boss, faq.put("answer", "默认中通。"), 200);
        call(Endpoint.DELETE_FAQ, s + "/faqs/" + faqId, boss, null, 200);

        ObjectNode rule = obj().put("name", "no fakes " + UUID.randomUUID()).put("type", "phrase").put("pattern", "假货");
        String ruleId = call(Endpoint.CREATE_RULE, "/api/v1/rules", ADMIN_KEY, rule, 200).path("id").asText();
        call(Endpoint.LIST_RULES, "/api/v1/rules", ADMIN_KEY, null, 200);
        call(Endpoint.DELETE_RULE, "/api/v1/rules/" + ruleId, ADMIN_KEY, null, 200);
        String shopRule = call(Endpoint.CREATE_SHOP_RULE, s + "/rules", boss, rule.put("action", "warn"), 200)
                .path("id").asText();
        call(Endpoint.LIST_SHOP_RULES, s + "/rules", boss, null, 200);
        call(Endpoint.DELETE_SHOP_RULE, s + "/rules/" + shopRule, boss, null, 200);
        call(Endpoint.AUDIT, s + "/audit?limit=50", ADMIN_KEY, null, 200);

        call(Endpoint.PUT_ORDER, s + "/orders/OA-1", ADMIN_KEY, order(buyerId, "paid"), 200);
        call(Endpoint.PUT_ORDER, s + "/orders/OA-2", ADMIN_KEY, order(buyerId, "delivered"), 200);
        call(Endpoint.LIST_ORDERS, s + "/orders?buyerId=" + buyerId + "&limit=10", agent, null, 200);
        call(Endpoint.GET_ORDER, s + "/orders/OA-2", buyer, null, 200);
        call(Endpoint.ORDER_ADDRESS, s + "/orders/OA-1/address", agent, obj().set("address", address()), 200);
        call(Endpoint.ORDER_CANCEL, s + "/orders/OA-1/cancel", agent, obj().put("reason", "buyer asked"), 200);
        call(Endpoint.GET_ORDER_SOURCE, s + "/order-source", ADMIN_KEY, null, 200);
        call(Endpoint.PUT_ORDER_SOURCE, s + "/order-source", ADMIN_KEY, obj().put("type", "builtin"), 200);

        ObjectNode ticket = obj().put("orderNo", "OA-2").put("type", "return").put("reason", "尺码不合适")
                .put("amount", 9_000).put("conv", conv);
        ticket.putArray("evidence").add("https://img.example.com/e/1.jpg");
        String ticketId = call(Endpoint.CREATE_AFTERSALE, s + "/aftersales", buyer, ticket, 200).path("id").asText();
        call(Endpoint.LIST_AFTERSALES, s + "/aftersales?state=requested&limit=5", agent, null, 200);
        call(Endpoint.AFTERSALE_ACTION, s + "/aftersales/" + ticketId + "/approve", agent,
                obj().put("note", "请寄回"), 200);
        call(Endpoint.GET_AFTERSALE, s + "/aftersales/" + ticketId, buyer, null, 200);

        ObjectNode hook = obj().put("url", "https://shop.example/kefu").put("secret", "receiver-secret-0123");
        hook.putArray("events").add("message.created").add("aftersale.updated");
        String hookId = call(Endpoint.CREATE_WEBHOOK, s + "/webhooks", ADMIN_KEY, hook, 200).path("id").asText();
        call(Endpoint.LIST_WEBHOOKS, s + "/webhooks", ADMIN_KEY, null, 200);
        call(Endpoint.WEBHOOK_DELIVERIES, s + "/webhooks/" + hookId + "/deliveries?limit=5", ADMIN_KEY, null, 200);
        call(Endpoint.DELETE_WEBHOOK, s + "/webhooks/" + hookId, ADMIN_KEY, null, 200);

        // Errors: each answers the error schema through the operation's default response.
        call(Endpoint.CREATE_SHOP, "/api/v1/shops", agent, obj().put("name", "nope"), 403);
        call(Endpoint.CREATE_GROUP, s + "/groups", ADMIN_KEY, obj(), 400);
        call(Endpoint.LIST_GROUPS, s + "/groups", null, null, 401);
        call(Endpoint.GET_ORDER, s + "/orders/NO-SUCH-ORDER", agent, null, 404);
        call(Endpoint.ORDER_ADDRESS, s + "/orders/OA-2/address", agent, obj().set("address", address()), 409);
        call(Endpoint.AGENT_LOGIN, "/api/v1/auth/agent", null, "not json", 400);
        call(Endpoint.DRAIN_NODE, "/api/v1/admin/nodes/1/drain", ADMIN_KEY, null, 409); // one node: no cluster

        assertThat(wrong).isEmpty();
        assertThat(called).containsExactlyInAnyOrder(Endpoint.values());
    }

    @Test
    void healthAndMetricsAnswerTheirDocumentedTypes() {
        HttpResponse<String> health = server.request("GET", "/health", null, null);
        HttpResponse<String> metrics = server.request("GET", "/metrics", null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        check("GET", "/health", health, wrong);
        assertThat(metrics.statusCode()).isEqualTo(200);
        check("GET", "/metrics", metrics, wrong);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theValidatorCatchesAnAnswerThatBreaksItsSchema() {
        Schema error = schema(resolve(operation("GET", "/api/v1/shops/{shopId}/groups").path("responses")
                .path("default")).path("content").path("application/json").path("schema"));
        Schema order = schema(operation("GET", "/api/v1/shops/{shopId}/orders/{orderNo}").path("responses")
                .path("200").path("content").path("application/json").path("schema"));
        ObjectNode lost = order(ADMIN_KEY, "lost").put("orderNo", "X-1").put("createdAt", 1L);
        lost.putNull("logistics");

        assertThat(error.validate(obj().put("code", "not_found").put("message", "no such shop"))).isEmpty();
        assertThat(error.validate(obj().put("code", 404)).toString()).contains("/code: integer found")
                .contains("'message' not found");
        assertThat(order.validate(lost.deepCopy().put("status", "paid"))).isEmpty();
        assertThat(order.validate(lost)).singleElement().asString().contains("status");
        assertThat(order.validate(lost.put("status", "paid").put("total", -1))).singleElement().asString()
                .contains("total");
    }

    /** Makes the call, checks its status and its answer against the document, and returns the answer's JSON. */
    private JsonNode call(Endpoint e, String path, String bearer, Object body, int status) {
        called.add(e);
        HttpResponse<String> r = server.request(e.method().name(), path, bearer, body);
        if (r.statusCode() != status) {
            wrong.add(e + " " + path + ": " + r.statusCode() + " instead of " + status + " " + r.body());
        }
        check(e.method().name(), e.pattern(), r, wrong);
        try {
            return JSON.readTree(r.body());
        } catch (Exception notJson) {
            return obj();
        }
    }

    private void callFile(Endpoint e, String path, String bearer) {
        called.add(e);
        HttpResponse<String> r = server.request(e.method().name(), path, bearer, null);
        if (r.statusCode() != 200) {
            wrong.add(e + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        check(e.method().name(), e.pattern(), r, wrong);
    }

    /** The answer against its operation's response: a documented content type, and JSON that fits the schema. */
    private static void check(String method, String pattern, HttpResponse<String> r, List<String> wrong) {
        String what = method + " " + pattern + " " + r.statusCode();
        JsonNode responses = doc.path("paths").path(pattern).path(method.toLowerCase(Locale.ROOT)).path("responses");
        JsonNode response = resolve(responses.has(String.valueOf(r.statusCode()))
                ? responses.path(String.valueOf(r.statusCode())) : responses.path("default"));
        if (response.isMissingNode()) {
            wrong.add(what + ": status not documented");
            return;
        }
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode media = response.path("content").path(type);
        if (media.isMissingNode()) {
            wrong.add(what + ": content type " + type + " not documented");
            return;
        }
        if (!type.equals("application/json")) {
            return;
        }
        try {
            List<Error> errors = schema(media.path("schema")).validate(JSON.readTree(r.body()));
            if (!errors.isEmpty()) {
                wrong.add(what + ": " + errors + " in " + r.body());
            }
        } catch (Exception e) {
            wrong.add(what + ": " + e + " for " + r.body());
        }
    }

    /** A response schema as a standalone 2020-12 schema whose {@code $ref}s find the document's components. */
    private static Schema schema(JsonNode responseSchema) {
        ObjectNode standalone = obj().put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("$defs", defs);
        standalone.putArray("allOf").add(rewrite(responseSchema));
        return SCHEMAS.getSchema(standalone);
    }

    private static JsonNode rewrite(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node).replace("#/components/schemas/", "#/$defs/"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode operation(String method, String pattern) {
        JsonNode op = doc.path("paths").path(pattern).path(method.toLowerCase(Locale.ROOT));
        assertThat(op.isObject()).as(method + " " + pattern + " is documented").isTrue();
        return op;
    }

    /** Follows a {@code $ref} to {@code #/components/...}. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = doc;
        for (Iterator<String> it = List.of(ref.substring(2).split("/")).iterator(); it.hasNext(); ) {
            target = target.path(it.next());
        }
        return target;
    }

    private static ObjectNode order(String buyerId, String status) {
        ObjectNode o = obj().put("buyerId", buyerId).put("status", status).put("total", 9_900);
        o.putArray("items").addObject().put("productId", "p-1").put("title", "纯棉T恤").put("qty", 1)
                .put("price", 9_900);
        o.set("address", address());
        return o;
    }

    private static ObjectNode address() {
        return obj().put("name", "张三").put("phone", "13800000000").put("region", "上海市").put("detail", "世纪大道 1 号");
    }

    private static ObjectNode obj() {
        return TestServer.obj();
    }
}
