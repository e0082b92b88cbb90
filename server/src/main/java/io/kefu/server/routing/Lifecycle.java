package io.kefu.server.routing;

import io.kefu.protocol.Body;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.Entry;
import io.kefu.protocol.Frame;
import io.kefu.protocol.Read;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.ConversationRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversation's life in one shop: creation, who may see it, close, rating, read marks. Owned by one
 * {@link ShopRouter}: runs on its lane only.
 */
final class Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);
    /** Who closed a conversation the server closed. */
    static final String SYSTEM = "system";

    private final ShopState shop;
    private final String shopId;
    private final RouterContext ctx;
    private final Executor lane;
    private final Assignments assignments;
    private final Pushes pushes;
    private final Consumer<ConversationState> persist;
    private final OpenConversations open;
    private final BodyRules bodyRules;

    Lifecycle(ShopState shop, RouterContext ctx, Executor lane, Assignments assignments, Pushes pushes,
              Consumer<ConversationState> persist, OpenConversations open) {
        this.open = open;
        this.shop = shop;
        this.shopId = shop.shopId();
        this.ctx = ctx;
        this.lane = lane;
        this.assignments = assignments;
        this.pushes = pushes;
        this.persist = persist;
        this.bodyRules = new BodyRules(ctx.maxTextChars());
    }

    /**
     * Stores a new queued conversation and registers it; the future completes on the lane once it is
     * stored and registered. Its group and priority follow {@code rules} and the buyer's shop tags, read
     * with the buyer on the store thread. Concurrent opens by the same buyer wait on it
     * ({@link ShopState#opening}).
     */
    CompletableFuture<ConversationState> create(Principal buyer, Entry entry, String firstText, Placement.Rules rules) {
        return create(buyer, entry, firstText, rules, false);
    }

    /** {@link #create}; with {@code bot} the conversation starts with the FAQ bot ({@code bot} state), in no queue. */
    CompletableFuture<ConversationState> create(Principal buyer, Entry entry, String firstText, Placement.Rules rules,
                                                boolean bot) {
        ConvState initial = bot ? ConvState.BOT : ConvState.QUEUED;
        rules.groupFor(entry, List.of()); // a shop without groups refuses before anything is stored
        long now = ctx.clock().millis();
        String convId = ctx.ids().next();
        CompletableFuture<ConversationState> ready = new CompletableFuture<>();
        shop.startOpening(buyer.userId(), ready);
        ctx.store().submit(() -> {
            ctx.buyers().upsertBuyer(buyer.userId(), buyer.name());
            var ref = ShopSnapshot.buyerRef(ctx, shopId, buyer.userId(), buyer.name());
            Placement place = rules.place(entry, ref.tags(), firstText);
            ConversationRecord record = new ConversationRecord(convId, shopId, buyer.userId(), initial,
                    place.groupId(), null, entry == null ? Entry.SHOP : entry.type(), entry == null ? null : entry.ref(),
                    now, 0, 0, null, null, null, null, place.priority().wire(), now, now);
            ctx.conversations().insert(record);
            ConversationState c = new ConversationState(record, ref, 0);
            int stickyDays = rules.settings().stickyDays();
            if (stickyDays > 0) {
                c.lastAgent = ctx.conversations().lastAgent(shopId, buyer.userId(), now - stickyDays * 86_400_000L)
                        .orElse(null);
            }
            return c;
        }).whenCompleteAsync((c, e) -> {
            shop.endOpening(buyer.userId());
            if (e != null) {
                ready.completeExceptionally(KefuException.unwrap(e));
                return;
            }
            c.queuedAt = now;
            c.buyerSpoke = firstText != null && !firstText.isBlank();
            shop.register(c);
            open.opened(c.record.buyerId(), shopId);
            if (!bot) {
                shop.group(c.record.groupId()).orElseThrow().add(c.id(), c.priority());
            }
            ctx.listener().conversationStateChanged(null, initial);
            assignments.kpi.opened(c);
            ctx.listener().conversationOpened(c.record);
            log.info("conversation opened conv={} shop={} buyer={} group={} priority={} entry={}", c.id(), shopId,
                    buyer.userId(), c.record.groupId(), c.record.priority(), c.record.entryType());
            ready.complete(c);
        }, lane);
        return ready;
    }

    void restore(ShopSnapshot.LoadedConversation lc) {
        ConversationState c = new ConversationState(lc.record(), lc.buyer(), lc.lastSeq());
        ShopSnapshot.restoreCmids(c, lc.cmids());
        c.queuedAt = lc.record().queuedAt() > 0 ? lc.record().queuedAt() : lc.record().createdAt();
        c.buyerSpoke = lc.lastSeq() > 0;
        c.welcomed = lc.record().agentId() != null; // assigned before the restart: welcomed then, if ever
        c.lastActivityAt = Math.max(lc.activity().lastMessageAt(), c.queuedAt);
        c.unansweredSince = lc.activity().unansweredSince();
        assignments.kpi.restored(c, lc.activity());
        shop.register(c);
        open.opened(c.record.buyerId(), shopId);
        assignments.restore(c);
        ctx.listener().conversationRestored(c.state());
    }

    /** The open conversation if {@code p} may act in it; not_found across tenant walls, forbidden within. */
    ConversationState visible(Principal p, String convId) {
        ConversationState c = shop.conversation(convId);
        if (c == null) {
            ConversationRecord gone = shop.recentlyClosed(convId);
            if (gone != null && mayRead(p, gone)) {
                throw KefuException.invalidState("conversation '" + convId + "' is closed");
            }
            throw notFound(convId);
        }
        if (!mayRead(p, c.record)) {
            throw refusal(p, convId, "is assigned to another agent");
        }
        return c;
    }

    private boolean mayRead(Principal p, ConversationRecord c) {
        if (p.role() == Role.BUYER) {
            return c.buyerId().equals(p.userId());
        }
        return shopId.equals(p.shopId()) && (Permissions.allows(p, Permission.WHOLE_SHOP_CONVERSATIONS, shopId)
                || p.userId().equals(c.agentId()));
    }

    /** Across tenant walls the conversation does not exist; within the shop it is someone else's. */
    private KefuException refusal(Principal p, String convId, String whose) {
        return p.role() == Role.BUYER || !shopId.equals(p.shopId()) ? notFound(convId)
                : KefuException.forbidden("conversation '" + convId + "' " + whose);
    }

    static KefuException notFound(String convId) {
        return KefuException.notFound("conversation '" + convId + "' not found");
    }

    void validateBody(String kind, Body body) {
        bodyRules.validate(kind, body);
    }

    CompletableFuture<ConversationRecord> authorizeRead(Principal p, String convId) {
        ConversationState open = shop.conversation(convId);
        if (open != null) {
            visible(p, convId);
            return CompletableFuture.completedFuture(open.record);
        }
        return ctx.store().submit(() -> ctx.conversations().find(convId)).thenApplyAsync(found -> {
            ConversationRecord c = found.filter(r -> r.shopId().equals(shopId)).orElseThrow(() -> notFound(convId));
            if (!mayRead(p, c)) {
                throw refusal(p, convId, "was handled by another agent");
            }
            return c;
        }, lane);
    }

    void markRead(Principal p, String convId, long seq) {
        ConversationState c = visible(p, convId);
        if (seq < 0 || seq > c.durableSeq) {
            throw KefuException.badRequest("read.seq " + seq + " is beyond the last message (" + c.durableSeq + ")");
        }
        if (p.role() == Role.BUYER) {
            c.buyerReadSeq = Math.max(c.buyerReadSeq, seq);
        } else {
            c.agentReadSeq = Math.max(c.agentReadSeq, seq);
        }
        Read read = new Read(null, c.id(), seq, p.userId());
        toOtherSide(c, p, read);
        pushes.to(p.userId(), read); // the reader's other devices (and this one) learn it too
    }

    /** Pushes to the buyer when staff acts, to the assigned agent when the buyer does. */
    void toOtherSide(ConversationState c, Principal p, Frame frame) {
        if (p.role() == Role.BUYER) {
            if (c.agentId() != null) {
                pushes.to(c.agentId(), frame);
            }
        } else {
            pushes.to(c.record.buyerId(), frame);
        }
    }

    void close(Principal p, String convId, String reason) {
        ConversationState c = visible(p, convId);
        close(c, p.userId(), reason == null || reason.isBlank() ? "closed" : reason);
    }

    /** A conversation the server ends itself ({@code idle}): {@code by} is {@code system}. */
    void closeBySystem(ConversationState c, String reason) {
        close(c, SYSTEM, reason);
    }

    private void close(ConversationState c, String by, String why) {
        String convId = c.id();
        String waitedIn = c.state() == ConvState.QUEUED ? c.record.groupId() : null;
        Optional<AgentState> agent = assignments.release(c);
        assignments.recordHandled(c);
        long now = ctx.clock().millis();
        if (c.state() == ConvState.QUEUED) {
            ctx.listener().queueWaited(now - c.queuedAt, ConvState.CLOSED);
        }
        ctx.listener().conversationStateChanged(c.state(), ConvState.CLOSED);
        assignments.kpi.closed(c);
        ctx.listener().conversationClosed(why);
        c.record = c.record.closed(by, why, now);
        ctx.listener().conversationEnded(c.record);
        shop.retire(c);
        open.closed(c.record.buyerId(), shopId);
        persist.accept(c);
        ctx.writer().forget(convId);
        // Announced once stored (or given up on): a close lost in a crash before its write is never seen by the
        // participants, who would otherwise find the conversation open again.
        c.lastWrite.whenCompleteAsync((v, e) -> pushes.closed(c, by, why), lane);
        log.info("conversation closed conv={} by={} reason={}", convId, by, why);
        agent.ifPresent(assignments::offerWork);
        shop.group(waitedIn).ifPresent(assignments::drain); // its queue may have a new head
    }

    CompletableFuture<Void> rate(Principal buyer, String convId, int score, String comment) {
        if (score < 1 || score > 5) {
            throw KefuException.badRequest("rate.score must be 1 to 5, was " + score);
        }
        if (shop.conversation(convId) != null) {
            visible(buyer, convId);
            throw KefuException.invalidState("conversation '" + convId + "' is still open; rate it after it closes");
        }
        ConversationRecord known = shop.recentlyClosed(convId);
        CompletableFuture<Optional<ConversationRecord>> lookup = known != null
                ? CompletableFuture.completedFuture(Optional.of(known))
                : ctx.store().submit(() -> ctx.conversations().find(convId));
        return lookup.thenComposeAsync(found -> {
            ConversationRecord c = found.filter(r -> r.shopId().equals(shopId) && r.buyerId().equals(buyer.userId()))
                    .orElseThrow(() -> notFound(convId));
            if (c.state() != ConvState.CLOSED) {
                throw KefuException.invalidState("conversation '" + convId + "' is still open; rate it after it closes");
            }
            if (c.rating() != null) {
                throw KefuException.invalidState("conversation '" + convId + "' is already rated");
            }
            ConversationRecord rated = c.rated(score, comment);
            // After the close's own record write (it may still be under way, retried): written beside it, the rating
            // could be overwritten by the closed record without it.
            return shop.writesOfClosed(convId).exceptionally(e -> null).thenCompose(done -> ctx.store().submit(() -> {
                ctx.conversations().update(rated);
                return (Void) null;
            })).thenApplyAsync(stored -> {
                // only a stored rating is remembered: a failed one may be sent again
                shop.rememberClosed(rated);
                ctx.listener().rated(score);
                assignments.kpi.rated(rated, score);
                ctx.listener().conversationRated(rated);
                log.info("conversation rated conv={} score={}", convId, score);
                return stored;
            }, lane);
        }, lane);
    }
}
