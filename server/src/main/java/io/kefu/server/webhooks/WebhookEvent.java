package io.kefu.server.webhooks;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The events a webhook may subscribe to (contract §10), by their wire names. */
public enum WebhookEvent {
    CONVERSATION_OPENED("conversation.opened"),
    CONVERSATION_CLOSED("conversation.closed"),
    MESSAGE_CREATED("message.created"),
    AFTERSALE_UPDATED("aftersale.updated"),
    RATING_CREATED("rating.created");

    private final String wire;

    WebhookEvent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEvent> fromWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wire.equals(name)).findFirst();
    }

    /** The wire names, comma-separated: for error messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(WebhookEvent::wire).collect(Collectors.joining(", "));
    }
}
