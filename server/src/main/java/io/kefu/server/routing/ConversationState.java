package io.kefu.server.routing;

import io.kefu.protocol.BuyerRef;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Entry;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.routing.policy.Priority;
import io.kefu.server.store.ConversationRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An open conversation as its shop's router holds it: the stored record plus what the hot path needs
 * (next seq, write epoch, recent client message ids). Owned by the router: touched only on its lane.
 */
final class ConversationState {
    static final int CMID_MEMORY = 1000;
    /**
     * How long the answer to a stored message stays in {@link #cmids}. A client retries within seconds of a lost
     * answer (the SDK reconnects within 30 s); an older retry gets the first answer from the store, whose unique
     * cmid is the truth. Without it a long conversation kept its last 1,000 answers (about 190 KB) for as long as
     * it stayed open: a one-hour soak's heap grew with every message sent.
     */
    static final long CMID_MEMORY_MS = 120_000;

    ConversationRecord record;
    final BuyerRef buyer;
    /** The seq the next message gets. */
    long nextSeq;
    /** The highest seq known to be stored. */
    long durableSeq;
    /** Bumped when a write fails, so the writer drops the failed epoch's queued messages (no gaps). */
    int epoch;
    long queuedAt;
    long buyerReadSeq;
    long agentReadSeq;
    /** Whether the buyer has sent a message: only the first one can make a queued conversation urgent. */
    boolean buyerSpoke;
    /** Whether the shop's welcome was sent (it goes out at the first assignment only). */
    boolean welcomed;
    /** The buyer talked to the FAQ bot before a person (the agent's {@code conv.assigned} says so). */
    boolean fromBot;
    /** The bot's misses in a row in this conversation (contract §7: enough of them hand it to a person). */
    int botMisses;
    /** When the last message was stored (the idle clock). */
    long lastActivityAt;
    /**
     * When the buyer started waiting for a person (their oldest message since a person last wrote, or the bot's
     * hand-off), 0 when not waiting: the live view's clock (docs/kpis.md). Unlike {@link #unansweredSince}, the
     * no-answer clock of the agent holding it, it does not restart when another agent gets the conversation.
     */
    long buyerWaitingSince;
    /** When the oldest buyer message no person has answered yet was stored; 0 when answered. */
    long unansweredSince;
    /** When the no-answer deadline pending for this conversation is due, 0 when none is. */
    long noAnswerArmedAt;
    /** Whether an idle deadline is pending for this conversation. */
    boolean idleArmed;
    /** The agent this returning buyer waits for (sticky routing), or {@code null}. */
    String stickyAgent;
    /** The agent who last served this buyer within the shop's sticky days, found at open, or {@code null}. */
    String lastAgent;
    /** Waited past its group's overflow time: the overflow group's agents may take it too. */
    boolean overflowed;
    /** An agent who must not get it next (they just let it go unanswered), or {@code null}. */
    String avoidAgent;
    /** The order of the latest order card stored here ({@code {order.*}} variables), or {@code null}. */
    String lastOrderNo;
    /** Serialises this conversation's record updates so they reach the store in order. */
    CompletableFuture<Void> recordWrites = CompletableFuture.completedFuture(null);
    /**
     * The latest record update: completes once it and every earlier one are stored, fails when it could not be
     * stored. A command that changed the record answers {@code ok} only after this.
     */
    CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    /** {@code senderId \0 cmid} → the answer given for that stored message (see {@link CmidMemory}). */
    final CmidMemory cmids = new CmidMemory(CMID_MEMORY);
    /** Sends not yet stored, by cmid key: retries of them wait on the same future. */
    final Map<String, CompletableFuture<SendResult>> inFlight = new HashMap<>();

    ConversationState(ConversationRecord record, BuyerRef buyer, long lastSeq) {
        this.record = record;
        this.buyer = buyer;
        this.nextSeq = lastSeq + 1;
        this.durableSeq = lastSeq;
    }

    String id() {
        return record.id();
    }

    ConvState state() {
        return record.state();
    }

    Priority priority() {
        return Priority.fromWire(record.priority());
    }

    String agentId() {
        return record.agentId();
    }

    Entry entry() {
        return record.entryType() == null ? null : new Entry(record.entryType(), record.entryRef());
    }

    /** Remembers the answer to a stored message, and forgets those older than {@link #CMID_MEMORY_MS} at {@code now}. */
    void rememberCmid(String senderId, String cmid, SendResult result, long now) {
        cmids.remember(senderId, cmid, result, now - CMID_MEMORY_MS);
    }

    /** The answer remembered for {@code cmid} from {@code senderId}, or null. */
    SendResult knownCmid(String senderId, String cmid) {
        return cmids.find(senderId, cmid, id());
    }

    /** The key of {@link #inFlight}. */
    static String cmidKey(String senderId, String cmid) {
        return senderId + '\u0000' + cmid;
    }
}
