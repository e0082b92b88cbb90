package io.kefu.server.routing;

import io.kefu.protocol.Body;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.routing.spi.MessageFilter;
import io.kefu.server.routing.spi.ScriptSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages the server sends for a shop (its routing settings): the welcome when a conversation is first
 * assigned, and the after-hours reply when a buyer opens outside business hours. Each is a {@code text} message
 * from {@code {type: "system"}} with {@code body.auto} = {@code welcome} or {@code after_hours}, stored like any
 * other, filled like a quick reply ({@code {buyer.name}}, {@code {agent.name}}, {@code {shop.name}}; a variable
 * without a value stays as written) and checked by the compliance filter as the bot's messages are (a blocked
 * one is not sent). They are queued behind the command that caused them, so a buyer's first message comes first.
 * Runs on the shop's lane.
 */
final class AutoReplies {
    static final String WELCOME = "welcome";
    static final String AFTER_HOURS = "after_hours";
    private static final Logger log = LoggerFactory.getLogger(AutoReplies.class);
    private static final Party SYSTEM = new Party(PartyType.SYSTEM, null);

    private final ShopState shop;
    private final RouterContext ctx;
    private final Executor lane;
    private final Function<Msg, ?> append;

    /** A message to store: the router's append, so the time rules hear of it. */
    record Msg(ConversationState c, Body body) {
    }

    AutoReplies(ShopState shop, RouterContext ctx, Executor lane, Function<Msg, ?> append) {
        this.shop = shop;
        this.ctx = ctx;
        this.lane = lane;
        this.append = append;
    }

    /** The conversation was assigned to {@code agent}: the first time, the welcome goes out. */
    void assigned(ConversationState c, AgentState agent) {
        if (c.welcomed || shop.settings().welcomeText() == null) {
            return;
        }
        c.welcomed = true;
        String template = shop.settings().welcomeText();
        String agentName = agent.ref().name();
        lane.execute(() -> send(c, WELCOME, template, agentName));
    }

    /** The conversation was opened outside business hours. */
    void afterHours(ConversationState c) {
        String template = shop.settings().afterHoursText();
        if (template != null) {
            lane.execute(() -> send(c, AFTER_HOURS, template, null));
        }
    }

    private void send(ConversationState c, String kind, String template, String agentName) {
        if (shop.conversation(c.id()) != c) {
            return; // closed meanwhile
        }
        Map<String, String> values = new HashMap<>();
        values.put(ScriptSource.BUYER_NAME, c.buyer.name());
        values.put(ScriptSource.SHOP_NAME, shop.name());
        if (agentName != null) {
            values.put(ScriptSource.AGENT_NAME, agentName);
        }
        String text = ctx.scripts().fillText(template, values).text();
        MessageFilter.Outcome verdict = ctx.filter().check(shop.shopId(), PartyType.SYSTEM, null, c.id(), text);
        if (verdict instanceof MessageFilter.Outcome.Block b) {
            log.warn("auto reply not sent: a compliance rule blocks it shop={} conv={} kind={} rule={}",
                    shop.shopId(), c.id(), kind, b.rule().id());
            return;
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("text", text);
        body.put("auto", kind);
        append.apply(new Msg(c, new Body(body)));
    }

    static Party from() {
        return SYSTEM;
    }
}
