package io.kefu.client;

import io.kefu.protocol.Body;
import io.kefu.protocol.Close;
import io.kefu.protocol.History;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.MessagesResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.Read;
import io.kefu.protocol.Send;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Typing;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The message calls buyers and agents share, on top of a {@link KefuClient}. Every method returns at
 * once; the future completes on the client's event loop with the server's answer, or fails as
 * described on {@link KefuClient}. Thread-safe: it holds no state of its own.
 */
public abstract sealed class ConversationSession permits BuyerSession, AgentSession {
    /** The message kind of plain text. */
    public static final String TEXT = "text";

    private final KefuClient client;

    ConversationSession(KefuClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The client this session sends through; connect and close it there. */
    public KefuClient client() {
        return client;
    }

    /** Sends a text message with a new client message id. */
    public CompletableFuture<SendResult> sendText(String conv, String text) {
        return send(conv, TEXT, Body.text(text));
    }

    /**
     * Sends a message of any kind ({@code text}, {@code image}, {@code voice}, {@code order},
     * {@code product}) with a new client message id. Completes once the server has stored it.
     */
    public CompletableFuture<SendResult> send(String conv, String kind, Body body) {
        return send(conv, kind, body, newCmid());
    }

    /**
     * Sends a message with the client message id {@code cmid}. Sending the same {@code cmid} again (after
     * a {@link RequestTimeoutException}, say) returns the first answer and stores nothing twice.
     */
    public CompletableFuture<SendResult> send(String conv, String kind, Body body, String cmid) {
        return client.request(new Send(null, conv, Objects.requireNonNull(cmid, "cmid"), kind, body),
                SendResult.class);
    }

    /** Marks the conversation read up to {@code seq}; the other side gets a {@code read} push. */
    public CompletableFuture<Void> read(String conv, long seq) {
        return done(client.request(new Read(null, conv, seq, null)));
    }

    /** Tells the other side this user is typing. Not answered: completes once written. */
    public CompletableFuture<Void> typing(String conv) {
        return client.sendOneWay(new Typing(null, conv, null));
    }

    /**
     * Up to {@code limit} messages before {@code beforeSeq}, oldest first; {@code null} for the latest
     * messages or the server's default limit.
     */
    public CompletableFuture<MessagesResult> history(String conv, Long beforeSeq, Integer limit) {
        return client.request(new History(null, conv, beforeSeq, limit), MessagesResult.class);
    }

    /**
     * Every message after {@code afterSeq}, in order. The client already syncs by itself to deliver
     * messages to the listener without gaps; this only reads.
     */
    public CompletableFuture<MessagesResult> sync(String conv, long afterSeq) {
        return client.request(new Sync(null, conv, afterSeq, null), MessagesResult.class);
    }

    /** Ends the conversation; the buyer gets {@code conv.closed}, then a {@code survey}. */
    public CompletableFuture<Void> close(String conv, String reason) {
        return done(client.request(new Close(null, conv, reason)));
    }

    /**
     * A new client message id: a version 7 UUID (RFC 9562), the Unix time in milliseconds then 74 random bits. Ids made
     * later sort later as strings, so the server's index of them grows at its end rather than at random pages.
     */
    public static String newCmid() {
        return newCmid(System.currentTimeMillis());
    }

    static String newCmid(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Completes when the request was answered with {@code ok}, dropping its empty result. */
    static CompletableFuture<Void> done(CompletableFuture<OkResult> answer) {
        return answer.thenApply(r -> null);
    }
}
