package io.kefu.client;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.OkResult.ScriptFillResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.Pick;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
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

    /**
     * Sends quick reply {@code scriptId}: the server fills its variables from the conversation and stores a
     * text message; the answer's {@link SendResult#text()} is that text. A variable without a value fails
     * with {@link io.kefu.protocol.ErrorCode#INVALID_STATE} naming it, and nothing is sent.
     */
    public CompletableFuture<SendResult> sendScript(String conv, String scriptId) {
        return sendScript(conv, scriptId, newCmid());
    }

    /** {@link #sendScript(String, String)} with the client message id {@code cmid} (retry with the same one). */
    public CompletableFuture<SendResult> sendScript(String conv, String scriptId, String cmid) {
        return client().request(Send.script(null, conv, Objects.requireNonNull(cmid, "cmid"),
                Objects.requireNonNull(scriptId, "scriptId")), SendResult.class);
    }

    /** Previews quick reply {@code scriptId} filled from the conversation; nothing is sent. */
    public CompletableFuture<ScriptFillResult> scriptFill(String conv, String scriptId) {
        return client().request(new ScriptFill(null, conv, Objects.requireNonNull(scriptId, "scriptId")),
                ScriptFillResult.class);
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
