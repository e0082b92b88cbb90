package io.kefu.client;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Status;
import io.kefu.protocol.Transfer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An agent's (or supervisor's) calls: presence, picking and transferring conversations, plus the
 * message calls of {@link ConversationSession}. Wraps a {@link KefuClient} connected with an agent
 * token; assignments and messages arrive at the client's {@link KefuListener}. Thread-safe.
 */
public final class AgentSession extends ConversationSession {

    public AgentSession(KefuClient client) {
        super(client);
    }

    /** Sets presence; only {@link AgentStatus#ONLINE} agents get new conversations. */
    public CompletableFuture<Void> status(AgentStatus status) {
        return done(client().request(new Status(null, Objects.requireNonNull(status, "status"))));
    }

    /** Takes a queued conversation by hand. */
    public CompletableFuture<Void> pick(String conv) {
        return done(client().request(new Pick(null, conv)));
    }

    /**
     * Hands the conversation to an agent or to a skill group; it keeps its id and history.
     *
     * @param toAgent the agent to hand it to, or {@code null} when handing it to a group
     * @param toGroup the group to hand it to, or {@code null} when handing it to an agent
     * @param note for the receiving agent, not shown to the buyer; may be {@code null}
     */
    public CompletableFuture<Void> transfer(String conv, String toAgent, String toGroup, String note) {
        if (toAgent == null && toGroup == null) {
            throw new IllegalArgumentException("transfer needs toAgent or toGroup");
        }
        return done(client().request(new Transfer(null, conv, toAgent, toGroup, note)));
    }
}
