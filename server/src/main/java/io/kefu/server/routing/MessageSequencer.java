package io.kefu.server.routing;

import io.kefu.server.routing.spi.RoutingListener;
import io.kefu.protocol.Body;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.Party;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.MessageBatchWriter;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send path of one shop: gives each message the conversation's next {@code seq}, hands it to the
 * batch writer, and once it is stored answers the sender and pushes it to the participants, in seq order.
 * A retry with a known {@code cmid} gets the first answer and stores nothing. Runs on the shop's lane.
 *
 * <p>Gap-free even when a write fails: the writer fails the messages numbered after the failed one,
 * and gives the failure a new epoch; before numbering, and when a write fails, this adopts that epoch
 * and numbers again from the failed seq ({@link MessageBatchWriter#renumbering}).
 */
final class MessageSequencer {
    private static final Logger log = LoggerFactory.getLogger(MessageSequencer.class);

    private final MessageBatchWriter writer;
    private final Pushes pushes;
    private final Executor continuations;
    private final Clock clock;
    private final RoutingListener listener;
    private final WritesInFlight writes;
    /** The router's "stopped serving the shop": its messages still queued are then not stored. */
    private final java.util.function.BooleanSupplier retired;

    MessageSequencer(MessageBatchWriter writer, Pushes pushes, Executor continuations, Clock clock,
                     RoutingListener listener, WritesInFlight writes, java.util.function.BooleanSupplier retired) {
        this.writes = writes;
        this.retired = retired;
        this.writer = writer;
        this.pushes = pushes;
        this.continuations = continuations;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Appends a message. {@code cmid} may be {@code null} (server-made messages). {@code alsoTo} is a
     * sender who is not a participant (a supervisor stepping in) and should see the push too, or null.
     */
    CompletableFuture<SendResult> append(ConversationState c, Party from, String kind, Body body, String cmid,
                                         String alsoTo) {
        return append(c, from, kind, body, cmid, alsoTo, null, null);
    }

    /**
     * {@link #append}, with what the sender's {@code ok} carries beside seq and ts: the {@code text} the server
     * made (a quick reply) and the compliance {@code warning}, or nulls. A retry of the cmid gets them too.
     */
    CompletableFuture<SendResult> append(ConversationState c, Party from, String kind, Body body, String cmid,
                                         String alsoTo, String okText, io.kefu.protocol.RuleRef warning) {
        CompletableFuture<SendResult> known = known(c, from, cmid);
        if (known != null) {
            return known;
        }
        String key = cmid == null ? null : ConversationState.cmidKey(from.id(), cmid);
        adoptFailures(c, null);
        long ts = clock.millis();
        Msg msg = new Msg(c.id(), c.nextSeq++, from, kind, body, ts, cmid);
        CompletableFuture<SendResult> answer = new CompletableFuture<>();
        if (key != null) {
            c.inFlight.put(key, answer);
        }
        writes.start();
        writer.append(msg, c.epoch, retired).whenCompleteAsync((ok, failure) -> {
            writes.done();
            stored(c, msg, key, failure, answer, alsoTo, okText, warning);
        }, continuations);
        return answer;
    }

    /**
     * The answer to a retry: the stored message's result when {@code from} already sent {@code cmid} here, the
     * pending answer while it is being stored, else null (a new message, or {@code cmid} null).
     */
    CompletableFuture<SendResult> known(ConversationState c, Party from, String cmid) {
        if (cmid == null) {
            return null;
        }
        SendResult done = c.knownCmid(from.id(), cmid);
        if (done != null) {
            return CompletableFuture.completedFuture(done);
        }
        return c.inFlight.isEmpty() ? null : c.inFlight.get(ConversationState.cmidKey(from.id(), cmid));
    }

    private void stored(ConversationState c, Msg msg, String key, Throwable failure,
                        CompletableFuture<SendResult> answer, String alsoTo, String okText,
                        io.kefu.protocol.RuleRef warning) {
        if (key != null) {
            c.inFlight.remove(key);
        }
        if (failure == null) {
            SendResult result = new SendResult(c.id(), msg.seq(), msg.ts(), okText, warning);
            if (key != null) {
                c.rememberCmid(msg.from().id(), msg.cmid(), result, clock.millis());
            }
            c.durableSeq = Math.max(c.durableSeq, msg.seq());
            listener.messageStored(msg.from().type());
            listener.messageCreated(c.record.shopId(), msg);
            pushes.message(c, msg, KpiCalls.replyBy(c, msg.from().type(), msg.ts()));
            if (alsoTo != null) {
                pushes.to(alsoTo, msg);
            }
            answer.complete(result);
            return;
        }
        adoptFailures(c, failure);
        if (KefuException.unwrap(failure) instanceof io.kefu.server.store.DuplicateCmidException dup) {
            // a retry of a message stored before the router's memory of cmids begins: the first answer again
            SendResult first = new SendResult(c.id(), dup.original().seq(), dup.original().ts(), okText, warning);
            if (key != null) {
                c.rememberCmid(msg.from().id(), msg.cmid(), first, clock.millis());
            }
            answer.complete(first);
            return;
        }
        answer.completeExceptionally(asKefu(failure));
    }

    /** Takes up the writer's failures since the conversation's epoch: a new epoch, numbering from the failed seq. */
    private void adoptFailures(ConversationState c, Throwable failure) {
        MessageBatchWriter.Renumbering r = writer.renumbering(c.id(), c.epoch);
        if (r == null) {
            return;
        }
        log.warn("message write failed conv={}: numbering again from seq {} (was {}) in epoch {}{}", c.id(), r.seq(),
                c.nextSeq, r.epoch(), failure == null ? "" : ": " + rootMessage(failure));
        c.epoch = r.epoch();
        c.nextSeq = r.seq();
    }

    private static KefuException asKefu(Throwable failure) {
        Throwable t = KefuException.unwrap(failure);
        if (t instanceof KefuException k) {
            return k;
        }
        return new KefuException(ErrorCode.INTERNAL, "the message could not be stored; retry with the same cmid", t);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
