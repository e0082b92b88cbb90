package io.kefu.client;

import io.kefu.protocol.Entry;
import io.kefu.protocol.Human;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Rate;
import java.util.concurrent.CompletableFuture;

/**
 * A buyer's calls: open a conversation with a shop, ask for a person, rate it, plus the message calls
 * of {@link ConversationSession}. Wraps a {@link KefuClient} connected with a buyer token; pushes
 * arrive at the client's {@link KefuListener}. Thread-safe.
 */
public final class BuyerSession extends ConversationSession {

    public BuyerSession(KefuClient client) {
        super(client);
    }

    /**
     * Starts a conversation with a shop, or returns to the one already open.
     *
     * @param entry where the chat was opened from (routes it to a skill group); may be {@code null}
     * @param firstText an optional first message; {@code null} for none
     */
    public CompletableFuture<OpenResult> open(String shopId, Entry entry, String firstText) {
        return client().request(new Open(null, shopId, entry, firstText), OpenResult.class);
    }

    /** Leaves the shop's bot and asks for a person (转人工). */
    public CompletableFuture<Void> human(String conv) {
        return done(client().request(new Human(null, conv)));
    }

    /**
     * Answers a {@code survey}.
     *
     * @param score 1 (worst) to 5 (best)
     * @param comment optional, {@code null} for none
     */
    public CompletableFuture<Void> rate(String conv, int score, String comment) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("score must be 1 to 5, was " + score);
        }
        return done(client().request(new Rate(null, conv, score, comment)));
    }
}
