package io.kefu.server.bot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bot's meters: what it made of buyers' messages ({@value #REPLIES}, by result), suggestions buyers
 * picked ({@value #PICKED}) and hand-offs to a person ({@value #HANDOFFS}, by reason). Replies and picks
 * are counted by {@link FaqBot}; hand-offs by whoever hands the conversation over ({@link #handoff}), since
 * only routing knows that one happened. The hit rate is {@code answer / (answer + suggestions + miss)}
 * (docs/metrics.md). Every series exists from the start, at 0. Thread-safe: called on every router lane.
 */
public final class BotMeters {
    public static final String REPLIES = "kefu.bot.replies";
    public static final String PICKED = "kefu.bot.suggestions.picked";
    public static final String HANDOFFS = "kefu.bot.handoffs";

    /** Why a conversation left the bot for a person. */
    public enum HandoffReason {
        /** The buyer sent the {@code human} frame. */
        FRAME,
        /** The buyer's message contained a hand-off word. */
        WORD,
        /** The bot missed {@code missesBeforeHandoff} times in a row. */
        MISSES;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter answers;
    private final Counter suggestions;
    private final Counter misses;
    private final Counter handoffReplies;
    private final Counter picked;
    private final Map<HandoffReason, Counter> handoffs = new EnumMap<>(HandoffReason.class);

    public BotMeters(MeterRegistry registry) {
        answers = reply(registry, "answer");
        suggestions = reply(registry, "suggestions");
        misses = reply(registry, "miss");
        handoffReplies = reply(registry, "handoff");
        picked = Counter.builder(PICKED).description("Suggested FAQs buyers picked, each answered").register(registry);
        for (HandoffReason r : HandoffReason.values()) {
            handoffs.put(r, Counter.builder(HANDOFFS).tag("reason", r.wire())
                    .description("Conversations the bot handed to a person, by reason: frame (the buyer asked with"
                            + " the human frame), word (a hand-off word), misses (too many misses in a row)")
                    .register(registry));
        }
    }

    /** Counts one hand-off; {@code reason} is {@code frame}, {@code word} or {@code misses}. */
    public void handoff(String reason) {
        for (HandoffReason r : HandoffReason.values()) {
            if (r.wire().equals(reason)) {
                handoff(r);
                return;
            }
        }
        throw new IllegalArgumentException("hand-off reason must be frame, word or misses, was '" + reason + "'");
    }

    public void handoff(HandoffReason reason) {
        handoffs.get(reason).increment();
    }

    void replied(BotReply reply) {
        Counter c = reply instanceof BotReply.Answer ? answers
                : reply instanceof BotReply.Suggestions ? suggestions
                : reply instanceof BotReply.Handoff ? handoffReplies : misses;
        c.increment();
    }

    void picked() {
        picked.increment();
    }

    private static Counter reply(MeterRegistry registry, String result) {
        return Counter.builder(REPLIES).tag("result", result)
                .description("Buyer messages the bot read, by result: answer (a FAQ matched with confidence),"
                        + " suggestions, miss, handoff (the message held a hand-off word)")
                .register(registry);
    }
}
