package io.kefu.server.routing;

import io.kefu.server.routing.spi.Bot;
import io.kefu.server.routing.spi.MessageFilter;
import io.kefu.server.routing.spi.OrderLookup;
import io.kefu.server.routing.spi.RoutingListener;
import io.kefu.server.routing.spi.ScriptSource;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.bus.Bus;
import io.kefu.server.routing.timers.RouterTimers;
import io.kefu.server.store.BuyerStore;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.MessageBatchWriter;
import io.kefu.server.store.MessageStore;
import io.kefu.server.store.ShopStore;
import io.kefu.server.store.StoreExecutor;
import java.time.Clock;

/**
 * What every shop router needs, shared by all of them: stores (called only through {@code store}),
 * the message writer, the bus, ids, the clock, limits, the statistics listener, and what plugs into the
 * message path: the compliance filter, the quick replies, the FAQ bot and the shops' orders, and how often the
 * {@code live} push to managers may go out ({@code livePushMs}). Immutable.
 */
public record RouterContext(ShopStore shops, BuyerStore buyers, ConversationStore conversations,
                            MessageStore messages, StoreExecutor store, MessageBatchWriter writer, Bus bus,
                            IdGenerator ids, Clock clock, int maxTextChars, RoutingListener listener,
                            RouterTimers timers, MessageFilter filter, ScriptSource scripts, long storeTimeoutMs,
                            Bot bot, OrderLookup orders, long livePushMs) {

    /** The {@code live} push's interval when none is given (KEFU_LIVE_PUSH_SEC's default). */
    public static final long DEFAULT_LIVE_PUSH_MS = 5_000;

    /** With the default {@code live} push interval. */
    public RouterContext(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                         StoreExecutor store, MessageBatchWriter writer, Bus bus, IdGenerator ids, Clock clock,
                         int maxTextChars, RoutingListener listener, RouterTimers timers, MessageFilter filter,
                         ScriptSource scripts, long storeTimeoutMs, Bot bot, OrderLookup orders) {
        this(shops, buyers, conversations, messages, store, writer, bus, ids, clock, maxTextChars, listener, timers,
                filter, scripts, storeTimeoutMs, bot, orders, DEFAULT_LIVE_PUSH_MS);
    }

    /** Without orders: order cards are refused and the order variables stay empty. */
    public RouterContext(ShopStore shops, BuyerStore buyers, ConversationStore conversations, MessageStore messages,
                         StoreExecutor store, MessageBatchWriter writer, Bus bus, IdGenerator ids, Clock clock,
                         int maxTextChars, RoutingListener listener, RouterTimers timers, MessageFilter filter,
                         ScriptSource scripts, long storeTimeoutMs, Bot bot) {
        this(shops, buyers, conversations, messages, store, writer, bus, ids, clock, maxTextChars, listener, timers,
                filter, scripts, storeTimeoutMs, bot, OrderLookup.NONE);
    }

    /**
     * This context with a store executor whose tasks fail with {@code overloaded}, without running, once
     * {@code retired} says so: a shop router's own view of the store (see {@code ShopRouter#retire}).
     */
    RouterContext guardedBy(java.util.function.BooleanSupplier retired, String shopId) {
        StoreExecutor shared = store;
        StoreExecutor guarded = new StoreExecutor() {
            @Override
            public <T> java.util.concurrent.CompletableFuture<T> submit(java.util.concurrent.Callable<T> task) {
                return shared.submit(() -> {
                    if (retired.getAsBoolean()) {
                        throw new io.kefu.server.base.KefuException(io.kefu.protocol.ErrorCode.OVERLOADED,
                                "shop " + shopId + " moved to another node; retry");
                    }
                    // Checked again inside the write's transaction (cluster mode), in case it waited meanwhile.
                    return io.kefu.server.store.WriteGuard.call(retired, task);
                });
            }

            @Override
            public int queueDepth() {
                return shared.queueDepth();
            }

            @Override
            public void close() {
                // the shared executor is the server's to close
            }
        };
        return new RouterContext(shops, buyers, conversations, messages, guarded, writer, bus, ids, clock,
                maxTextChars, listener, timers, filter, scripts, storeTimeoutMs, bot, orders, livePushMs);
    }

    /**
     * {@code f}, or {@code overloaded} when it has not completed within the store timeout: what a client waiting for
     * a durable write is answered when the database is slow or gone. The work behind {@code f} goes on; it may still
     * succeed, which a retry (same cmid) then learns.
     */
    public <T> java.util.concurrent.CompletableFuture<T> bounded(java.util.concurrent.CompletableFuture<T> f,
                                                              String what) {
        if (f.isDone()) {
            return f;
        }
        // The wheel timer, not orTimeout: cancelling a JDK delayed task takes a lock, which a lane must not wait for.
        java.util.concurrent.CompletableFuture<T> out = new java.util.concurrent.CompletableFuture<>();
        RouterTimers.Timer timeout = timers.schedule(clock.millis() + storeTimeoutMs, () -> out.completeExceptionally(
                new io.kefu.server.base.KefuException(io.kefu.protocol.ErrorCode.OVERLOADED, "the database did not"
                        + " confirm " + what + " within " + storeTimeoutMs + " ms; try again (a message with the same"
                        + " cmid is never stored twice)")));
        f.whenComplete((v, e) -> {
            timeout.cancel();
            if (e == null) {
                out.complete(v);
            } else {
                out.completeExceptionally(io.kefu.server.base.KefuException.unwrap(e));
            }
        });
        return out;
    }
}
