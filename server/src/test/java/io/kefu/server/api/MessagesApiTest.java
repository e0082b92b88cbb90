package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.store.ConversationRecord;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /api/v1/conversations/{conv}/messages}: the contract's shape and its tenant walls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesApiTest {
    private final ApiFixture api = new ApiFixture();
    private String shopA;
    private String shopB;
    private String agentA1;
    private ConversationRecord conv;

    @BeforeAll
    void conversationInShopA() {
        shopA = api.createShop("Shop A");
        shopB = api.createShop("Shop B");
        agentA1 = api.createStaff(shopA, "a1", "agent", List.of());
        api.createStaff(shopA, "a2", "agent", List.of());
        api.createStaff(shopA, "supA", "supervisor", List.of());
        api.createStaff(shopA, "adminA", "admin", List.of());
        api.createStaff(shopB, "a1", "agent", List.of());
        api.createStaff(shopB, "supB", "supervisor", List.of());
        conv = api.conversation(shopA, "buyer-x", agentA1, List.of(
                new Msg(null, 1, new Party(PartyType.BUYER, "buyer-x"), "text", Body.text("在吗?"), 1_000, "m-1"),
                new Msg(null, 2, new Party(PartyType.SYSTEM, null), "system", Body.text("agent joined"), 2_000, null),
                new Msg(null, 3, new Party(PartyType.AGENT, agentA1), "order", Body.of("orderNo", "O-9"), 3_000, "m-2")));
    }

    @AfterAll
    void close() {
        api.close();
    }

    @Test
    void theBuyerReadsItsMessagesInTheWebSocketShape() {
        ApiFixture.Reply r = read(api.buyerToken("buyer-x"), "");

        assertThat(r.status()).isEqualTo(200);
        JsonNode messages = r.json().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).toString()).isEqualTo("{\"conv\":\"" + conv.id() + "\",\"seq\":1,"
                + "\"from\":{\"type\":\"buyer\",\"id\":\"buyer-x\"},\"kind\":\"text\",\"body\":{\"text\":\"在吗?\"},"
                + "\"ts\":1000,\"cmid\":\"m-1\"}");
        assertThat(messages.get(1).path("from").toString()).isEqualTo("{\"type\":\"system\"}");
        assertThat(messages.get(1).has("cmid")).isFalse();
        assertThat(messages.get(2).path("body").path("orderNo").asText()).isEqualTo("O-9");
    }

    @Test
    void afterSeqAndLimitPage() {
        JsonNode page = read(api.buyerToken("buyer-x"), "?afterSeq=1&limit=1").json().path("messages");

        assertThat(page).hasSize(1);
        assertThat(page.get(0).path("seq").asLong()).isEqualTo(2);
        assertThat(read(api.buyerToken("buyer-x"), "?afterSeq=3").json().path("messages")).isEmpty();
    }

    @Test
    void theAssignedAgentSupervisorsAndAdminsRead() {
        assertThat(read(api.login(shopA, "a1"), "").status()).isEqualTo(200);
        assertThat(read(api.login(shopA, "supA"), "").status()).isEqualTo(200);
        assertThat(read(api.login(shopA, "adminA"), "").status()).isEqualTo(200);
        assertThat(read(ADMIN_KEY, "").status()).isEqualTo(200);
    }

    @Test
    void anotherAgentOfTheShopIsForbidden() {
        ApiFixture.Reply r = read(api.login(shopA, "a2"), "");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
    }

    @Test
    void anotherShopsStaffDoNotLearnTheConversationExists() {
        for (String token : List.of(api.login(shopB, "a1"), api.login(shopB, "supB"))) {
            ApiFixture.Reply r = read(token, "");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("not_found");
            assertThat(r.message()).isEqualTo("conversation " + conv.id() + " not found");
        }
    }

    @Test
    void anotherBuyerDoesNotLearnTheConversationExists() {
        ApiFixture.Reply r = read(api.buyerToken("buyer-y"), "");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).isEqualTo(read(ADMIN_KEY, "", "999").message().replace("999", conv.id()));
    }

    @Test
    void anUnknownConversationIsNotFound() {
        assertThat(read(ADMIN_KEY, "", "999").status()).isEqualTo(404);
    }

    @Test
    void badPagingSaysWhatIsAllowed() {
        assertThat(read(ADMIN_KEY, "?limit=0").message())
                .isEqualTo("query parameter 'limit' must be an integer 1..200, was '0'");
        assertThat(read(ADMIN_KEY, "?limit=lots").status()).isEqualTo(400);
        assertThat(read(ADMIN_KEY, "?afterSeq=-1").message()).startsWith("query parameter 'afterSeq' must be an integer 0..");
    }

    private ApiFixture.Reply read(String token, String query) {
        return read(token, query, conv.id());
    }

    private ApiFixture.Reply read(String token, String query, String convId) {
        return api.get("/api/v1/conversations/" + convId + "/messages" + query, token);
    }
}
