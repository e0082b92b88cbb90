package io.kefu.server.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * Where features offer events to the shops' webhooks (docs/webhooks.md). The after-sales workflow calls
 * {@link #aftersaleUpdated} on every change of a ticket. Any thread; never blocks and never fails: the event joins the
 * webhook dispatcher's own bounded queue, which drops its oldest event when full. A shop with no webhook for the
 * event costs a cache look-up.
 */
public interface WebhookEvents {
    /** Hears nothing: for servers and tests without webhooks. */
    WebhookEvents NOOP = (shopId, event, data) -> {
    };

    /**
     * Offers {@code event} of {@code shopId}, stamped now. {@code data} is the event's {@code data} object; it is
     * called later on the webhook thread (so the caller pays nothing for a shop without subscribers) and must only
     * read immutable values.
     */
    void publish(String shopId, WebhookEvent event, Supplier<? extends JsonNode> data);

    /** {@code aftersale.updated}: {@code aftersale} is the ticket as the API shows it, after the change. */
    default void aftersaleUpdated(String shopId, JsonNode aftersale) {
        publish(shopId, WebhookEvent.AFTERSALE_UPDATED, () -> aftersale);
    }
}
