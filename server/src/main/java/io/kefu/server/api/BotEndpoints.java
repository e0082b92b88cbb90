package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.bot.BotSettings;
import io.kefu.server.bot.BotSettingsJson;
import io.kefu.server.bot.Faq;
import io.kefu.server.bot.FaqBot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The FAQ bot over HTTP (contract §7): a shop's bot settings and FAQs. The shop's staff read them; its
 * supervisors and admins (and the platform admin) change them. Role checks and body parsing run on the
 * calling event loop; reads and changes on the store executor (see {@link FaqBot}), and a change is in
 * the bot's memory before it is answered.
 */
final class BotEndpoints {
    private final FaqBot bot;

    BotEndpoints(ApiServices services) {
        this.bot = services.bot();
    }

    CompletableFuture<ObjectNode> getSettings(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return bot.storedSettings(shopId).thenApply(BotSettingsJson::toJson);
    }

    CompletableFuture<ObjectNode> putSettings(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody body = r.json();
        BotSettingsJson.merge(BotSettings.DEFAULT, body.node()); // refuse bad input before the store is asked
        return bot.updateSettings(shopId, current -> BotSettingsJson.merge(current, body.node()), who.userId())
                .thenApply(BotSettingsJson::toJson);
    }

    CompletableFuture<ObjectNode> listFaqs(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return bot.faqs(shopId).thenApply(faqs -> ApiJson.list("faqs", faqs, BotEndpoints::faqJson));
    }

    CompletableFuture<ObjectNode> createFaq(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        Faq draft = Faq.draft(b.string("question", Faq.MAX_QUESTION), b.string("answer", Faq.MAX_ANSWER),
                keywords(b).orElse(List.of()));
        return bot.createFaq(shopId, draft, who.userId()).thenApply(BotEndpoints::faqJson);
    }

    CompletableFuture<ObjectNode> updateFaq(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String faqId = r.param("faqId");
        JsonBody b = r.json();
        Optional<String> question = b.optionalString("question", Faq.MAX_QUESTION);
        Optional<String> answer = b.optionalString("answer", Faq.MAX_ANSWER);
        Optional<List<String>> keywords = keywords(b);
        if (question.isEmpty() && answer.isEmpty() && keywords.isEmpty()) {
            throw KefuException.badRequest("nothing to change: send at least one of 'question', 'answer', 'keywords'");
        }
        return bot.updateFaq(shopId, faqId, current -> new Faq(faqId, question.orElse(current.question()),
                answer.orElse(current.answer()), keywords.orElse(current.keywords())), who.userId())
                .thenApply(BotEndpoints::faqJson);
    }

    CompletableFuture<ObjectNode> deleteFaq(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String faqId = r.param("faqId");
        return bot.deleteFaq(shopId, faqId, who.userId())
                .thenApply(ignored -> ApiJson.object().put("id", faqId).put("deleted", true));
    }

    static ObjectNode faqJson(Faq f) {
        ObjectNode n = ApiJson.object().put("id", f.id()).put("question", f.question()).put("answer", f.answer());
        f.keywords().forEach(n.putArray("keywords")::add);
        return n;
    }

    private static Optional<List<String>> keywords(JsonBody b) {
        return b.stringList("keywords", false, Faq.MAX_KEYWORDS, Faq.MAX_KEYWORD);
    }
}
