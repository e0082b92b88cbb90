-- Compliance filter (contract §8): platform and shop rules, and the audit log of blocked and warned messages.
-- Plain SQL for H2 2.3 and PostgreSQL 14+, like V1. The built-in platform rules live in code, not here.

-- shop_id NULL = a platform rule (applies to every shop)
CREATE TABLE compliance_rules (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64)   REFERENCES shops (id),
    name        VARCHAR(200)  NOT NULL,
    -- phrase | contact
    type        VARCHAR(16)   NOT NULL,
    -- a phrase, or for type contact one of wechat, qq, phone, email, url
    pattern     VARCHAR(200)  NOT NULL,
    -- a phrase rule's other spellings, one per line ('' = none)
    variants    VARCHAR(4000) NOT NULL DEFAULT '',
    -- block | warn
    action      VARCHAR(8)    NOT NULL,
    -- comma-separated sender types: 'agent,bot'
    applies_to  VARCHAR(32)   NOT NULL,
    created_at  BIGINT        NOT NULL
);
CREATE INDEX compliance_rules_shop ON compliance_rules (shop_id, created_at);

-- One row per blocked or warned message. The excerpt is masked before it gets here: no full contact detail
-- is stored. No foreign keys: an audit batch must not fail as a whole over one row, and rules may be deleted
-- while their audit rows stay (rule_name keeps what the rule was called).
CREATE TABLE compliance_audit (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64)   NOT NULL,
    ts          BIGINT        NOT NULL,
    -- agent | bot | buyer
    actor_type  VARCHAR(16)   NOT NULL,
    actor_id    VARCHAR(64),
    conv_id     VARCHAR(64),
    rule_id     VARCHAR(64)   NOT NULL,
    rule_name   VARCHAR(200)  NOT NULL,
    -- block | warn
    action      VARCHAR(8)    NOT NULL,
    excerpt     VARCHAR(400)  NOT NULL
);
-- GET .../audit?from=&to=: a shop's newest entries in a time range.
CREATE INDEX compliance_audit_shop_ts ON compliance_audit (shop_id, ts);
