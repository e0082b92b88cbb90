package io.kefu.server;

import io.kefu.client.AgentSession;
import io.kefu.client.BuyerSession;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClient;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.OkResult.HelloResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Connects real SDK clients to a {@link TestServer} and closes them all at the end of a test. */
public final class TestClients implements AutoCloseable {
    private final TestServer server;
    private final Encoding encoding;
    private final List<KefuClient> clients = new ArrayList<>();

    public TestClients(TestServer server, Encoding encoding) {
        this.server = server;
        this.encoding = encoding;
    }

    public record Buyer(String id, BuyerSession session, Recorder pushes, HelloResult hello) {
    }

    public record Agent(String id, AgentSession session, Recorder pushes, HelloResult hello) {
    }

    public Buyer buyer(String buyerId) {
        Recorder r = new Recorder();
        KefuClient c = connect(server.buyerToken(buyerId), r);
        return new Buyer(buyerId, new BuyerSession(c), r, c.session().orElseThrow());
    }

    /** An agent connected with the token of {@code login}; set online when {@code online}. */
    public Agent agent(TestServer.Login login, boolean online) {
        Recorder r = new Recorder();
        KefuClient c = connect(login.token(), r);
        AgentSession s = new AgentSession(c);
        if (online) {
            join(s.status(AgentStatus.ONLINE));
        }
        return new Agent(login.id(), s, r, c.session().orElseThrow());
    }

    public KefuClient connect(String token, Recorder recorder) {
        KefuClient c = KefuClient.builder().uri(server.wsUri()).token(token).encoding(encoding)
                .requestTimeout(Duration.ofSeconds(10)).listener(recorder).build();
        clients.add(c);
        join(c.connect());
        return c;
    }

    public static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (KefuClient c : clients) {
            c.close();
        }
    }
}
