package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.Database.Dialect;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcConversationStoreTest {
    private final TestDatabases.PerDialect databases = new TestDatabases.PerDialect();
    private final IdGenerator ids = new IdGenerator(1);

    @AfterAll
    void closeDatabases() {
        databases.close();
    }

    private ConversationStore store(Dialect d) {
        return new JdbcConversationStore(databases.get(d));
    }

    private String newShop(Dialect d) {
        return new JdbcShopStore(databases.get(d), ids).createShop("Tea House").id();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_new_conversation_reads_back_with_its_nulls_and_zero_times(Dialect d) {
        ConversationStore store = store(d);
        ConversationRecord conv = botConversation(newShop(d), "buyer-1", 1_000);

        store.insert(conv);

        assertThat(store.find(conv.id())).contains(conv);
        assertThat(store.find("no-such-conversation")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void update_writes_state_group_agent_times_close_and_rating(Dialect d) {
        ConversationStore store = store(d);
        ConversationRecord conv = botConversation(newShop(d), "buyer-1", 1_000);
        store.insert(conv);

        ConversationRecord done = conv.queued("g1", "urgent", 1_500, -1_500).assigned("g2", "a1", 2_000)
                .closed("a1", "resolved", 3_000).rated(5, "quick and kind");
        store.update(done);

        assertThat(store.find(conv.id())).contains(done);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void updating_a_conversation_that_does_not_exist_is_not_found(Dialect d) {
        ConversationRecord ghost = botConversation(newShop(d), "buyer-1", 1_000);

        assertThatThrownBy(() -> store(d).update(ghost))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void find_open_skips_closed_conversations_and_other_shops(Dialect d) {
        ConversationStore store = store(d);
        String shop = newShop(d);
        String otherShop = newShop(d);
        String buyer = "buyer-" + UUID.randomUUID();
        ConversationRecord closed = botConversation(shop, buyer, 1_000).closed(buyer, "bye", 1_500);
        ConversationRecord elsewhere = botConversation(otherShop, buyer, 1_200);
        store.insert(closed);
        store.insert(elsewhere);
        assertThat(store.findOpen(shop, buyer)).isEmpty();

        ConversationRecord open = botConversation(shop, buyer, 2_000).queued("g1", "normal", 2_000, 2_000);
        store.insert(open);

        assertThat(store.findOpen(shop, buyer)).contains(open);
        assertThat(store.findOpen(otherShop, buyer)).contains(elsewhere);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void open_for_shop_lists_the_shops_open_conversations_oldest_first(Dialect d) {
        ConversationStore store = store(d);
        String shop = newShop(d);
        ConversationRecord second = botConversation(shop, "b2", 2_000).assigned("g1", "a1", 2_100);
        ConversationRecord first = botConversation(shop, "b1", 1_000).queued("g1", "vip", 1_000, 1_000);
        ConversationRecord third = botConversation(shop, "b3", 3_000);
        store.insert(second);
        store.insert(first);
        store.insert(third);
        store.insert(botConversation(shop, "b4", 500).closed("b4", "bye", 600));
        store.insert(botConversation(newShop(d), "b1", 100));

        assertThat(store.openForShop(shop)).containsExactly(first, second, third);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void open_for_buyer_lists_the_buyers_open_conversations_in_every_shop(Dialect d) {
        ConversationStore store = store(d);
        String buyer = "buyer-" + UUID.randomUUID();
        ConversationRecord inA = botConversation(newShop(d), buyer, 1_000);
        ConversationRecord inB = botConversation(newShop(d), buyer, 2_000).queued("g", "normal", 2_000, 2_000);
        store.insert(inB);
        store.insert(inA);
        store.insert(botConversation(newShop(d), buyer, 1_500).closed(buyer, "bye", 1_600));
        store.insert(botConversation(inA.shopId(), "someone-else", 1_000));

        assertThat(store.openForBuyer(buyer)).containsExactly(inA, inB);
        assertThat(store.openForBuyer("no-such-buyer")).isEmpty();
    }

    private ConversationRecord botConversation(String shop, String buyer, long createdAt) {
        return new ConversationRecord(ids.next(), shop, buyer, ConvState.BOT, null, null, "product", "p-42",
                createdAt, 0, 0, null, null, null, null);
    }
}
