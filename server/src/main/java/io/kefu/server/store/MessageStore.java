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

    /** Up to {@code limit} messages with {@code seq < beforeSeq}, oldest first (the newest page). */
    List<Msg> before(String convId, long beforeSeq, int limit);

    /** Up to {@code limit} messages with {@code seq > afterSeq}, oldest first. */
    List<Msg> after(String convId, long afterSeq, int limit);

    /** The highest stored seq of the conversation, 0 when it has none. */
    long lastSeq(String convId);

    /**
     * When the conversation's last message was stored, and since when its buyer waits for an answer: the
     * oldest buyer message after the last agent message (0 when answered). What a restart needs to resume
     * the idle and no-answer clocks.
     */
    Activity activity(String convId);

    record Activity(long lastMessageAt, long unansweredSince) {
        public static final Activity NONE = new Activity(0, 0);
    }

    /**
     * The client message ids of the newest {@code limit} messages, keyed {@code senderId + '\u0000' + cmid},
     * with their seq and ts: lets a router that just loaded a conversation answer retries without a look-up.
     */
    Map<String, StoredCmid> recentCmids(String convId, int limit);

    /** Where {@code senderId} stored client message id {@code cmid} in the conversation, if they did. */
    java.util.Optional<StoredCmid> findCmid(String convId, String senderId, String cmid);
}
