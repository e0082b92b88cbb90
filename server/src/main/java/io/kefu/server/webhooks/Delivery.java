package io.kefu.server.webhooks;

/**
 * One event on its way to one webhook, as stored: {@code body} is the exact JSON sent (and signed) on every attempt.
 * {@code lastStatus} is the receiver's last HTTP status, 0 when none came (not tried yet, timeout, network error);
 * {@code lastAttemptAt} 0 until the first attempt. Immutable.
 */
public record Delivery(String id, String webhookId, String shopId, WebhookEvent event, String body, State state,
                       int attempts, long createdAt, long nextAt, long lastAttemptAt, int lastStatus,
                       String lastError) {

    /** {@code pending}: to be tried (again); {@code delivered}: a 2xx came; {@code failed}: given up. */
    public enum State {
        PENDING, DELIVERED, FAILED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State fromWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A new delivery, to be tried at {@code now}. */
    public static Delivery pending(String id, Webhook to, WebhookEvent event, String body, long now) {
        return new Delivery(id, to.id(), to.shopId(), event, body, State.PENDING, 0, now, now, 0, 0, null);
    }

    /** After an attempt at {@code at}: its outcome, and the state and next time that follow from it. */
    public Delivery attempted(long at, int status, String error, State newState, long newNextAt) {
        return new Delivery(id, webhookId, shopId, event, body, newState, attempts + 1, createdAt, newNextAt, at,
                status, error);
    }
}
