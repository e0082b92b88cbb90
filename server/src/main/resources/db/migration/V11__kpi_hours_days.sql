-- KPI rollups by hour and by day (docs/kpis.md "How it is kept"), beside kpi_minutes (V6, V8): the same counters,
-- summed by UTC hour (epoch_hour = epoch_minute / 60) and UTC day (epoch_day = epoch_minute / 1440) for each shop,
-- group and agent, the shop's total rows (group and agent '*') included. The KPI writer adds each batch to all three
-- tables in one transaction; unlike kpi_minutes an hour or day row is one row per key, updated in place (a batch
-- adds to it), so a month has at most 720 hour rows and 30 day rows per group and agent. A report reads each part of
-- its range from the coarsest table whose cells fit in it. Plain SQL for H2 2.3 and PostgreSQL 14+, like V1.
CREATE TABLE kpi_hours (
    shop_id       VARCHAR(64) NOT NULL,
    epoch_hour    BIGINT      NOT NULL, -- hours since 1970-01-01T00:00Z
    group_id      VARCHAR(64) NOT NULL DEFAULT '',
    agent_id      VARCHAR(64) NOT NULL DEFAULT '',
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
    blocked       BIGINT NOT NULL DEFAULT 0,
    aftersales    BIGINT NOT NULL DEFAULT 0,
    refunds       BIGINT NOT NULL DEFAULT 0,
    -- the total rows ('*', '*') of a range are one prefix of this key
    PRIMARY KEY (shop_id, group_id, agent_id, epoch_hour)
);
CREATE INDEX kpi_hours_time ON kpi_hours (shop_id, epoch_hour);
CREATE INDEX kpi_hours_agent ON kpi_hours (shop_id, agent_id, epoch_hour);

CREATE TABLE kpi_days (
    shop_id       VARCHAR(64) NOT NULL,
    epoch_day     BIGINT      NOT NULL, -- UTC days since 1970-01-01
    group_id      VARCHAR(64) NOT NULL DEFAULT '',
    agent_id      VARCHAR(64) NOT NULL DEFAULT '',
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
    blocked       BIGINT NOT NULL DEFAULT 0,
    aftersales    BIGINT NOT NULL DEFAULT 0,
    refunds       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (shop_id, group_id, agent_id, epoch_day)
);
CREATE INDEX kpi_days_time ON kpi_days (shop_id, epoch_day);
CREATE INDEX kpi_days_agent ON kpi_days (shop_id, agent_id, epoch_day);

-- The minutes stored before this migration, summed into the new tables (minutes are whole non-negative numbers, so
-- integer division is the UTC hour and day in both databases).
INSERT INTO kpi_hours (shop_id, epoch_hour, group_id, agent_id, opened, received, buyer_msgs, need_msgs, within_3m,
        need_day, within_3m_day, rounds, round_ms, firsts, first_ms, first_decided, first_30s, unanswered, transfers,
        waits, wait_ms, w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, ratings, rating_sum,
        low_ratings, bot_resolved, blocked, aftersales, refunds)
    SELECT shop_id, epoch_minute / 60, group_id, agent_id, SUM(opened), SUM(received), SUM(buyer_msgs),
        SUM(need_msgs), SUM(within_3m), SUM(need_day), SUM(within_3m_day), SUM(rounds), SUM(round_ms), SUM(firsts),
        SUM(first_ms), SUM(first_decided), SUM(first_30s), SUM(unanswered), SUM(transfers), SUM(waits), SUM(wait_ms),
        SUM(w0), SUM(w1), SUM(w2), SUM(w3), SUM(w4), SUM(w5), SUM(w6), SUM(w7), SUM(w8), SUM(w9), SUM(w10), SUM(w11),
        SUM(w12), SUM(w13), SUM(w14), SUM(w15), SUM(ratings), SUM(rating_sum), SUM(low_ratings), SUM(bot_resolved),
        SUM(blocked), SUM(aftersales), SUM(refunds)
    FROM kpi_minutes GROUP BY shop_id, epoch_minute / 60, group_id, agent_id;
INSERT INTO kpi_days (shop_id, epoch_day, group_id, agent_id, opened, received, buyer_msgs, need_msgs, within_3m,
        need_day, within_3m_day, rounds, round_ms, firsts, first_ms, first_decided, first_30s, unanswered, transfers,
        waits, wait_ms, w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, ratings, rating_sum,
        low_ratings, bot_resolved, blocked, aftersales, refunds)
    SELECT shop_id, epoch_hour / 24, group_id, agent_id, SUM(opened), SUM(received), SUM(buyer_msgs),
        SUM(need_msgs), SUM(within_3m), SUM(need_day), SUM(within_3m_day), SUM(rounds), SUM(round_ms), SUM(firsts),
        SUM(first_ms), SUM(first_decided), SUM(first_30s), SUM(unanswered), SUM(transfers), SUM(waits), SUM(wait_ms),
        SUM(w0), SUM(w1), SUM(w2), SUM(w3), SUM(w4), SUM(w5), SUM(w6), SUM(w7), SUM(w8), SUM(w9), SUM(w10), SUM(w11),
        SUM(w12), SUM(w13), SUM(w14), SUM(w15), SUM(ratings), SUM(rating_sum), SUM(low_ratings), SUM(bot_resolved),
        SUM(blocked), SUM(aftersales), SUM(refunds)
    FROM kpi_hours GROUP BY shop_id, epoch_hour / 24, group_id, agent_id;
