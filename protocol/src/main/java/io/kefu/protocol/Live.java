package io.kefu.protocol;

/**
 * {@code live} (v1.1): a shop's live picture in brief, pushed to its connected supervisors and admins when it
 * changed, at most once per interval per shop. {@code conversations} open ones, {@code queued} of those waiting
 * in a queue, {@code waiting} those whose buyer waits for a person's reply, {@code oldestWaitingTs} since when
 * the longest of them waits (null when none), {@code agentsOnline} agents online, {@code chats} conversations
 * agents hold. The details are {@code GET .../live}.
 */
public record Live(long ts, int conversations, int queued, int waiting, Long oldestWaitingTs, int agentsOnline,
                   int chats) implements Frame {
    public static final String TYPE = "live";

    @Override
    public String type() {
        return TYPE;
    }
}
