package io.kefu.client;

import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.OkResult.MessagesResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each conversation's messages to the listener in {@code seq} order, without gaps and never
 * twice. It remembers, per conversation, the highest contiguous {@code seq} delivered; a push beyond it
 * is held back and a {@code sync} from that {@code seq} fills the gap; after a reconnect it syncs every
 * conversation it knows. Confined to the client's event loop.
 */
final class ConversationTracker {
    private static final Logger log = LoggerFactory.getLogger(ConversationTracker.class);

    /** Where messages go and how missing ones are fetched. */
    interface Sink {
        void deliver(Msg msg);

        CompletableFuture<OkResult> sync(String conv, long afterSeq);

        /** Runs {@code retry} on the client's event loop after the backoff delay of retry {@code attempt} (0 first). */
        void retryLater(Runnable retry, int attempt);
    }

    /** One conversation's delivery state. */
    private static final class Sequence {
        long delivered;
        long knownLast;
        boolean syncing;
        /** Syncs refused in a row with a retryable error ({@code overloaded}: a node or the database is away). */
        int refusals;
        final TreeMap<Long, Msg> ahead = new TreeMap<>();

        Sequence(long delivered) {
            this.delivered = delivered;
            this.knownLast = delivered;
        }
    }

    /** Closed conversations remembered, so that a late repeat of one of their messages is not delivered again. */
    static final int CLOSED_REMEMBERED = 1_000;
    /**
     * How many times in a row a sync refused with a retryable error is tried again, with the reconnect backoff
     * between tries (with the default backoff, about a minute in all), before the gap is given up on.
     */
    static final int SYNC_RETRIES = 8;

    private final Sink sink;
    private final Map<String, Sequence> conversations = new HashMap<>();
    /** The last {@code seq} delivered of conversations closed lately, oldest first, at most {@link #CLOSED_REMEMBERED}. */
    private final java.util.LinkedHashMap<String, Long> closed = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CLOSED_REMEMBERED;
        }
    };

    ConversationTracker(Sink sink) {
        this.sink = sink;
    }

    /** A {@code msg} push. The first one of an unknown conversation is delivered as is. */
    void pushed(Msg msg) {
        Long closedAt = closed.get(msg.conv());
        if (closedAt != null) {
            if (msg.seq() <= closedAt) {
                return; // a late repeat (a server that took the shop over pushes the latest message again)
            }
            closed.remove(msg.conv());
        }
        Sequence s = conversations.computeIfAbsent(msg.conv(), c -> new Sequence(msg.seq() - 1));
        if (msg.seq() <= s.delivered) {
            return;
        }
        s.knownLast = Math.max(s.knownLast, msg.seq());
        if (!s.syncing && msg.seq() == s.delivered + 1) {
            deliver(s, msg);
            drain(s);
            return;
        }
        s.ahead.putIfAbsent(msg.seq(), msg);
        if (!s.syncing) {
            startSync(msg.conv(), s);
        }
    }

    /**
     * The client opened (or returned to) a conversation: every message it gets from now is new. One it saw close
     * (a close the server then lost in a crash, before storing it) goes on from what was delivered.
     */
    void opened(String conv) {
        Long closedAt = closed.remove(conv);
        conversations.putIfAbsent(conv, new Sequence(closedAt == null ? 0 : closedAt));
    }

    /** The conversation closed: stop tracking it, and syncing it after reconnects. */
    void closed(String conv) {
        Sequence s = conversations.remove(conv);
        if (s != null) {
            closed.put(conv, s.delivered);
        }
    }

    /**
     * {@code hello} succeeded. Conversations new to the client start at their {@code lastSeq} (what came
     * before is history); known ones, and ones seen closed that are open again, are synced from what was
     * delivered, listed or not.
     */
    void resume(List<ConvSummary> open) {
        Set<String> listed = new HashSet<>();
        for (ConvSummary summary : open) {
            listed.add(summary.conv());
            Sequence s = conversations.get(summary.conv());
            if (s == null) {
                Long closedAt = closed.remove(summary.conv());
                if (closedAt == null) {
                    conversations.put(summary.conv(), new Sequence(summary.lastSeq()));
                    continue;
                }
                s = new Sequence(closedAt); // seen closed, open again (its close lost in a crash)
                conversations.put(summary.conv(), s);
            }
            s.knownLast = Math.max(s.knownLast, summary.lastSeq());
            if (!s.syncing && (s.delivered < s.knownLast || !s.ahead.isEmpty())) {
                startSync(summary.conv(), s);
            }
        }
        conversations.forEach((conv, s) -> {
            if (!listed.contains(conv) && !s.syncing) {
                startSync(conv, s);
            }
        });
    }

    /** The highest contiguous {@code seq} delivered for {@code conv}, or -1 when it is not tracked. */
    long delivered(String conv) {
        Sequence s = conversations.get(conv);
        return s == null ? -1 : s.delivered;
    }

    private void startSync(String conv, Sequence s) {
        s.syncing = true;
        long from = s.delivered;
        sink.sync(conv, from).whenComplete((result, error) -> synced(conv, s, from, result, error));
    }

    private void synced(String conv, Sequence s, long from, OkResult result, Throwable error) {
        if (conversations.get(conv) != s) {
            return;
        }
        s.syncing = false;
        if (error != null) {
            syncFailed(conv, s, error);
            return;
        }
        s.refusals = 0;
        List<Msg> messages = result instanceof MessagesResult m ? m.messages() : List.of();
        for (Msg msg : messages) {
            if (msg.seq() > s.delivered) {
                s.ahead.putIfAbsent(msg.seq(), msg);
                s.knownLast = Math.max(s.knownLast, msg.seq());
            }
        }
        drain(s);
        if (s.delivered == from) {
            skipGap(conv, s);
        } else if (!s.ahead.isEmpty() || s.delivered < s.knownLast) {
            startSync(conv, s);
        }
    }

    private void syncFailed(String conv, Sequence s, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectionClosedException) {
            return; // the next hello resumes from s.delivered
        }
        if (cause instanceof RequestTimeoutException) {
            startSync(conv, s);
            return;
        }
        if (retryable(cause) && s.refusals < SYNC_RETRIES) {
            // The shop's node is away or moving, or the database is: the messages are there, only not now.
            // Skipping would deliver past a gap the server can fill in a moment.
            s.syncing = true; // no other sync starts meanwhile, not even on resume; the retry is the sync
            int attempt = s.refusals++;
            log.debug("sync of conversation {} after seq {} refused ({}); retry {} of {}", conv, s.delivered,
                    cause, attempt + 1, SYNC_RETRIES);
            sink.retryLater(() -> {
                if (conversations.get(conv) == s) {
                    startSync(conv, s);
                }
            }, attempt);
            return;
        }
        if (cause instanceof KefuClientException k && (k.code() == ErrorCode.FORBIDDEN
                || k.code() == ErrorCode.NOT_FOUND)) {
            // No longer ours to read (transferred to another agent while we were away): stop tracking it.
            log.debug("conversation {} is no longer readable ({}); no longer tracked", conv, k.code());
            skipGap(conv, s);
            conversations.remove(conv);
            return;
        }
        log.warn("sync of conversation {} after seq {} failed: {}", conv, s.delivered, cause.toString());
        s.refusals = 0;
        skipGap(conv, s);
    }

    /** Refusals that say "not now" rather than "never": the shop's node or the database is busy or away. */
    private static boolean retryable(Throwable cause) {
        if (!(cause instanceof KefuClientException k)) {
            return false;
        }
        return k.code() == ErrorCode.OVERLOADED || k.code() == ErrorCode.RATE_LIMITED || k.code() == ErrorCode.INTERNAL;
    }

    /** The server has no more to give: deliver what is held back rather than hold it forever. */
    private void skipGap(String conv, Sequence s) {
        if (!s.ahead.isEmpty()) {
            log.warn("conversation {}: messages {}..{} are missing; delivering from {}", conv, s.delivered + 1,
                    s.ahead.firstKey() - 1, s.ahead.firstKey());
            s.ahead.values().forEach(msg -> deliver(s, msg));
            s.ahead.clear();
        }
        s.knownLast = s.delivered;
    }

    private void drain(Sequence s) {
        while (!s.ahead.isEmpty() && s.ahead.firstKey() <= s.delivered + 1) {
            Msg next = s.ahead.pollFirstEntry().getValue();
            if (next.seq() == s.delivered + 1) {
                deliver(s, next);
            }
        }
    }

    private void deliver(Sequence s, Msg msg) {
        s.delivered = msg.seq();
        sink.deliver(msg);
    }
}
