-- Kefu schema, version 1. Must run unchanged on H2 2.3 and PostgreSQL 14+: plain SQL types only,
-- no partial indexes, no generated columns, no dialect-specific upserts.
-- Ids are snowflake ids written as decimal strings (or ids given by a shop's back end for buyers).
-- Times are epoch milliseconds (BIGINT); a time that has not happened yet is NULL, so that KPI
-- queries (AVG, COUNT over a time range) skip it without special cases.

CREATE TABLE shops (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE skill_groups (
    id                  VARCHAR(64)  NOT NULL PRIMARY KEY,
    shop_id             VARCHAR(64)  NOT NULL REFERENCES shops (id),
    name                VARCHAR(200) NOT NULL,
    -- at most one per shop; kept by ShopStore.createGroup under a lock on the shop row
    is_default          BOOLEAN      NOT NULL DEFAULT FALSE,
    -- comma-separated entry types routed to this group: 'order,aftersale'
    entry_types         VARCHAR(200) NOT NULL DEFAULT '',
    overflow_to         VARCHAR(64)  REFERENCES skill_groups (id),
    overflow_after_sec  INT          NOT NULL DEFAULT 0,
    created_at          BIGINT       NOT NULL
);
CREATE INDEX skill_groups_shop ON skill_groups (shop_id, created_at);

CREATE TABLE agents (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    shop_id         VARCHAR(64)  NOT NULL REFERENCES shops (id),
    username        VARCHAR(100) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    max_concurrent  INT          NOT NULL,
    created_at      BIGINT       NOT NULL,
    CONSTRAINT agents_shop_username UNIQUE (shop_id, username)
);

CREATE TABLE agent_groups (
    agent_id  VARCHAR(64) NOT NULL REFERENCES agents (id),
    group_id  VARCHAR(64) NOT NULL REFERENCES skill_groups (id),
    PRIMARY KEY (agent_id, group_id)
);
CREATE INDEX agent_groups_group ON agent_groups (group_id);

-- Buyers are platform-wide; a token can be minted for a buyer this server has not seen, so nothing
-- references this table with a foreign key.
CREATE TABLE buyers (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200),
    -- comma-separated: 'vip,wholesale'
    tags        VARCHAR(1000) NOT NULL DEFAULT '',
    created_at  BIGINT       NOT NULL
);

CREATE TABLE conversations (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id         VARCHAR(64)   NOT NULL REFERENCES shops (id),
    buyer_id        VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    group_id        VARCHAR(64),
    agent_id        VARCHAR(64),
    entry_type      VARCHAR(16),
    entry_ref       VARCHAR(200),
    created_at      BIGINT        NOT NULL,
    assigned_at     BIGINT,
    closed_at       BIGINT,
    closed_by       VARCHAR(64),
    close_reason    VARCHAR(200),
    rating          SMALLINT,
    rating_comment  VARCHAR(1000)
);
-- findOpen(shop, buyer), openForBuyer(buyer), and a buyer's history with a shop (after-sales).
CREATE INDEX conversations_buyer ON conversations (buyer_id, shop_id, created_at);
-- openForShop(shop): the open few among a shop's many closed conversations.
CREATE INDEX conversations_shop_state ON conversations (shop_id, state);
-- KPI reports over a time range, per shop and per agent.
CREATE INDEX conversations_shop_created ON conversations (shop_id, created_at);
CREATE INDEX conversations_agent_created ON conversations (agent_id, created_at);

-- No foreign key to conversations: messages are written by the batch writer, conversations by the
-- store executor, and the router (which owns both) does not wait for one before queuing the other.
CREATE TABLE messages (
    conv_id      VARCHAR(64)  NOT NULL,
    seq          BIGINT       NOT NULL,
    sender_type  VARCHAR(16)  NOT NULL,
    -- NULL for system messages
    sender_id    VARCHAR(64),
    kind         VARCHAR(32)  NOT NULL,
    -- the body as a JSON object
    body         VARCHAR      NOT NULL,
    ts           BIGINT       NOT NULL,
    cmid         VARCHAR(128),
    PRIMARY KEY (conv_id, seq),
    -- idempotent retries; NULL cmids (server messages) never collide
    CONSTRAINT messages_cmid UNIQUE (conv_id, sender_id, cmid)
);
