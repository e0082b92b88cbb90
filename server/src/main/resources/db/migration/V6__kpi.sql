-- KPI rollups (contract §11, docs/kpis.md): per minute, per shop, group and agent, the counters the report's
-- figures are made from. Rows are only added, never updated (a late correction is another row for the same
-- minute), and read as sums, so the writer needs no upsert. Plain SQL for H2 2.3 and PostgreSQL 14+, like V1.
CREATE TABLE kpi_minutes (
    shop_id       VARCHAR(64) NOT NULL,
    epoch_minute  BIGINT      NOT NULL, -- minutes since 1970-01-01T00:00Z
    group_id      VARCHAR(64) NOT NULL DEFAULT '', -- '' = no group, '*' = the shop's total row
    agent_id      VARCHAR(64) NOT NULL DEFAULT '', -- '' = no agent (the shop's own events)
    opened        BIGINT NOT NULL DEFAULT 0,
    received      BIGINT NOT NULL DEFAULT 0,
    buyer_msgs    BIGINT NOT NULL DEFAULT 0,
    need_msgs     BIGINT NOT NULL DEFAULT 0,
    within_3m     BIGINT NOT NULL DEFAULT 0,
    need_day      BIGINT NOT NULL DEFAULT 0,
    within_3m_day BIGINT NOT NULL DEFAULT 0,
    rounds        BIGINT NOT NULL DEFAULT 0,
    round_ms      BIGINT NOT NULL DEFAULT 0,
    firsts        BIGINT NOT NULL DEFAULT 0,
    first_ms      BIGINT NOT NULL DEFAULT 0,
    first_decided BIGINT NOT NULL DEFAULT 0,
    first_30s     BIGINT NOT NULL DEFAULT 0,
    unanswered    BIGINT NOT NULL DEFAULT 0,
    transfers     BIGINT NOT NULL DEFAULT 0,
    waits         BIGINT NOT NULL DEFAULT 0,
    wait_ms       BIGINT NOT NULL DEFAULT 0,
    -- queue-wait histogram: <=5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600 s, longer
    w0 BIGINT NOT NULL DEFAULT 0, w1 BIGINT NOT NULL DEFAULT 0, w2 BIGINT NOT NULL DEFAULT 0,
    w3 BIGINT NOT NULL DEFAULT 0, w4 BIGINT NOT NULL DEFAULT 0, w5 BIGINT NOT NULL DEFAULT 0,
    w6 BIGINT NOT NULL DEFAULT 0, w7 BIGINT NOT NULL DEFAULT 0, w8 BIGINT NOT NULL DEFAULT 0,
    w9 BIGINT NOT NULL DEFAULT 0, w10 BIGINT NOT NULL DEFAULT 0, w11 BIGINT NOT NULL DEFAULT 0,
    w12 BIGINT NOT NULL DEFAULT 0, w13 BIGINT NOT NULL DEFAULT 0, w14 BIGINT NOT NULL DEFAULT 0,
    w15 BIGINT NOT NULL DEFAULT 0,
    ratings       BIGINT NOT NULL DEFAULT 0,
    rating_sum    BIGINT NOT NULL DEFAULT 0,
    low_ratings   BIGINT NOT NULL DEFAULT 0,
    bot_resolved  BIGINT NOT NULL DEFAULT 0,
    blocked       BIGINT NOT NULL DEFAULT 0
);
-- Every figure is in a detailed row (group, agent) and in the shop's total row of the minute (group and agent '*').
-- Reports by shop, day and hour read the total rows (one a minute), an agent's own report their rows, by group
-- and by agent the detailed rows of the range.
CREATE INDEX kpi_minutes_shop ON kpi_minutes (shop_id, epoch_minute);
CREATE INDEX kpi_minutes_group ON kpi_minutes (shop_id, group_id, epoch_minute);
CREATE INDEX kpi_minutes_agent ON kpi_minutes (shop_id, agent_id, epoch_minute);
