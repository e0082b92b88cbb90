package io.kefu.server.crash;

import io.kefu.protocol.Msg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the crash test's clients did and were told: every {@code send} attempted (by {@code cmid}) and
 * its answer, every state change requested per conversation with its outcome, and every {@code msg}
 * each client was delivered. The history the final check compares with the database. Thread-safe:
 * written by the worker threads and the clients' event loops, read by the test thread at the end.
 */
final class Ledger {

    /** How a request ended: {@code ok}, an error that says nothing changed, or no answer to trust. */
    enum Outcome { ACKED, REFUSED, UNKNOWN }

    /** One {@code send}: who sent what where; {@code seq}/{@code ts} once acknowledged. */
    static final class SentMessage {
        final String conv;
        final String sender;
        final String cmid;
        final String text;
        volatile long seq = -1;
        volatile long ts;

        SentMessage(String conv, String sender, String cmid, String text) {
            this.conv = conv;
            this.sender = sender;
            this.cmid = cmid;
            this.text = text;
        }

        boolean acked() {
            return seq >= 0;
        }
    }

    enum OpKind { TRANSFER, CLOSE, RATE }

    /** A state change: {@code target} is the agent of a transfer, the score of a rating, the closer of a close. */
    record StateOp(OpKind kind, String target, String comment, Outcome outcome, String detail) {
    }

    /** One conversation's state changes, in the order its single worker made them. */
    static final class ConvHistory {
        final String conv;
        final String shopId;
        final String buyer;
        final List<StateOp> ops = new ArrayList<>();

        ConvHistory(String conv, String shopId, String buyer) {
            this.conv = conv;
            this.shopId = shopId;
            this.buyer = buyer;
        }

        synchronized void add(StateOp op) {
            ops.add(op);
        }

        synchronized List<StateOp> ops() {
            return List.copyOf(ops);
        }
    }

    /** A message as one client was delivered it. */
    record Seen(String client, String conv, long seq, String cmid) {
    }

    private final Map<String, SentMessage> sent = new ConcurrentHashMap<>();
    private final Map<String, ConvHistory> conversations = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong stateAcks = new AtomicLong();

    SentMessage sending(String conv, String sender, String cmid, String text) {
        SentMessage m = new SentMessage(conv, sender, cmid, text);
        if (sent.putIfAbsent(cmid, m) != null) {
            throw new IllegalStateException("cmid used twice by the test: " + cmid);
        }
        return m;
    }

    void acked(SentMessage m, long seq, long ts) {
        if (m.acked() && (m.seq != seq || m.ts != ts)) {
            throw new AssertionError("cmid " + m.cmid + " acknowledged twice with different answers: seq "
                    + m.seq + " then " + seq);
        }
        m.ts = ts;
        m.seq = seq;
        acks.incrementAndGet();
    }

    ConvHistory conversation(String conv, String shopId, String buyer) {
        return conversations.computeIfAbsent(conv, c -> new ConvHistory(c, shopId, buyer));
    }

    void record(ConvHistory history, StateOp op) {
        history.add(op);
        if (op.outcome() == Outcome.ACKED) {
            stateAcks.incrementAndGet();
        }
    }

    /** Called on a client's event loop for each delivered {@code msg}. */
    void delivered(String client, Msg msg) {
        seen.add(new Seen(client, msg.conv(), msg.seq(), msg.cmid()));
    }

    /** Acknowledged sends and state changes so far: the kill loop waits for traffic to flow. */
    long acks() {
        return acks.get() + stateAcks.get();
    }

    Map<String, SentMessage> sent() {
        return sent;
    }

    Map<String, ConvHistory> conversations() {
        return conversations;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }
}
