package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.ConversationRecord;
import java.util.concurrent.CompletableFuture;

/** Conversation history over HTTP. The look-up and the access check run in one {@code storeExecutor} task. */
final class MessageEndpoints {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final ApiServices s;

    MessageEndpoints(ApiServices services) {
        this.s = services;
    }

    /**
     * The store decides, except for an agent of the shop reading an open conversation the store does not
     * show as theirs (yet): the router, which holds the current assignment, decides that one.
     */
    private CompletableFuture<ConversationRecord> authorize(Principal who, ConversationRecord conv) {
        try {
            Access.requireReader(who, conv);
            return CompletableFuture.completedFuture(conv);
        } catch (KefuException refused) {
            if (conv.state() == io.kefu.protocol.ConvState.CLOSED || !who.isStaffOf(conv.shopId())) {
                throw refused;
            }
            return s.routing().authorizeRead(conv.shopId(), who, conv.id()).thenApply(ok -> conv);
        }
    }

    /** Messages with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    CompletableFuture<ObjectNode> messages(ApiRequest r, Principal who) {
        String convId = r.param("conv");
        long afterSeq = r.queryLong("afterSeq", 0, 0, Long.MAX_VALUE);
        int limit = (int) r.queryLong("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return s.storeExecutor().submit(() -> s.conversations().find(convId)
                        .orElseThrow(() -> KefuException.notFound("conversation " + convId + " not found")))
                .thenCompose(conv -> authorize(who, conv))
                .thenCompose(conv -> s.storeExecutor().submit(() -> s.messages().after(convId, afterSeq, limit)))
                .thenApply(list -> {
            ObjectNode out = ApiJson.object();
            ArrayNode messages = out.putArray("messages");
            list.forEach(m -> messages.add(ApiJson.message(m)));
            return out;
        });
    }
}
