-- Webhooks (contract §10, v1.1; docs/webhooks.md): a shop's subscriptions, and their deliveries. Plain SQL that
-- runs unchanged on H2 2.3 and PostgreSQL 14+, like V1.

-- A shop's webhooks (at most a few per shop). events: the subscribed event names, comma-separated. The secret
-- signs every delivery, so it is kept as given; the API never shows it.
CREATE TABLE webhooks (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64)   NOT NULL REFERENCES shops (id),
    url         VARCHAR(2048) NOT NULL,
    events      VARCHAR(512)  NOT NULL,
    secret      VARCHAR(200)  NOT NULL,
    created_at  BIGINT        NOT NULL
);
CREATE INDEX webhooks_shop ON webhooks (shop_id);

-- Deliveries: the pending ones (so retries survive a restart) and the last finished ones of each webhook (its
-- delivery log, pruned to a bounded number). body: the exact JSON that is signed and sent, every attempt alike.
-- state: pending, delivered or failed (given up). next_at: when a pending one is tried next.
CREATE TABLE webhook_deliveries (
    id              VARCHAR(64)     NOT NULL PRIMARY KEY,
    webhook_id      VARCHAR(64)     NOT NULL,
    shop_id         VARCHAR(64)     NOT NULL,
    event           VARCHAR(32)     NOT NULL,
    body            VARCHAR(200000) NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    attempts        INT             NOT NULL,
    created_at      BIGINT          NOT NULL,
    next_at         BIGINT          NOT NULL,
    last_attempt_at BIGINT          NOT NULL,
    last_status     INT             NOT NULL,
    last_error      VARCHAR(300)
);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, state, last_attempt_at);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (state, next_at);
