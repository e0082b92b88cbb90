package io.kefu.server.routing;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.Entry;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.OkResult.ScriptFillResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Read;
import io.kefu.protocol.Role;
import io.kefu.protocol.RuleRef;
import io.kefu.protocol.Typing;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.policy.Priority;
import io.kefu.server.routing.spi.Bot;
import io.kefu.server.routing.spi.MessageFilter;
import io.kefu.server.routing.spi.ScriptSource;
import io.kefu.server.settings.RoutingSettings;
import io.kefu.server.store.AgentRecord;
import io.kefu.server.store.ConversationRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor that owns one shop's routing state: its open conversations, queues and agents. Every public
 * method may be called from any thread; the work runs on the shop's router lane, one command at a time,
 * and the returned future completes there. Until the shop is loaded from the store, commands wait in a
 * mailbox; if the load fails they fail with it and the router is dropped, so the next call tries again.
 */
public final class ShopRouter {
    private static final Logger log = LoggerFactory.getLogger(ShopRouter.class);

    private final String shopId;
    private final Executor lane;
    private final RouterContext ctx;
    private final Consumer<ShopRouter> onFailed;
    private final Pushes pushes;
    private final MessageSequencer sequencer;
    private final ShopState state;
    private final Assignments assignments;
    private final Lifecycle lifecycle;
    private final Transfers transfers;
    private final Deadlines deadlines;
    private final Timekeeper timekeeper;
    private final Mailbox mailbox;
    private final LivePushes live;
    /** Set once this node stops serving the shop (cluster mode: the shop moved); read by timer threads. */
    private volatile boolean retired;
    private final WritesInFlight writes = new WritesInFlight();

    ShopRouter(String shopId, RouterLanes.Lane lane, RouterContext shared, OpenConversations open,
               Consumer<ShopRouter> onFailed) {
        // Once retired (the shop moved to another node), nothing this router still has under way reaches the store
        // through it, conversation records and messages alike: a late write would land behind the new owner's back.
        java.util.function.BooleanSupplier stopped = () -> this.retired;
        RouterContext ctx = shared.guardedBy(stopped, shopId);
        this.shopId = shopId;
        this.lane = lane;
        this.ctx = ctx;
        this.onFailed = onFailed;
        this.pushes = new Pushes(ctx.bus());
        this.sequencer = new MessageSequencer(ctx.writer(), pushes, lane.continuations(), ctx.clock(), ctx.listener(),
                writes, stopped);
        this.state = new ShopState(shopId);
        this.assignments = new Assignments(state, pushes, ctx.clock(), ctx.listener(), this::persist);
        this.mailbox = new Mailbox(shopId, lane);
        this.lifecycle = new Lifecycle(state, ctx, lane, assignments, pushes, this::persist, open);
        this.transfers = new Transfers(state, lifecycle, assignments, pushes);
        this.deadlines = new Deadlines(ctx.timers(), this::tick);
        this.timekeeper = new Timekeeper(state, ctx.clock(), deadlines, assignments, pushes);
        assignments.timekeeper = timekeeper;
        AutoReplies autoReplies = new AutoReplies(state, ctx, lane,
                m -> append(m.c(), AutoReplies.from(), "text", m.body(), null, null));
        assignments.autoReplies = autoReplies;
        timekeeper.autoReplies = autoReplies;
        timekeeper.actWith(lifecycle, transfers);
        this.live = new LivePushes(state, pushes,
                () -> ctx.timers().schedule(ctx.clock().millis() + ctx.livePushMs(), this::liveTick));
        lane.execute(this::load);
    }

    public String shopId() {
        return shopId;
    }

    // ---- commands -------------------------------------------------------------------------------

    /** A buyer opens (or returns to) their conversation with this shop. */
    public CompletableFuture<OpenResult> open(Principal buyer, Open open) {
        String text = open.text();
        if (text != null && text.length() > ctx.maxTextChars()) {
            return CompletableFuture.failedFuture(new KefuException(ErrorCode.TOO_LARGE,
                    "open.text has " + text.length() + " characters; the limit is " + ctx.maxTextChars()));
        }
        return ask(reply -> {
            ConversationState existing = state.openOf(buyer.userId());
            if (existing != null) {
                afterOpen(existing, buyer, open.text(), false, reply);
                return;
            }
            CompletableFuture<ConversationState> pending = state.opening(buyer.userId());
            if (pending != null) {
                pending.whenCompleteAsync((c, e) -> {
                    if (e != null) {
                        reply.completeExceptionally(e);
                    } else {
                        afterOpen(c, buyer, open.text(), false, reply);
                    }
                }, lane);
                return;
            }
            CompletableFuture<ConversationState> created = lifecycle.create(buyer, open.entry(), open.text(),
                    assignments.rules(), ctx.bot().settings(shopId).enabled());
            created.whenComplete((c, e) -> {
                if (e != null) {
                    reply.completeExceptionally(e);
                } else {
                    try {
                        afterOpen(c, buyer, open.text(), true, reply);
                    } catch (RuntimeException failure) {
                        reply.completeExceptionally(failure); // on a callback: nobody else would answer
                    }
                }
            });
        });
    }

    /**
     * Finishes an open: a new conversation is offered to the group first, so that the first message
     * reaches the agent who gets it; the answer comes after that message is stored. A buyer returning
     * to an open conversation is told again where it stands.
     */
    private void afterOpen(ConversationState c, Principal buyer, String text, boolean fresh,
                           CompletableFuture<OpenResult> reply) {
        if (fresh && c.state() == ConvState.BOT) {
            botSay(c, "text", Body.text(botGreeting()));
        } else if (fresh) {
            timekeeper.opened(c);
            timekeeper.queued(c);
            if (!assignments.offerToLastAgent(c)) {
                assignments.drain(state.group(c.record.groupId()).orElseThrow());
            }
        } else if (c.state() == ConvState.QUEUED) {
            assignments.pushPosition(c);
        } else if (c.state() == ConvState.ASSIGNED) {
            state.agent(c.agentId()).ifPresent(a -> pushes.assignedToBuyer(c, a));
        }
        if (text == null || text.isBlank()) {
            reply.complete(new OpenResult(c.id(), c.state()));
            return;
        }
        Body body = Body.text(text);
        lifecycle.validateBody("text", body);
        ctx.filter().check(shopId, PartyType.BUYER, buyer.userId(), c.id(), text); // audited only
        if (!fresh) {
            firstBuyerMessage(c, body); // a new conversation weighed its first text when it was placed
        }
        CompletableFuture<SendResult> stored = append(c, new Party(PartyType.BUYER, buyer.userId()), "text", body,
                null, null);
        botAnswersAfter(c, stored, body);
        ctx.bounded(stored, "the message")
                .whenComplete((r, e) -> {
                    if (e != null) {
                        reply.completeExceptionally(e);
                    } else {
                        reply.complete(new OpenResult(c.id(), c.state()));
                    }
                });
    }

    /** 转人工: leave the bot for a person. A conversation that is not with the bot stays as it is. */
    public CompletableFuture<Void> human(Principal p, String convId) {
        return ask(reply -> {
            ConversationState c = lifecycle.visible(p, convId);
            if (c.state() == ConvState.BOT) {
                handOff(c, "frame");
            }
            afterWrites(c, reply);
        });
    }

    // ---- the FAQ bot (contract §7) ----------------------------------------------------------------

    private static final Party BOT = new Party(PartyType.BOT, null);
    static final String BOT_UNSURE = "抱歉，我没有理解您的问题。您可以换个说法，或发送“转人工”联系人工客服。";
    static final String BOT_HANDOFF = "正在为您转接人工客服，请稍候…";

    private String botGreeting() {
        String g = ctx.bot().settings(shopId).greeting();
        return g == null || g.isBlank() ? "您好，我是智能客服，请问有什么可以帮您？" : g;
    }

    /** Once the buyer's message is stored, the bot answers it, if the conversation is still with the bot. */
    private void botAnswersAfter(ConversationState c, CompletableFuture<SendResult> stored, Body body) {
        if (c.state() != ConvState.BOT) {
            return;
        }
        stored.thenRun(() -> { // completes on the lane
            if (state.conversation(c.id()) == c && c.state() == ConvState.BOT) {
                botAnswer(c, body);
            }
        });
    }

    /**
     * The bot's turn: a picked suggestion ({@code body.faqId}) is answered; otherwise the text is matched. A
     * confident match is answered, an unsure one gets suggestions, a hand-off word or enough misses in a row
     * hand the buyer to a person.
     */
    private void botAnswer(ConversationState c, Body body) {
        String faqId = body.string("faqId");
        if (faqId != null) {
            Optional<Bot.Reply.Answer> picked = ctx.bot().pick(shopId, faqId);
            if (picked.isPresent()) {
                c.botMisses = 0;
                botSay(c, "text", answerBody(picked.get()));
                return;
            }
        }
        String text = body.text();
        Bot.Reply r = text == null || text.isBlank() ? Bot.Reply.MISS : ctx.bot().reply(shopId, text);
        if (r instanceof Bot.Reply.Answer a) {
            c.botMisses = 0;
            if (!botSay(c, "text", answerBody(a))) {
                botMissed(c);
            }
        } else if (r instanceof Bot.Reply.Suggestions s) {
            List<Object> items = new ArrayList<>();
            for (Bot.Item i : s.items()) {
                Map<String, Object> item = new java.util.LinkedHashMap<>();
                item.put("faqId", i.faqId());
                item.put("question", i.question());
                items.add(item);
            }
            Map<String, Object> b = new java.util.LinkedHashMap<>();
            b.put("text", s.text());
            b.put("items", items);
            botSay(c, "suggestions", new Body(b));
        } else if (r instanceof Bot.Reply.Handoff) {
            handOff(c, "word");
        } else {
            botMissed(c);
        }
    }

    private static Body answerBody(Bot.Reply.Answer a) {
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("text", a.text());
        b.put("faqId", a.faqId());
        return new Body(b);
    }

    private void botMissed(ConversationState c) {
        c.botMisses++;
        if (c.botMisses >= Math.max(1, ctx.bot().settings(shopId).missesBeforeHandoff())) {
            handOff(c, "misses");
        } else {
            botSay(c, "text", Body.text(BOT_UNSURE));
        }
    }

    /** A message from the bot, if the compliance filter lets it through; false when it did not. */
    private boolean botSay(ConversationState c, String kind, Body body) {
        String text = body.text();
        if (text != null && !text.isEmpty() && ctx.filter().check(shopId, PartyType.BOT, null, c.id(), text)
                instanceof MessageFilter.Outcome.Block) {
            log.warn("bot message not sent: a compliance rule blocks it shop={} conv={}", shopId, c.id());
            assignments.kpi.blocked(c, null);
            return false;
        }
        append(c, BOT, kind, body, null, null);
        return true;
    }

    /**
     * The buyer leaves the bot for a person ({@code reason}: frame, word, misses): the bot says so, and the
     * conversation joins its group's queue as any new one would; the agent who gets it hears {@code fromBot}.
     */
    private void handOff(ConversationState c, String reason) {
        ctx.bot().handedOff(reason);
        log.info("conversation handed off by the bot conv={} shop={} reason={}", c.id(), shopId, reason);
        append(c, BOT, "text", Body.text(BOT_HANDOFF), null, null);
        c.fromBot = true;
        c.unansweredSince = ctx.clock().millis(); // the buyer waits for a person from now
        assignments.kpi.handedOff(c);
        String groupId = c.record.groupId() != null ? c.record.groupId()
                : assignments.rules().groupFor(c.entry(), c.buyer.tags()).id();
        timekeeper.opened(c);
        assignments.enqueue(c, state.group(groupId).orElseThrow(), false);
    }

    /** A message from a participant; answered once it is stored. */
    public CompletableFuture<SendResult> send(Principal p, String convId, String cmid, String kind, Body body) {
        return send(p, convId, cmid, kind, body, null);
    }

    /**
     * A message from a participant, or with {@code script} a quick reply (staff only) that is filled here and
     * sent as text; answered once it is stored. A retried {@code cmid} gets the first answer before anything
     * else is looked at. Agents' messages pass the compliance filter first (buyers' are only audited).
     */
    public CompletableFuture<SendResult> send(Principal p, String convId, String cmid, String kind, Body body,
                                              String script) {
        return ask(reply -> {
            ConversationState c = lifecycle.visible(p, convId);
            Party from = new Party(p.role() == Role.BUYER ? PartyType.BUYER : PartyType.AGENT, p.userId());
            CompletableFuture<SendResult> known = sequencer.known(c, from, cmid);
            if (known != null) {
                ctx.bounded(known, "the message").whenComplete((r, e) -> complete(reply, r, e));
                return;
            }
            if (script == null) {
                if (OrderCards.KIND.equals(kind)) {
                    orderCard(c, p, from, cmid, body, reply);
                    return;
                }
                deliver(c, p, from, cmid, kind, body, null, reply);
                return;
            }
            Permissions.require(p, Permission.SEND_SCRIPT, shopId);
            OrderCards.withOrder(ctx.orders(), shopId, c.buyer.id(), scriptValues(c, p))
                    .thenCompose(values -> ctx.scripts().fill(shopId, script, p, values)).whenCompleteAsync((found, e) -> {
                try {
                    ScriptSource.Filled filled = scriptOrFail(script, found, e);
                    ConversationState now = lifecycle.visible(p, convId); // it may have closed meanwhile
                    if (!filled.complete()) {
                        throw KefuException.invalidState("script " + script + " uses {"
                                + String.join("}, {", filled.missing()) + "}, which conversation " + convId
                                + " has no value for; nothing was sent");
                    }
                    deliver(now, p, from, cmid, "text", Body.text(filled.text()), script, reply);
                } catch (RuntimeException failure) {
                    reply.completeExceptionally(failure);
                }
            }, lane);
        });
    }

    /** {@code script.fill}: the script filled from the conversation, with the variables that have no value. */
    public CompletableFuture<ScriptFillResult> scriptFill(Principal p, String convId, String script) {
        return ask(reply -> {
            ConversationState c = lifecycle.visible(p, convId);
            Permissions.require(p, Permission.FRAME_SCRIPT_FILL, shopId);
            OrderCards.withOrder(ctx.orders(), shopId, c.buyer.id(), scriptValues(c, p))
                    .thenCompose(values -> ctx.scripts().fill(shopId, script, p, values)).whenComplete((found, e) -> {
                try {
                    ScriptSource.Filled filled = scriptOrFail(script, found, e);
                    reply.complete(new ScriptFillResult(filled.text(), filled.missing()));
                } catch (RuntimeException failure) {
                    reply.completeExceptionally(failure);
                }
            });
        });
    }

    /** The values of a quick reply's variables in this conversation, for the agent {@code p}. On the lane. */
    private Map<String, String> scriptValues(ConversationState c, Principal p) {
        Map<String, String> values = new HashMap<>();
        values.put(ScriptSource.BUYER_NAME, c.buyer.name());
        values.put(ScriptSource.AGENT_NAME, state.agent(p.userId()).map(a -> a.ref().name()).orElse(p.name()));
        values.put(ScriptSource.SHOP_NAME, state.name());
        Entry entry = c.entry();
        if (entry != null && Entry.ORDER.equals(entry.type())) {
            values.put(ScriptSource.ORDER_NO, entry.ref());
        } else if (c.lastOrderNo != null) {
            values.put(ScriptSource.ORDER_NO, c.lastOrderNo);
        }
        return values;
    }

    /**
     * An order card: the order is looked up (off the lane), then its snapshot is stored in the body, back on the
     * lane; once stored it becomes the conversation's order for the quick-reply variables.
     */
    private void orderCard(ConversationState c, Principal p, Party from, String cmid, Body body,
                           CompletableFuture<SendResult> reply) {
        lifecycle.validateBody(OrderCards.KIND, body);
        String orderNo = body.orderNo();
        String convId = c.id();
        ctx.orders().find(shopId, orderNo).whenCompleteAsync((found, e) -> {
            try {
                Body card = OrderCards.body(orderNo, body, c.buyer.id(), found, e);
                ConversationState now = lifecycle.visible(p, convId); // it may have closed meanwhile
                CompletableFuture<SendResult> known = sequencer.known(now, from, cmid);
                if (known != null) {
                    ctx.bounded(known, "the message").whenComplete((r, x) -> complete(reply, r, x));
                    return;
                }
                CompletableFuture<SendResult> stored = new CompletableFuture<>();
                deliver(now, p, from, cmid, OrderCards.KIND, card, null, stored);
                stored.whenCompleteAsync((r, x) -> {
                    if (x == null) {
                        now.lastOrderNo = orderNo;
                    }
                    complete(reply, r, x);
                }, lane);
            } catch (RuntimeException failure) {
                reply.completeExceptionally(failure);
            }
        }, lane);
    }

    private static ScriptSource.Filled scriptOrFail(String script, Optional<ScriptSource.Filled> found, Throwable e) {
        if (e != null) {
            throw KefuException.unwrap(e) instanceof KefuException k ? k
                    : new KefuException(ErrorCode.INTERNAL, "script " + script + " could not be read; retry", e);
        }
        return found.orElseThrow(() -> KefuException.notFound("script " + script));
    }

    /**
     * Validates, filters and stores a message whose cmid is new. {@code script} is the quick reply it was made
     * from (its use is counted once stored, and the {@code ok} echoes the text), else null. On the lane.
     */
    private void deliver(ConversationState c, Principal p, Party from, String cmid, String kind, Body body,
                         String script, CompletableFuture<SendResult> reply) {
        lifecycle.validateBody(kind, body);
        RuleRef warning = null;
        String text = body.text();
        if (text != null && !text.isEmpty()) {
            MessageFilter.Outcome verdict = ctx.filter().check(shopId, from.type(), from.id(), c.id(), text);
            if (verdict instanceof MessageFilter.Outcome.Block b) {
                assignments.kpi.blocked(c, from.id());
                throw KefuException.blocked("the message breaks compliance rule '" + b.rule().name()
                        + "'; it was not sent", b.rule());
            }
            if (verdict instanceof MessageFilter.Outcome.Warn w) {
                warning = w.rule();
            }
        }
        if (p.role() == Role.BUYER) {
            firstBuyerMessage(c, body);
        }
        String alsoTo = p.role().isStaff() && !p.userId().equals(c.agentId()) ? p.userId() : null;
        CompletableFuture<SendResult> stored = append(c, from, kind, body, cmid, alsoTo, script == null ? null : text,
                warning);
        if (p.role() == Role.BUYER) {
            botAnswersAfter(c, stored, body);
        }
        if (script != null) {
            stored.thenRun(() -> ctx.scripts().used(shopId, script));
        }
        ctx.bounded(stored, "the message").whenComplete((r, e) -> complete(reply, r, e));
    }

    /** Stores a message; once stored, the time rules hear of it (idle and no-answer clocks). */
    private CompletableFuture<SendResult> append(ConversationState c, Party from, String kind, Body body, String cmid,
                                                 String alsoTo) {
        return append(c, from, kind, body, cmid, alsoTo, null, null);
    }

    private CompletableFuture<SendResult> append(ConversationState c, Party from, String kind, Body body, String cmid,
                                                 String alsoTo, String okText, RuleRef warning) {
        return sequencer.append(c, from, kind, body, cmid, alsoTo, okText, warning).whenComplete((r, e) -> {
            if (e == null && state.conversation(c.id()) == c) {
                assignments.kpi.stored(c, from.type(), from.id(), r.ts());
                timekeeper.messageStored(c, from.type(), r.ts());
            }
        });
    }

    /** A queued buyer's first message may make the conversation urgent (contract §5). */
    private void firstBuyerMessage(ConversationState c, Body body) {
        if (c.buyerSpoke) {
            return;
        }
        c.buyerSpoke = true;
        if (c.state() == ConvState.QUEUED && c.priority() != Priority.URGENT
                && state.settings().isUrgent(body == null ? null : body.text())) {
            assignments.raise(c, Priority.URGENT);
        }
    }

    public CompletableFuture<Void> read(Principal p, Read read) {
        return ask(reply -> {
            lifecycle.markRead(p, read.conv(), read.seq());
            reply.complete(null);
        });
    }

    public CompletableFuture<Void> typing(Principal p, Typing typing) {
        return ask(reply -> {
            ConversationState c = lifecycle.visible(p, typing.conv());
            lifecycle.toOtherSide(c, p, new Typing(null, c.id(), p.userId()));
            reply.complete(null);
        });
    }

    /** Checks that {@code p} may read the conversation's messages (open or closed) and returns it. */
    public CompletableFuture<ConversationRecord> authorizeRead(Principal p, String convId) {
        return ask(reply -> lifecycle.authorizeRead(p, convId).whenComplete((r, e) -> complete(reply, r, e)));
    }

    public CompletableFuture<Void> status(Principal agent, AgentStatus value) {
        return ask(reply -> withAgent(agent, a -> {
            AgentStatus before = a.status;
            a.status = value;
            if (before != value) {
                log.info("agent status agent={} shop={} {} -> {}", a.id(), shopId, before.wire(), value.wire());
                pushes.status(a.id(), value, null, state.connectedManagers());
            }
            timekeeper.watchShift(a);
            assignments.offerWork(a);
            reply.complete(null);
        }, reply));
    }

    public CompletableFuture<Void> pick(Principal agent, String convId) {
        return ask(reply -> withAgent(agent, a -> {
            ConversationState c = state.conversation(convId);
            transfers.pick(a, convId);
            afterWrites(c, reply);
        }, reply));
    }

    public CompletableFuture<Void> transfer(Principal p, String convId, String toAgent, String toGroup, String note) {
        return ask(reply -> {
            ConversationState c = state.conversation(convId);
            transfers.transfer(p, convId, toAgent, toGroup, note);
            afterWrites(c, reply);
        });
    }

    public CompletableFuture<Void> close(Principal p, String convId, String reason) {
        return ask(reply -> {
            ConversationState c = state.conversation(convId);
            lifecycle.close(p, convId, reason);
            afterWrites(c, reply);
        });
    }

    public CompletableFuture<Void> rate(Principal buyer, String convId, int score, String comment) {
        return ask(reply -> lifecycle.rate(buyer, convId, score, comment).whenComplete((r, e) -> complete(reply, r, e)));
    }

    /**
     * An after-sale ticket of the buyer changed (contract §10): when {@code convId} is the buyer's open conversation
     * here, {@code body} is stored in it as a {@code system} message and {@code push} goes to its participants;
     * otherwise the buyer alone gets {@code push}. Completes once the message is stored (or at once without one).
     */
    public CompletableFuture<Void> afterSale(String convId, String buyerId, Body body, io.kefu.protocol.Frame push) {
        return ask(reply -> {
            ConversationState c = convId == null ? null : state.conversation(convId);
            if (c == null || !c.record.buyerId().equals(buyerId)) {
                pushes.to(buyerId, push);
                reply.complete(null);
                return;
            }
            append(c, AutoReplies.from(), "system", body, null, null).whenComplete((r, e) -> {
                pushes.toParticipants(c, push);
                complete(reply, null, e);
            });
        });
    }

    /** The shop's queues and agents as its managers see them (contract §5, {@code GET .../queue}). */
    public CompletableFuture<QueueView> queueView() {
        return ask(reply -> reply.complete(assignments.view()));
    }

    /** The shop's open conversations and agents as its managers see them live (contract §11, {@code GET .../live}). */
    public CompletableFuture<LiveView> liveView() {
        return ask(reply -> reply.complete(LiveView.of(state, ctx.clock().millis())));
    }

    /** Runs {@code look} on the lane over the router's state: for the routing model test's invariants. */
    <T> CompletableFuture<T> inspect(java.util.function.BiFunction<ShopState, Assignments, T> look) {
        return ask(reply -> reply.complete(look.apply(state, assignments)));
    }

    /**
     * The open conversations a staff member sees at {@code hello}: assigned ones, or all for supervisors. Those
     * assigned to {@code staff} carry the 3-minute mark ({@code replyBy}) while their buyer waits.
     */
    public CompletableFuture<List<ConvSummary>> openFor(Principal staff) {
        return summaries(c -> Permissions.allows(staff, Permission.WHOLE_SHOP_CONVERSATIONS, shopId)
                || staff.userId().equals(c.agentId()), staff.userId());
    }

    /**
     * The buyer's open conversations in this shop as this router has them: their state and last stored
     * seq are current here, while the store's copy of the state is written behind the router.
     */
    public CompletableFuture<List<ConvSummary>> openForBuyer(String buyerId) {
        return summaries(c -> buyerId.equals(c.record.buyerId()), null);
    }

    /**
     * The open conversations that pass {@code which}, with their state and last stored seq, and {@code replyBy} on
     * those assigned to {@code agentId} (null: on none).
     */
    private CompletableFuture<List<ConvSummary>> summaries(Predicate<ConversationState> which, String agentId) {
        return ask(reply -> {
            List<ConvSummary> list = new ArrayList<>();
            for (ConversationState c : state.openConversations()) {
                if (which.test(c)) {
                    list.add(new ConvSummary(c.id(), shopId, c.state(), c.durableSeq,
                            agentId != null && agentId.equals(c.agentId()) ? KpiCalls.replyBy(c) : null));
                }
            }
            reply.complete(list);
        });
    }

    /** A connection of this agent authenticated; their status is kept across reconnects. */
    public void agentConnected(Principal agent) {
        ask(reply -> withAgent(agent, a -> {
            a.connections++;
            a.disconnectedAt = 0;
            if (Permissions.allows(a.record.role(), Permission.WHOLE_SHOP_CONVERSATIONS)) {
                live.managerConnected();
            }
            timekeeper.watchShift(a);
            assignments.offerWork(a);
            reply.complete(null);
        }, reply));
    }

    /** A connection of this agent closed; when it was the last, their grace period starts. */
    public void agentDisconnected(Principal agent) {
        ask(reply -> {
            state.agent(agent.userId()).ifPresent(a -> {
                a.connections = Math.max(0, a.connections - 1);
                if (a.connections == 0) {
                    timekeeper.agentLeft(a);
                }
            });
            reply.complete(null);
        });
    }

    /**
     * A staff member was disabled ({@code record} as stored now): offline, never offered work, and every chat they
     * hold re-queued on their groups' queues. Their sessions are closed by the caller (4403).
     */
    public CompletableFuture<Void> agentDisabled(AgentRecord record) {
        return ask(reply -> {
            state.setAgents(List.of(record));
            state.agent(record.id()).ifPresent(a -> {
                log.info("agent disabled agent={} shop={} chats={}", a.id(), shopId, a.activeCount());
                timekeeper.agentDisabled(a);
            });
            reply.complete(null);
        });
    }

    /**
     * The shop's earliest deadline is due: the timer posts this into the mailbox. A lane too busy to take
     * it gets it again a second later, so no deadline is lost; stopped lanes (shutdown) take nothing.
     */
    private void tick() {
        if (retired) {
            return;
        }
        CompletableFuture<Void> done;
        try {
            done = ask(reply -> {
                timekeeper.fire();
                reply.complete(null);
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return;
        }
        done.whenComplete((v, e) -> {
            if (e != null && KefuException.unwrap(e) instanceof KefuException k
                    && k.code() == ErrorCode.OVERLOADED) {
                ctx.timers().schedule(ctx.clock().millis() + 1_000, this::tick);
            }
        });
    }

    /**
     * The {@code live} push's interval passed: the timer posts this into the mailbox. A lane too busy to take it
     * gets it again an interval later; stopped lanes (shutdown) take nothing.
     */
    private void liveTick() {
        if (retired) {
            return;
        }
        CompletableFuture<Void> done;
        try {
            done = ask(reply -> {
                live.tick(ctx.clock().millis());
                reply.complete(null);
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return;
        }
        done.whenComplete((v, e) -> {
            if (e != null && KefuException.unwrap(e) instanceof KefuException k
                    && k.code() == ErrorCode.OVERLOADED) {
                ctx.timers().schedule(ctx.clock().millis() + ctx.livePushMs(), this::liveTick);
            }
        });
    }

    /**
     * Cluster mode, after this node took the shop over from a dead node: the latest message of each open conversation
     * is pushed again to its participants. The dead node may have stored a message and died before its push left;
     * a participant connected to another node would then not see it until the next message. A client that has it
     * drops the repeat (same {@code seq}); one that missed more sees the gap and syncs. Answers how many it pushed.
     */
    public CompletableFuture<Integer> pushLatestAgain() {
        return ask(reply -> {
            List<ConversationState> open = new ArrayList<>(state.openConversations());
            open.removeIf(c -> c.nextSeq <= 1);
            if (open.isEmpty()) {
                reply.complete(0);
                return;
            }
            ctx.store().submit(() -> {
                List<io.kefu.protocol.Msg> latest = new ArrayList<>(open.size());
                for (ConversationState c : open) {
                    List<io.kefu.protocol.Msg> one = ctx.messages().after(c.id(), c.nextSeq - 2, 1);
                    latest.add(one.isEmpty() ? null : one.get(0));
                }
                return latest;
            }).whenCompleteAsync((latest, e) -> {
                if (e != null) {
                    reply.completeExceptionally(e);
                    return;
                }
                int pushed = 0;
                for (int i = 0; i < open.size(); i++) {
                    if (latest.get(i) != null && state.conversation(open.get(i).id()) != null) {
                        pushes.toParticipants(open.get(i), latest.get(i));
                        pushed++;
                    }
                }
                reply.complete(pushed);
            }, lane);
        });
    }

    /**
     * This node stops serving the shop (cluster mode: another node owns it now, or this node lost its lease): its
     * deadlines are dropped and every command from now on, and those parked, fails with {@code overloaded}, which
     * clients retry and which then reach the new owner. What was already handed to the store finishes: written if its
     * transaction was under way, else refused {@code overloaded} (messages and conversation records alike); the answer
     * completes when all of it has, so a shop is handed over with nothing of this node still on its way to the store.
     */
    public CompletableFuture<Void> retire(String why) {
        retired = true;
        CompletableFuture<Void> quiet = new CompletableFuture<>();
        lane.execute(() -> {
            deadlines.cancelAll();
            mailbox.fail(new KefuException(ErrorCode.OVERLOADED, "shop " + shopId + " " + why + "; retry"));
            writes.quiet().whenComplete((v, e) -> quiet.complete(null));
        });
        return quiet;
    }

    /**
     * Re-reads groups and agents after the HTTP API changed them; routing state is kept. Commands that
     * arrive meanwhile wait in the mailbox, so a request made after the change sees it.
     */
    public void refreshDirectory() {
        ask(reply -> {
            mailbox.pause();
            ctx.store().submit(() -> new Directory(ctx.shops().routingSettings(shopId), ctx.shops().groups(shopId),
                            ctx.shops().agents(shopId)))
                    .whenCompleteAsync((d, e) -> {
                        if (d != null) {
                            state.setSettings(d.settings());
                            state.setGroups(d.groups());
                            state.setAgents(d.agents());
                            state.agents().forEach(timekeeper::watchShift); // shifts may have changed
                            state.groups().forEach(assignments::drain);
                        } else {
                            log.warn("refreshing shop {} failed: {}", shopId, KefuException.unwrap(e).toString());
                        }
                        reply.complete(null);
                        mailbox.open();
                    }, lane);
        });
    }

    private record Directory(RoutingSettings settings, List<io.kefu.server.store.GroupRecord> groups,
                             List<AgentRecord> agents) {
    }

    // ---- loading --------------------------------------------------------------------------------------

    private <T> CompletableFuture<T> ask(Mailbox.Command<T> command) {
        return mailbox.ask(command);
    }

    /** Reads the shop, and has its compliance rules and its bot in memory before any message is handled. */
    private void load() {
        ctx.store().submit(() -> ShopSnapshot.load(ctx, shopId))
                .thenCombine(ctx.filter().prepare(shopId), (snapshot, rules) -> snapshot)
                .thenCombine(ctx.bot().prepare(shopId), (snapshot, bot) -> snapshot)
                .whenCompleteAsync(this::loaded, lane);
    }

    private void loaded(ShopSnapshot snapshot, Throwable failure) {
        if (failure != null) {
            Throwable cause = KefuException.unwrap(failure);
            onFailed.accept(this);
            if (!(cause instanceof KefuException)) {
                log.warn("loading shop {} failed", shopId, cause);
            }
            mailbox.fail(cause);
        } else {
            state.setName(snapshot.shop().name());
            state.setSettings(snapshot.settings());
            state.setGroups(snapshot.groups());
            state.setAgents(snapshot.agents());
            for (ShopSnapshot.LoadedConversation lc : snapshot.open()) {
                lifecycle.restore(lc);
            }
            timekeeper.restored();
            log.info("shop router ready shop={} groups={} agents={} open={}", shopId, snapshot.groups().size(),
                    snapshot.agents().size(), snapshot.open().size());
            mailbox.open();
        }
    }

    private void withAgent(Principal agent, Consumer<AgentState> action, CompletableFuture<?> reply) {
        Optional<AgentState> known = state.agent(agent.userId());
        if (known.isPresent()) {
            action.accept(known.get());
            return;
        }
        // An agent created after this shop was loaded: read it once, then go on.
        ctx.store().submit(() -> ctx.shops().findAgent(agent.userId())).whenCompleteAsync((found, e) -> {
            try {
                AgentRecord record = found == null ? null : found.filter(r -> r.shopId().equals(shopId)).orElse(null);
                if (record == null) {
                    reply.completeExceptionally(e != null ? KefuException.unwrap(e)
                            : KefuException.forbidden("agent '" + agent.userId() + "' is not staff of shop " + shopId));
                    return;
                }
                state.setAgents(List.of(record));
                action.accept(state.agent(record.id()).orElseThrow());
            } catch (KefuException ke) {
                reply.completeExceptionally(ke);
            }
        }, lane);
    }

    /**
     * Writes the conversation's record behind the router, in order: each update waits for the one before, and a
     * failed write is tried again ({@link #WRITE_RETRY_MS}) before it counts as failed. A command that changed
     * the record answers through {@link #afterWrites}, so its {@code ok} means the change is stored.
     */
    private void persist(ConversationState c) {
        ConversationRecord snapshot = c.record;
        writes.start();
        CompletableFuture<Void> write = c.recordWrites.thenCompose(v -> writeRecord(snapshot, 0));
        write.whenComplete((v, e) -> writes.done());
        c.lastWrite = write;
        c.recordWrites = write.exceptionally(e -> {
            log.warn("conversation update failed conv={} after {} tries: {}", snapshot.id(), WRITE_RETRY_MS.length + 1,
                    KefuException.unwrap(e).toString());
            return null;
        });
    }

    /** Pauses before each further try of a failed record write. */
    private static final long[] WRITE_RETRY_MS = {50, 250, 1_000};

    private CompletableFuture<Void> writeRecord(ConversationRecord r, int attempt) {
        return ctx.store().submit(() -> {
            ctx.conversations().update(r);
            return (Void) null;
        }).handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (attempt >= WRITE_RETRY_MS.length) {
                return CompletableFuture.<Void>failedFuture(KefuException.unwrap(e));
            }
            CompletableFuture<Void> pause = new CompletableFuture<>();
            ctx.timers().schedule(ctx.clock().millis() + WRITE_RETRY_MS[attempt], () -> pause.complete(null));
            return pause.thenCompose(x -> writeRecord(r, attempt + 1));
        }).thenCompose(f -> f);
    }

    /**
     * Answers a command that changed conversation {@code c} once its record is stored; when it could not be
     * stored the answer is {@code overloaded} (the change holds in memory and reaches the store with the next
     * successful write of the conversation, if any; it may be lost in a crash before that). {@code c} null: at once.
     */
    private void afterWrites(ConversationState c, CompletableFuture<Void> reply) {
        if (c == null) {
            reply.complete(null);
            return;
        }
        ctx.bounded(c.lastWrite, "the change").whenCompleteAsync((v, e) -> {
            if (e == null) {
                reply.complete(null);
            } else {
                Throwable t = KefuException.unwrap(e);
                reply.completeExceptionally(t instanceof KefuException k && k.code() == ErrorCode.OVERLOADED ? k
                        : new KefuException(ErrorCode.OVERLOADED, "the change to conversation " + c.id()
                        + " could not be stored; try again later", e));
            }
        }, lane);
    }

    private static <T> void complete(CompletableFuture<T> reply, T value, Throwable failure) {
        if (failure != null) {
            reply.completeExceptionally(KefuException.unwrap(failure));
        } else {
            reply.complete(value);
        }
    }
}
