-- Staff management and the admin audit trail (issue 12, docs/staff.md). Plain SQL for H2 2.3 and PostgreSQL 14+.

-- A disabled staff member cannot log in, and their tokens are refused. token_version is raised whenever their
-- tokens must stop working (password changed or reset, disabled): a token carries the version it was issued at.
ALTER TABLE agents ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE agents ADD COLUMN token_version INT NOT NULL DEFAULT 0;

-- Who did what to a shop's set-up, and from where: logins, staff, passwords (never the password), groups,
-- routing, rules, scripts, webhooks, exports. No foreign keys, like compliance_audit: a batch must not fail over
-- one row, and what a row names may be deleted later.
CREATE TABLE admin_audit (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64)   NOT NULL,
    ts          BIGINT        NOT NULL,
    -- login.ok, login.failed, staff.create, staff.disable, password.change, ... (docs/staff.md)
    type        VARCHAR(40)   NOT NULL,
    -- platform | agent (staff of the shop)
    actor_type  VARCHAR(16)   NOT NULL,
    actor_id    VARCHAR(64),
    -- what was acted on: an agent, group, rule or script id, or the shop itself
    target      VARCHAR(200),
    detail      VARCHAR(400),
    -- the client's IP address
    address     VARCHAR(64)
);
-- GET .../audit: a shop's newest entries in a time range, all or of some types.
CREATE INDEX admin_audit_shop_ts ON admin_audit (shop_id, ts);
CREATE INDEX admin_audit_shop_type_ts ON admin_audit (shop_id, type, ts);
