package io.kefu.server.webhooks;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A shop's webhook: where to POST ({@code url}), which events, and the secret that signs each delivery.
 * Immutable; {@link #toString()} never shows the secret.
 */
public record Webhook(String id, String shopId, String url, Set<WebhookEvent> events, String secret, long createdAt) {
    public Webhook {
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    }

    public boolean wants(WebhookEvent event) {
        return events.contains(event);
    }

    /** The events as stored: wire names, comma-separated, in the enum's order. */
    public String eventsColumn() {
        return EnumSet.copyOf(events).stream().map(WebhookEvent::wire).collect(Collectors.joining(","));
    }

    /** Reads {@link #eventsColumn()} back; unknown names (from a later version) are skipped. */
    public static Set<WebhookEvent> parseEvents(String column) {
        Set<WebhookEvent> out = EnumSet.noneOf(WebhookEvent.class);
        for (String name : column.split(",")) {
            WebhookEvent.fromWire(name.strip()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", shopId=" + shopId + ", url=" + url + ", events=" + events + "]";
    }
}
