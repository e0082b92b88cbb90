package io.kefu.server.routing;

import io.kefu.server.routing.spi.MessageFilter;
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
 * message path: the compliance filter and the quick replies. Immutable.
 */
public record RouterContext(ShopStore shops, BuyerStore buyers, ConversationStore conversations,
                            MessageStore messages, StoreExecutor store, MessageBatchWriter writer, Bus bus,
                            IdGenerator ids, Clock clock, int maxTextChars, RoutingListener listener,
                            RouterTimers timers, MessageFilter filter, ScriptSource scripts) {
}
