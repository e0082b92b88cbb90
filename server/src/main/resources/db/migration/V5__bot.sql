-- FAQ bot (contract §7): a shop's bot settings and its FAQs. Plain SQL that runs unchanged on H2 2.3 and
-- PostgreSQL 14+, like V1. Lengths are the API's limits (Faq, BotSettings), in characters.

-- the shop's bot settings as JSON ('' = the defaults, until the shop first changes them)
ALTER TABLE shops ADD COLUMN bot VARCHAR(4000) NOT NULL DEFAULT '';

CREATE TABLE faqs (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64)   NOT NULL REFERENCES shops (id),
    question    VARCHAR(200)  NOT NULL,
    answer      VARCHAR(2000) NOT NULL,
    -- one keyword per line ('' = none); at most 20 of 30 characters
    keywords    VARCHAR(1000) NOT NULL DEFAULT '',
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
-- A shop's FAQs are loaded whole, oldest first (the order breaks ties between equal matches).
CREATE INDEX faqs_shop ON faqs (shop_id, created_at);
