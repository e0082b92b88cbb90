package io.kefu.server.conversation;

import static io.kefu.server.TestClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.client.Encoding;
import io.kefu.client.KefuClientException;
import io.kefu.protocol.ConvAssigned;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.server.TestClients;
import io.kefu.server.TestClients.Agent;
import io.kefu.server.TestClients.Buyer;
import io.kefu.server.TestServer;
import io.kefu.server.TestServer.ShopFixture;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants are walls: an agent of another shop, another buyer, and an agent of the same shop who does not
 * hold the conversation all try to read, send to, close, pick and transfer a conversation of shop A;
 * each is refused, and afterwards nothing has changed.
 */
@Timeout(60)
class TenantWallsIT {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    @Test
    void nobodyCrossesIntoAnotherTenantsConversation() {
        ShopFixture shopA = server.newShop();
        ShopFixture shopB = server.newShop();
        try (TestClients clients = new TestClients(server, Encoding.JSON)) {
            Agent owner = clients.agent(shopA.agent1(), true);
            Buyer buyer = clients.buyer("wall-buyer");
            String conv = join(buyer.session().open(shopA.shopId(), null, "secret order details")).conv();
            owner.pushes().await(ConvAssigned.class);
            join(owner.session().sendText(conv, "reply"));

            Agent outsider = clients.agent(shopB.agent1(), true);
            Agent outsiderBoss = clients.agent(shopB.supervisor(), true);
            Buyer otherBuyer = clients.buyer("wall-intruder");
            Agent colleague = clients.agent(shopA.agent2(), true);

            for (Agent a : new Agent[] {outsider, outsiderBoss}) {
                refused(ErrorCode.NOT_FOUND, () -> a.session().sendText(conv, "hi from B"));
                refused(ErrorCode.NOT_FOUND, () -> a.session().history(conv, null, 50));
                refused(ErrorCode.NOT_FOUND, () -> a.session().sync(conv, 0));
                refused(ErrorCode.NOT_FOUND, () -> a.session().close(conv, "x"));
                refused(ErrorCode.NOT_FOUND, () -> a.session().pick(conv));
                refused(ErrorCode.NOT_FOUND, () -> a.session().transfer(conv, shopB.agent2().id(), null, null));
                refused(ErrorCode.NOT_FOUND, () -> a.session().read(conv, 1));
            }
            refused(ErrorCode.NOT_FOUND, () -> otherBuyer.session().sendText(conv, "hi"));
            refused(ErrorCode.NOT_FOUND, () -> otherBuyer.session().history(conv, null, 50));
            refused(ErrorCode.NOT_FOUND, () -> otherBuyer.session().sync(conv, 0));
            refused(ErrorCode.NOT_FOUND, () -> otherBuyer.session().close(conv, "x"));
            refused(ErrorCode.NOT_FOUND, () -> otherBuyer.session().rate(conv, 1, "bad"));
            join(otherBuyer.session().typing(conv)); // one-way: refused silently, nothing reaches the agent

            refused(ErrorCode.FORBIDDEN, () -> colleague.session().sendText(conv, "not mine"));
            refused(ErrorCode.FORBIDDEN, () -> colleague.session().close(conv, "x"));
            refused(ErrorCode.FORBIDDEN, () -> colleague.session().transfer(conv, shopA.agent2().id(), null, null));
            refused(ErrorCode.FORBIDDEN, () -> colleague.session().history(conv, null, 10));
            refused(ErrorCode.INVALID_STATE, () -> colleague.session().pick(conv));

            assertThat(server.request("GET", "/api/v1/conversations/" + conv + "/messages", shopB.supervisor().token(),
                    null).statusCode()).isIn(403, 404);
            assertThat(server.request("GET", "/api/v1/conversations/" + conv + "/messages",
                    server.buyerToken("wall-intruder"), null).statusCode()).isIn(403, 404);

            // Nothing changed: the owner still holds it, and only the two real messages exist.
            assertThat(join(owner.session().sync(conv, 0)).messages()).extracting(Msg::seq).containsExactly(1L, 2L);
            assertThat(join(owner.session().sendText(conv, "still mine")).seq()).isEqualTo(3);
            assertThat(buyer.pushes().all(io.kefu.protocol.ConvClosed.class)).isEmpty();
            assertThat(buyer.pushes().all(io.kefu.protocol.ConvTransferred.class)).isEmpty();
            assertThat(owner.pushes().all(io.kefu.protocol.Typing.class)).isEmpty();
            assertThat(buyer.pushes().all(io.kefu.protocol.Read.class)).isEmpty();
        }
    }

    private static void refused(ErrorCode expected, Supplier<CompletableFuture<?>> call) {
        ThrowingCallable c = () -> join(call.get());
        assertThatThrownBy(c).isInstanceOfSatisfying(KefuClientException.class,
                e -> assertThat(e.code()).isEqualTo(expected));
    }
}
