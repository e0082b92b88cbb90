package io.kefu.server.bot;

import java.util.List;

/** What the bot makes of a buyer's message ({@link FaqBot#reply}). */
public sealed interface BotReply {
    /** No FAQ came close and no hand-off word was said. */
    BotReply MISS = new Miss();

    /** The best FAQ scored at least the shop's threshold and clearly above the next. */
    record Answer(String faqId, String question, String answer, double score) implements BotReply {
    }

    /** FAQs that may be what the buyer means, best first (at most {@link FaqMatcher#MAX_SUGGESTIONS}). */
    record Suggestions(String text, List<Item> items) implements BotReply {
        public Suggestions {
            items = List.copyOf(items);
        }
    }

    /** A suggested FAQ: the buyer picks it by sending a message with its {@code faqId}. */
    record Item(String faqId, String question) {
    }

    /** The message contains a hand-off word ({@code word} as the shop set it). */
    record Handoff(String word) implements BotReply {
    }

    record Miss() implements BotReply {
    }
}
