package io.kefu.server.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.server.base.KefuException;
import io.kefu.server.store.ConversationStore;
import io.kefu.server.store.StoreExecutor;
import java.util.concurrent.CompletableFuture;

/**
 * Which shop a conversation belongs to, so a buyer's frame reaches the right router. A Caffeine cache in
 * front of the store; a miss is one look-up on the store executor. Thread-safe.
 */
public final class ConversationDirectory {
    private final Cache<String, String> shopOf;
    private final ConversationStore conversations;
    private final StoreExecutor store;

    public ConversationDirectory(ConversationStore conversations, StoreExecutor store, long maxEntries) {
        this.conversations = conversations;
        this.store = store;
        this.shopOf = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    public void remember(String convId, String shopId) {
        shopOf.put(convId, shopId);
    }

    public CompletableFuture<String> shopOf(String convId) {
        String known = shopOf.getIfPresent(convId);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return store.submit(() -> conversations.find(convId)).thenApply(found -> {
            String shopId = found.orElseThrow(() -> KefuException.notFound("conversation '" + convId + "' not found"))
                    .shopId();
            shopOf.put(convId, shopId);
            return shopId;
        });
    }
}
