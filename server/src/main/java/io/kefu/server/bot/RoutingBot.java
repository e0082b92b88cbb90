package io.kefu.server.bot;

import io.kefu.server.routing.spi.Bot;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The FAQ bot as routing sees it ({@link Bot}): {@link FaqBot}'s in-memory side. Thread-safe, never blocks. */
public final class RoutingBot implements Bot {
    private final FaqBot bot;

    public RoutingBot(FaqBot bot) {
        this.bot = bot;
    }

    @Override
    public CompletableFuture<Void> prepare(String shopId) {
        return bot.prepare(shopId);
    }

    @Override
    public Settings settings(String shopId) {
        BotSettings s = bot.settings(shopId);
        return new Settings(s.enabled(), s.greeting(), s.missesBeforeHandoff());
    }

    @Override
    public Reply reply(String shopId, String text) {
        BotReply r = bot.reply(shopId, text);
        if (r instanceof BotReply.Answer a) {
            return new Reply.Answer(a.faqId(), a.answer());
        }
        if (r instanceof BotReply.Suggestions s) {
            return new Reply.Suggestions(s.text(), s.items().stream().map(i -> new Item(i.faqId(), i.question())).toList());
        }
        if (r instanceof BotReply.Handoff h) {
            return new Reply.Handoff(h.word());
        }
        return Reply.MISS;
    }

    @Override
    public Optional<Reply.Answer> pick(String shopId, String faqId) {
        return bot.faq(shopId, faqId).map(f -> new Reply.Answer(f.id(), f.answer()));
    }

    @Override
    public void handedOff(String reason) {
        bot.meters().handoff(reason);
    }
}
