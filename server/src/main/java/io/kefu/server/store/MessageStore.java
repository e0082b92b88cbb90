package io.kefu.server.store;

import io.kefu.protocol.Msg;
import java.util.List;
import java.util.Map;

/**
 * Messages, keyed by {@code (conv, seq)}; {@code (conv, from.id, cmid)} is unique when cmid is set.
 * Runs on store threads only.
 */
public interface MessageStore {

    /** Inserts all messages in one transaction; all or none are stored. */
    void insertBatch(List<Msg> messages);

    /**
     * Makes every committed message as durable as a return from {@link #insertBatch} makes its own: for a retry
     * that found its message stored by an attempt reported failed, whose commit may not have been made durable
     * (H2: committed, but neither journaled nor checkpointed). Nothing to do where a commit is durable by itself.
     */
    default void makeCommittedDurable() {
    }

    /** Up to {@code limit} messages with {@code seq < beforeSeq}, oldest first (the newest page). */
    List<Msg> before(String convId, long beforeSeq, int limit);

    /** Up to {@code limit} messages with {@code seq > afterSeq}, oldest first. */
    List<Msg> after(String convId, long afterSeq, int limit);

    /** The highest stored seq of the conversation, 0 when it has none. */
    long lastSeq(String convId);

    /**
     * When the conversation's last message was stored, and since when its buyer waits for an answer: the
     * oldest buyer message after the last agent message (0 when answered). What a restart needs to resume
     * the idle and no-answer clocks, and the 3-minute clocks of the KPIs ({@link Activity#requests}).
     */
    Activity activity(String convId);

    /**
     * {@code personWrote}: staff wrote in the conversation at least once. {@code requests}: the times of the buyer's
     * requests still waiting for a person, oldest first, at most {@link #MAX_WAITING_REQUESTS} (the newest): after the
     * last staff message, the bot's last message (its hand-off) and the buyer messages after it, or every buyer
     * message when the bot did not write since. Meaningful only for a conversation no longer with the bot.
     */
    record Activity(long lastMessageAt, long unansweredSince, boolean personWrote, java.util.List<Long> requests) {
        public static final Activity NONE = new Activity(0, 0);

        public Activity {
            requests = java.util.List.copyOf(requests);
        }

        public Activity(long lastMessageAt, long unansweredSince) {
            this(lastMessageAt, unansweredSince, false, java.util.List.of());
        }
    }

    /** The most waiting requests {@link #activity} reads: the KPI clocks keep no more per conversation. */
    int MAX_WAITING_REQUESTS = 500;

    /**
     * The client message ids of the newest {@code limit} messages, keyed {@code senderId + '\u0000' + cmid},
     * with their seq and ts: lets a router that just loaded a conversation answer retries without a look-up.
     */
    Map<String, StoredCmid> recentCmids(String convId, int limit);

    /** Where {@code senderId} stored client message id {@code cmid} in the conversation, if they did. */
    java.util.Optional<StoredCmid> findCmid(String convId, String senderId, String cmid);
}
