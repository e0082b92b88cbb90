-- Orders (contract §10, v1.1): the built-in order book, and which order source each shop uses. Plain SQL that
-- runs unchanged on H2 2.3 and PostgreSQL 14+, like V1.

-- The built-in order book: one row per order, the order itself as JSON (OrderJson), with the columns the
-- look-ups need beside it. Money is in fen inside the JSON.
CREATE TABLE orders (
    shop_id     VARCHAR(64)     NOT NULL REFERENCES shops (id),
    order_no    VARCHAR(64)     NOT NULL,
    buyer_id    VARCHAR(64)     NOT NULL,
    status      VARCHAR(16)     NOT NULL,
    doc         VARCHAR(200000) NOT NULL,
    created_at  BIGINT          NOT NULL,
    updated_at  BIGINT          NOT NULL,
    PRIMARY KEY (shop_id, order_no)
);
-- A buyer's orders in a shop, newest first.
CREATE INDEX orders_buyer ON orders (shop_id, buyer_id, created_at);

-- A shop's order source: 'builtin' (no row means the same) or 'http' with its base URL, secret and timeout.
CREATE TABLE order_sources (
    shop_id     VARCHAR(64)   NOT NULL PRIMARY KEY REFERENCES shops (id),
    kind        VARCHAR(16)   NOT NULL,
    url         VARCHAR(2048),
    secret      VARCHAR(200),
    timeout_ms  INT           NOT NULL,
    updated_at  BIGINT        NOT NULL
);
