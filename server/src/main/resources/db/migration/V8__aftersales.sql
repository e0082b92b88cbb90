-- After-sales (contract §10, v1.1; docs/aftersales.md): refund, return and exchange tickets on a shop's orders,
-- each change kept in the ticket's history; and the two KPI counters they feed. Plain SQL that runs unchanged on
-- H2 2.3 and PostgreSQL 14+, like V1.

CREATE TABLE aftersales (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id      VARCHAR(64)   NOT NULL REFERENCES shops (id),
    buyer_id     VARCHAR(64)   NOT NULL,
    order_no     VARCHAR(64)   NOT NULL,
    -- the linked conversation (the buyer's, in this shop), or NULL
    conv_id      VARCHAR(64),
    -- refund | return | exchange
    type         VARCHAR(16)   NOT NULL,
    -- requested | approved | rejected | awaiting_return | received | refunded | exchanged | disputed | resolved
    state        VARCHAR(16)   NOT NULL,
    reason       VARCHAR(500)  NOT NULL,
    -- fen; NULL = none asked
    amount       BIGINT,
    -- the order's total when the ticket was made: the bound of every amount later set
    order_total  BIGINT        NOT NULL,
    -- the evidence URLs, one per line ('' = none)
    evidence     VARCHAR(10000) NOT NULL DEFAULT '',
    created_at   BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    -- while requested: when the server approves it if the shop has not answered; NULL in every other state
    reply_by     BIGINT
);
-- a shop's tickets newest first, by state or buyer; a buyer's count in a shop (profiles)
CREATE INDEX aftersales_shop ON aftersales (shop_id, created_at);
CREATE INDEX aftersales_buyer ON aftersales (shop_id, buyer_id, created_at);
-- the auto-approval sweep: requested tickets whose reply_by has passed
CREATE INDEX aftersales_reply_by ON aftersales (reply_by);

-- Who did what to a ticket, in order (seq 1 = create).
CREATE TABLE aftersale_history (
    aftersale_id VARCHAR(64)  NOT NULL REFERENCES aftersales (id),
    seq          INT          NOT NULL,
    -- a user id; NULL for the server itself
    actor_id     VARCHAR(64),
    -- buyer | agent | supervisor | admin | platform | system
    actor_role   VARCHAR(16)  NOT NULL,
    action       VARCHAR(16)  NOT NULL,
    from_state   VARCHAR(16),
    to_state     VARCHAR(16)  NOT NULL,
    note         VARCHAR(500),
    ts           BIGINT       NOT NULL,
    PRIMARY KEY (aftersale_id, seq)
);

-- KPI counters (docs/kpis.md): tickets made, and tickets that reached refunded.
ALTER TABLE kpi_minutes ADD COLUMN aftersales BIGINT NOT NULL DEFAULT 0;
ALTER TABLE kpi_minutes ADD COLUMN refunds BIGINT NOT NULL DEFAULT 0;
