-- Quick replies (话术库, contract §6): a shop's scripts and its agents' personal ones. Plain SQL that runs
-- unchanged on H2 2.3 and PostgreSQL 14+. Lengths are the API's limits (ScriptLimits), in characters.

CREATE TABLE scripts (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64)   NOT NULL REFERENCES shops (id),
    -- shop | personal
    scope       VARCHAR(16)   NOT NULL,
    -- the agent who owns a personal script; '' for a shop script (not NULL, so the unique constraint
    -- below also holds among the shop's own scripts)
    owner_id    VARCHAR(64)   NOT NULL DEFAULT '',
    category    VARCHAR(50)   NOT NULL,
    title       VARCHAR(100)  NOT NULL,
    -- lower-case, half-width, no spaces; NULL when the script has none (NULLs never collide)
    shortcut    VARCHAR(32),
    body        VARCHAR(2000) NOT NULL,
    -- how often the script was sent; added to in batches, so it may lag a few seconds
    uses        BIGINT        NOT NULL DEFAULT 0,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL,
    CONSTRAINT scripts_shortcut UNIQUE (shop_id, owner_id, shortcut)
);
-- A shop's index is loaded whole (shop_id); the unique constraint's index serves shortcut checks.
CREATE INDEX scripts_shop ON scripts (shop_id, scope);
