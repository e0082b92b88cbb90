package io.kefu.server.routing.spi;

import io.kefu.protocol.PartyType;
import io.kefu.protocol.RuleRef;
import java.util.concurrent.CompletableFuture;

/**
 * Checks the text of a message before it is stored (the compliance filter, contract §8). Routing calls
 * {@link #check} on the shop's lane for every agent, bot, system and buyer message that has text; the
 * implementation audits what it matched. Must not block.
 */
public interface MessageFilter {
    /** A filter that lets everything through. */
    MessageFilter NONE = new MessageFilter() {
        @Override
        public Outcome check(String shopId, PartyType from, String fromId, String conv, String text) {
            return Outcome.PASS;
        }

        @Override
        public CompletableFuture<Void> prepare(String shopId) {
            return CompletableFuture.completedFuture(null);
        }
    };

    /**
     * What may happen to a message: {@link Pass}, {@link Warn} (deliver; the sender's {@code ok} names the
     * rule) or {@link Block} (refuse with {@code blocked_content}; nothing stored or delivered).
     */
    sealed interface Outcome permits Outcome.Pass, Outcome.Warn, Outcome.Block {
        Pass PASS = new Pass();

        record Pass() implements Outcome {
        }

        record Warn(RuleRef rule) implements Outcome {
        }

        record Block(RuleRef rule) implements Outcome {
        }
    }

    /**
     * Checks {@code text}, written by {@code from} ({@code fromId}: the agent's or buyer's id, null for the bot and
     * the system) in conversation {@code conv}, and audits a match. A buyer's message is never blocked: a
     * matching rule is audited and the message delivered ({@link Outcome.Pass} is returned to the caller).
     */
    Outcome check(String shopId, PartyType from, String fromId, String conv, String text);

    /** Completes when the shop's rules are in memory; routing awaits it before it serves the shop. Any thread. */
    CompletableFuture<Void> prepare(String shopId);
}
