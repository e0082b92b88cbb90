package io.kefu.server.conversation;

import io.kefu.protocol.Close;
import io.kefu.protocol.ConvSummary;
import io.kefu.protocol.Frame;
import io.kefu.protocol.History;
import io.kefu.protocol.Human;
import io.kefu.protocol.OkResult;
import io.kefu.protocol.Open;
import io.kefu.protocol.Pick;
import io.kefu.protocol.Rate;
import io.kefu.protocol.Read;
import io.kefu.protocol.ScriptFill;
import io.kefu.protocol.Send;
import io.kefu.protocol.Status;
import io.kefu.protocol.Sync;
import io.kefu.protocol.Transfer;
import io.kefu.protocol.Typing;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.routing.ShopRouters;
import io.kefu.server.store.ConversationRecord;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.StoreExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Dispatches every frame of an authenticated user other than hello and ping: finds the shop's router (the agent's own
 * shop; for buyers, the conversation's shop), checks the role may send that frame, and answers with the
 * {@link OkResult} the contract gives. Thread-safe; called on event loops, never blocks: the returned
 * future completes on a router lane or a store thread.
 */
public final class FrameDispatcher {
    public static final int HISTORY_DEFAULT = 50;
    public static final int HISTORY_MAX = 200;
    public static final int SYNC_DEFAULT = 500;
    public static final int SYNC_MAX = 1000;

    private final ShopCalls calls;
    private final ShopRouters routers;
    private final ConversationDirectory directory;
    private final ConversationStore conversations;
    private final StoreExecutor store;
    private final long storeTimeoutMs;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FrameDispatcher.class);

    /** One node: every shop's calls answered by this node's routers. */
    public FrameDispatcher(ShopRouters routers, ConversationDirectory directory, ConversationStore conversations,
                               MessageStore messages, StoreExecutor store) {
        this(new LocalShopCalls(routers, messages, store), routers, directory, conversations, store, 5_000);
    }

    /**
     * With the {@code calls} that reach each shop's router (here, or on the node owning the shop) and
     * {@code storeTimeoutMs}: how long a buyer's hello waits for the database before it answers from memory.
     */
    public FrameDispatcher(ShopCalls calls, ShopRouters routers, ConversationDirectory directory,
                           ConversationStore conversations, StoreExecutor store, long storeTimeoutMs) {
        this.calls = calls;
        this.storeTimeoutMs = storeTimeoutMs;
        this.routers = routers;
        this.directory = directory;
        this.conversations = conversations;
        this.store = store;
    }

    /** The answer to a frame other than hello and ping. */
    public CompletableFuture<OkResult> handle(Principal p, Frame frame) {
        FrameChecks.check(frame);
        Permissions.require(p, permissionOf(frame), null);
        if (frame instanceof Open open) {
            if (open.shopId().isBlank()) {
                throw KefuException.badRequest("open.shopId must not be blank");
            }
            return calls.frame(open.shopId(), p, open).thenApply(r -> {
                if (r instanceof OkResult.OpenResult o) {
                    directory.remember(o.conv(), open.shopId());
                }
                return r;
            });
        }
        if (frame instanceof History h) {
            limit(h.limit(), HISTORY_DEFAULT, HISTORY_MAX, "history"); // checked before the conversation is looked up
        } else if (frame instanceof Sync s) {
            limit(s.limit(), SYNC_DEFAULT, SYNC_MAX, "sync");
        }
        if (!clientFrame(frame)) {
            throw KefuException.badRequest("frame type '" + frame.type() + "' is sent by the server, not by clients");
        }
        return shopOf(p, frame).thenCompose(shopId -> calls.frame(shopId, p, frame));
    }

    /** The open conversations listed in the {@code hello} answer. */
    public CompletableFuture<List<ConvSummary>> openConversations(Principal p) {
        if (p.role().isStaff()) {
            return p.shopId() == null ? CompletableFuture.completedFuture(List.of()) : calls.openFor(p.shopId(), p);
        }
        // The store says which shops the buyer has open conversations with; each shop's router says
        // what they are now (the store's state is written behind the router, so it can lag). When the
        // store does not answer in time, the loaded routers' own list stands in for it.
        return store.submit(() -> {
            Set<String> shops = new LinkedHashSet<>();
            for (ConversationRecord c : conversations.openForBuyer(p.userId())) {
                shops.add(c.shopId());
            }
            return shops;
        }).orTimeout(storeTimeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS).exceptionally(e -> {
            log.warn("hello of buyer {}: the database did not list their conversations ({}); answering from memory",
                    p.userId(), KefuException.unwrap(e).toString());
            return new LinkedHashSet<>(routers.shopsWithOpenConversations(p.userId()));
        }).thenCompose(shops -> {
            List<CompletableFuture<List<ConvSummary>>> perShop = new ArrayList<>();
            for (String shopId : shops) {
                perShop.add(calls.openFor(shopId, p));
            }
            return CompletableFuture.allOf(perShop.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<ConvSummary> list = new ArrayList<>();
                perShop.forEach(f -> list.addAll(f.join()));
                list.forEach(c -> directory.remember(c.conv(), c.shopId()));
                return list;
            });
        });
    }

    public void staffConnected(Principal p, String sessionId) {
        if (p.role().isStaff() && p.shopId() != null) {
            calls.staffConnected(p.shopId(), p, sessionId);
        }
    }

    public void staffDisconnected(Principal p, String sessionId) {
        if (p.role().isStaff() && p.shopId() != null) {
            calls.staffDisconnected(p.shopId(), p, sessionId);
        }
    }

    /** The shop a frame goes to: the staff member's own; for a buyer, the conversation's. */
    private CompletableFuture<String> shopOf(Principal p, Frame frame) {
        if (p.role().isStaff()) {
            if (p.shopId() == null) {
                throw KefuException.forbidden("the platform admin has no shop; use the HTTP API");
            }
            return CompletableFuture.completedFuture(p.shopId());
        }
        return directory.shopOf(convOf(frame));
    }

    /** The conversation a buyer's frame is about (every client frame a buyer may send names one, but open). */
    private static String convOf(Frame frame) {
        if (frame instanceof Send s) {
            return s.conv();
        } else if (frame instanceof ScriptFill f) {
            return f.conv();
        } else if (frame instanceof Read r) {
            return r.conv();
        } else if (frame instanceof Typing t) {
            return t.conv();
        } else if (frame instanceof History h) {
            return h.conv();
        } else if (frame instanceof Sync s) {
            return s.conv();
        } else if (frame instanceof Human h) {
            return h.conv();
        } else if (frame instanceof Rate r) {
            return r.conv();
        } else if (frame instanceof Close c) {
            return c.conv();
        } else if (frame instanceof Pick p) {
            return p.conv();
        } else if (frame instanceof Transfer t) {
            return t.conv();
        }
        throw KefuException.badRequest("frame type '" + frame.type() + "' names no conversation");
    }

    /** Frames clients send (besides hello, ping and open, handled before). */
    private static boolean clientFrame(Frame frame) {
        return frame instanceof Send || frame instanceof ScriptFill || frame instanceof Read || frame instanceof Typing
                || frame instanceof History || frame instanceof Sync || frame instanceof Human || frame instanceof Rate
                || frame instanceof Close || frame instanceof Status || frame instanceof Pick
                || frame instanceof Transfer;
    }

    /** The frame's row of the permission matrix; server-only frames are refused after it, as bad frames. */
    static Permission permissionOf(Frame frame) {
        if (frame instanceof Open) {
            return Permission.FRAME_OPEN;
        } else if (frame instanceof Human) {
            return Permission.FRAME_HUMAN;
        } else if (frame instanceof Rate) {
            return Permission.FRAME_RATE;
        } else if (frame instanceof Status) {
            return Permission.FRAME_STATUS;
        } else if (frame instanceof Pick) {
            return Permission.FRAME_PICK;
        } else if (frame instanceof Transfer) {
            return Permission.FRAME_TRANSFER;
        } else if (frame instanceof ScriptFill) {
            return Permission.FRAME_SCRIPT_FILL;
        } else if (frame instanceof Read) {
            return Permission.FRAME_READ;
        } else if (frame instanceof Typing) {
            return Permission.FRAME_TYPING;
        } else if (frame instanceof History) {
            return Permission.FRAME_HISTORY;
        } else if (frame instanceof Sync) {
            return Permission.FRAME_SYNC;
        } else if (frame instanceof Close) {
            return Permission.FRAME_CLOSE;
        }
        return Permission.FRAME_SEND; // send, and what the server alone sends (refused below as a bad frame)
    }

    static int limit(Integer asked, int dflt, int max, String frame) {
        if (asked == null) {
            return dflt;
        }
        if (asked < 1 || asked > max) {
            throw KefuException.badRequest(frame + ".limit must be 1.." + max + ", was " + asked);
        }
        return asked;
    }

}
