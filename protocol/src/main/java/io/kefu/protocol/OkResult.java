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

    /**
     * The answer to {@code send}, given after the message is durably stored. {@code text} is the text the
     * server made of a quick reply ({@code send} with {@code script}), else null; {@code warning} names the
     * compliance rule that warned about the message (it was delivered), else null (v1.1).
     */
    record SendResult(String conv, long seq, long ts, String text, RuleRef warning) implements OkResult {
        public SendResult(String conv, long seq, long ts) {
            this(conv, seq, ts, null, null);
        }

        /** This answer with {@code text} and {@code warning} set (a retry of the same cmid answers the same). */
        public SendResult with(String text, RuleRef warning) {
            return new SendResult(conv, seq, ts, text, warning);
        }
    }

    /**
     * The answer to {@code script.fill}: the script's text with the variables that have values filled in,
     * the others left as written, and the names of those ({@code missing}).
     */
    record ScriptFillResult(String text, List<String> missing) implements OkResult {
        public ScriptFillResult {
            missing = missing == null ? List.of() : List.copyOf(missing);
        }
    }

    /** The answer to {@code history} and {@code sync}: messages, oldest first. */
    record MessagesResult(List<Msg> messages) implements OkResult {
        public MessagesResult {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }
}
