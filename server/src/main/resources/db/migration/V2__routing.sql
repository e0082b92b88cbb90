-- Routing engine (contract v1.1 §5): shop routing settings, group strategies, agent shifts, the shop's
-- view of a buyer (tags, note), and what a queued conversation needs to come back in order after a restart.

-- the shop's routing settings as JSON (only what differs from the defaults is meaningful; '' = defaults)
ALTER TABLE shops ADD COLUMN routing VARCHAR(20000) NOT NULL DEFAULT '';

-- least-busy | round-robin | longest-idle | manual
ALTER TABLE skill_groups ADD COLUMN strategy VARCHAR(16) NOT NULL DEFAULT 'least-busy';

-- weekly windows as JSON, in the shop's time zone; '' = always on shift
ALTER TABLE agents ADD COLUMN shifts VARCHAR(8000) NOT NULL DEFAULT '';

-- urgent | vip | normal; when the conversation (last) joined its queue; and its place there: the time it
-- joined at the back, or minus the time it was put at the front, so (priority, queue_key, id) is the order
ALTER TABLE conversations ADD COLUMN priority VARCHAR(8) NOT NULL DEFAULT 'normal';
ALTER TABLE conversations ADD COLUMN queued_at BIGINT;
ALTER TABLE conversations ADD COLUMN queue_key BIGINT NOT NULL DEFAULT 0;

-- A buyer as one shop sees them: the shop's own tags (vip...) and a note for its staff.
CREATE TABLE shop_buyers (
    shop_id     VARCHAR(64)   NOT NULL REFERENCES shops (id),
    buyer_id    VARCHAR(64)   NOT NULL,
    -- comma-separated: 'vip,wholesale'
    tags        VARCHAR(1000) NOT NULL DEFAULT '',
    note        VARCHAR(2000),
    updated_at  BIGINT        NOT NULL,
    PRIMARY KEY (shop_id, buyer_id)
);
