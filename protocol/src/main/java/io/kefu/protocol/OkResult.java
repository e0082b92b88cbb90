package io.kefu.protocol;

import java.util.List;

/** The result carried by an {@link Ok}; its fields go flat beside {@code re} on the wire. */
public sealed interface OkResult {

    /** No fields: the request succeeded and has nothing to return. */
    enum Empty implements OkResult {
        INSTANCE
    }

    /** The answer to {@code hello}. {@code shopId} is {@code null} for buyers. */
    record HelloResult(String userId, Role role, String shopId, String sessionId, int heartbeatSec,
                       long serverTime, List<ConvSummary> conversations) implements OkResult {
        public HelloResult {
            conversations = conversations == null ? List.of() : List.copyOf(conversations);
        }
    }

    /** The answer to {@code open}. */
    record OpenResult(String conv, ConvState state) implements OkResult {
    }

    /** The answer to {@code send}, given after the message is durably stored. */
    record SendResult(String conv, long seq, long ts) implements OkResult {
    }

    /** The answer to {@code history} and {@code sync}: messages, oldest first. */
    record MessagesResult(List<Msg> messages) implements OkResult {
        public MessagesResult {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }
}
