package io.kefu.server.store;

import io.kefu.server.bot.BotSettings;
import io.kefu.server.bot.Faq;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The FAQ bot's settings and FAQs (contract §7). Every call is scoped by shop, so another shop's FAQ id
 * is simply not found; an unknown shop is {@code not_found}. Writes to one shop's bot are serialised on
 * the shop row, which keeps the FAQ count true and settings changes from overwriting each other. Runs on
 * store threads only.
 */
public interface BotStore {

    /** A shop's whole bot, read in one go: its settings and FAQs, oldest first. */
    record ShopBot(BotSettings settings, List<Faq> faqs) {
        public ShopBot {
            faqs = List.copyOf(faqs);
        }
    }

    ShopBot load(String shopId);

    BotSettings settings(String shopId);

    /** Applies {@code change} to the stored settings under the shop's lock and stores the result. */
    BotSettings updateSettings(String shopId, UnaryOperator<BotSettings> change);

    /** The shop's FAQs, oldest first. */
    List<Faq> faqs(String shopId);

    Optional<Faq> find(String shopId, String faqId);

    /** Stores a checked draft under a new id; {@code invalid_state} when the shop has {@code maxPerShop}. */
    Faq create(String shopId, Faq draft, int maxPerShop);

    /** Replaces a FAQ's question, answer and keywords; empty when the shop has no such FAQ. */
    Optional<Faq> update(String shopId, Faq faq);

    /** {@code false} when the shop has no such FAQ. */
    boolean delete(String shopId, String faqId);
}
