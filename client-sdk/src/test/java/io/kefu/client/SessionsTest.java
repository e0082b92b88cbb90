package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.Close;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Human;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;
import io.kefu.protocol.OkResult.SendResult;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What BuyerSession and AgentSession put on the wire, and what they return. */
@Timeout(20)
class SessionsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private FakeKefuServer server;
    private final RecordingListener listener = new RecordingListener();
    private KefuClient client;

    @BeforeEach
    void connect() throws InterruptedException {
        server = new FakeKefuServer();
        client = TestClients.builder(server, listener).build();
        client.connect().join();
    }

    @AfterEach
    void stop() {
        client.close().join();
        server.close();
    }

    @Test
    void buyerOpensAConversationAndGetsItsMessagesFromTheFirst() {
        BuyerSession buyer = new BuyerSession(client);

        var opened = buyer.open("s1", new Entry(Entry.PRODUCT, "p1"), "is this in stock?").join();
        server.appendAndPush(opened.conv(), "yes");

        assertThat(opened.state()).isEqualTo(ConvState.BOT);
        assertThat(server.received(Open.class)).singleElement().satisfies(o -> {
            assertThat(o.shopId()).isEqualTo("s1");
            assertThat(o.entry()).isEqualTo(new Entry("product", "p1"));
            assertThat(o.text()).isEqualTo("is this in stock?");
        });
        await().atMost(WAIT).until(() -> listener.messages.size() == 2);
        assertThat(listener.messages).extracting(m -> m.body().text()).containsExactly("is this in stock?", "yes");
    }

    @Test
    void everySendGetsItsOwnCmid() {
        BuyerSession buyer = new BuyerSession(client);

        SendResult first = buyer.sendText("c1", "hello").join();
        SendResult second = buyer.send("c1", "image", Body.of("url", "https://img/1.png")).join();

        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(server.received(Send.class)).satisfiesExactly(
                s -> assertThat(s.body().text()).isEqualTo("hello"),
                s -> assertThat(s.body().url()).isEqualTo("https://img/1.png"));
        assertThat(server.received(Send.class)).extracting(Send::cmid).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void sendingTheSameCmidTwiceReturnsTheSameSeq() {
        BuyerSession buyer = new BuyerSession(client);

        SendResult first = buyer.send("c1", "text", Body.text("once"), "cmid-1").join();
        SendResult again = buyer.send("c1", "text", Body.text("once"), "cmid-1").join();

        assertThat(again.seq()).isEqualTo(first.seq());
        assertThat(server.messages("c1")).hasSize(1);
    }

    @Test
    void buyerCommandsCarryTheirFields() {
        BuyerSession buyer = new BuyerSession(client);

        buyer.human("c1").join();
        buyer.rate("c1", 4, "quick").join();
        buyer.read("c1", 7).join();
        buyer.typing("c1").join();
        buyer.close("c1", "done").join();

        await().atMost(WAIT).until(() -> server.received(Close.class).size() == 1);
        assertThat(server.received(Human.class)).extracting(Human::conv).containsExactly("c1");
        assertThat(server.received(Rate.class)).singleElement()
                .satisfies(r -> assertThat(r).isEqualTo(new Rate(r.id(), "c1", 4, "quick")));
        assertThat(server.received(Read.class)).singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(7));
        assertThat(server.received(Typing.class)).singleElement().satisfies(t -> assertThat(t.id()).isNull());
        assertThat(server.received(Close.class)).extracting(Close::reason).containsExactly("done");
        assertThatThrownBy(() -> buyer.rate("c1", 6, null)).hasMessageContaining("score");
    }

    @Test
    void agentCommandsCarryTheirFields() {
        AgentSession agent = new AgentSession(client);

        agent.status(AgentStatus.ONLINE).join();
        agent.pick("c1").join();
        agent.transfer("c1", null, "g2", "VIP, wants a refund").join();
        agent.sendText("c1", "hello").join();

        assertThat(server.received(Status.class)).extracting(Status::value).containsExactly(AgentStatus.ONLINE);
        assertThat(server.received(Pick.class)).extracting(Pick::conv).containsExactly("c1");
        assertThat(server.received(Transfer.class)).singleElement().satisfies(t -> {
            assertThat(t.toAgent()).isNull();
            assertThat(t.toGroup()).isEqualTo("g2");
            assertThat(t.note()).isEqualTo("VIP, wants a refund");
        });
        assertThatThrownBy(() -> agent.transfer("c1", null, null, null)).hasMessageContaining("toAgent or toGroup");
    }

    @Test
    void anAnswerOfTheWrongResultTypeFailsTheTypedRequest() {
        assertThat(client.request(new Pick(null, "c1"), SendResult.class)).failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(IllegalStateException.class).withMessageContaining("expected a SendResult");
    }
}
