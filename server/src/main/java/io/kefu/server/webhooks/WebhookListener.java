package io.kefu.server.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.PartyType;
import io.kefu.server.routing.spi.RoutingListener;
import io.kefu.server.store.ConversationRecord;

/**
 * Turns what routing reports into webhook events (docs/webhooks.md): {@code conversation.opened},
 * {@code conversation.closed}, {@code message.created} (messages of buyers, agents and the bot; not the system's
 * notices) and {@code rating.created}. Runs on router lanes: it only offers the event (a cache look-up and a queue
 * offer); the {@code data} object is made later on the webhook thread from the immutable values it was given.
 */
public final class WebhookListener implements RoutingListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookEvents events;

    public WebhookListener(WebhookEvents events) {
        this.events = events;
    }

    @Override
    public void conversationOpened(ConversationRecord conv) {
        events.publish(conv.shopId(), WebhookEvent.CONVERSATION_OPENED, () -> {
            ObjectNode data = conversation(conv).put("state", conv.state().wire());
            ObjectNode entry = data.putObject("entry");
            entry.put("type", conv.entryType());
            entry.put("ref", conv.entryRef());
            return data.put("createdAt", conv.createdAt());
        });
    }

    @Override
    public void conversationEnded(ConversationRecord closed) {
        events.publish(closed.shopId(), WebhookEvent.CONVERSATION_CLOSED, () -> conversation(closed)
                .put("closedBy", closed.closedBy()).put("reason", closed.closeReason()).put("closedAt", closed.closedAt()));
    }

    @Override
    public void conversationRated(ConversationRecord rated) {
        events.publish(rated.shopId(), WebhookEvent.RATING_CREATED, () -> conversation(rated)
                .put("score", rated.rating()).put("comment", rated.ratingComment()));
    }

    @Override
    public void messageCreated(String shopId, Msg msg) {
        if (msg.from().type() == PartyType.SYSTEM) {
            return;
        }
        events.publish(shopId, WebhookEvent.MESSAGE_CREATED, () -> message(msg));
    }

    /** What every conversation event carries: {@code conv, buyerId, groupId, agentId}. */
    private static ObjectNode conversation(ConversationRecord c) {
        return JSON.createObjectNode().put("conv", c.id()).put("buyerId", c.buyerId()).put("groupId", c.groupId())
                .put("agentId", c.agentId());
    }

    static ObjectNode message(Msg msg) {
        ObjectNode data = JSON.createObjectNode().put("conv", msg.conv()).put("seq", msg.seq());
        data.putObject("from").put("type", msg.from().type().wire()).put("id", msg.from().id());
        data.put("kind", msg.kind()).put("ts", msg.ts());
        JsonNode body = JSON.valueToTree(msg.body().fields());
        data.set("body", body);
        return data;
    }
}
