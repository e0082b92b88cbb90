/**
 * Webhooks (contract §10, v1.1; docs/webhooks.md): a shop's subscriptions ({@link io.kefu.server.webhooks.Webhooks}),
 * the events routing and other features offer ({@link io.kefu.server.webhooks.WebhookEvents},
 * {@link io.kefu.server.webhooks.WebhookListener}), and their signed, retried delivery
 * ({@link io.kefu.server.webhooks.WebhookDispatcher}) on threads of its own, never on a message's path.
 */
package io.kefu.server.webhooks;
