package io.kefu.server.routing.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The FAQ bot as routing sees it (contract §7): whether a shop's conversations start with it, and what it makes
 * of a buyer's message. Called on router lanes; in memory; never blocks.
 */
public interface Bot {
    /** No bot: every shop's conversations start with a person. */
    Bot NONE = new Bot() {
        @Override
        public CompletableFuture<Void> prepare(String shopId) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Settings settings(String shopId) {
            return Settings.OFF;
        }

        @Override
        public Reply reply(String shopId, String text) {
            return Reply.MISS;
        }

        @Override
        public Optional<Reply.Answer> pick(String shopId, String faqId) {
            return Optional.empty();
        }

        @Override
        public void handedOff(String reason) {
        }
    };

    /** The shop's bot settings routing needs. */
    record Settings(boolean enabled, String greeting, int missesBeforeHandoff) {
        public static final Settings OFF = new Settings(false, null, 2);
    }

    /** What the bot makes of a buyer's message. */
    sealed interface Reply permits Reply.Answer, Reply.Suggestions, Reply.Handoff, Reply.Miss {
        Miss MISS = new Miss();

        /** A confident answer from FAQ {@code faqId}. */
        record Answer(String faqId, String text) implements Reply {
        }

        /** Not sure: FAQs the buyer may mean, best first. */
        record Suggestions(String text, List<Item> items) implements Reply {
            public Suggestions {
                items = List.copyOf(items);
            }
        }

        /** The buyer asked for a person in words ({@code word}, as the shop set it). */
        record Handoff(String word) implements Reply {
        }

        /** Nothing came close. */
        record Miss() implements Reply {
        }
    }

    /** A suggested FAQ. */
    record Item(String faqId, String question) {
    }

    /** Completes when the shop's bot settings and FAQs are in memory; routing awaits it before serving the shop. */
    CompletableFuture<Void> prepare(String shopId);

    Settings settings(String shopId);

    Reply reply(String shopId, String text);

    /** The answer of FAQ {@code faqId} of the shop, for a buyer who picked a suggestion. */
    Optional<Reply.Answer> pick(String shopId, String faqId);

    /** A conversation left the bot for a person: {@code frame}, {@code word} or {@code misses}. */
    void handedOff(String reason);
}
