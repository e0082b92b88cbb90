-- Cluster mode (docs/cluster.md): the fence of each node. A node writes its lease's token here when it takes its
-- lease; the routers' writes (messages, conversations) check, in their transaction, that the row still holds this
-- node's token. A node that takes over a dead node's shops first clears the dead node's token, so a late write of
-- a node that lost its lease is refused instead of landing behind the new owner's back.
CREATE TABLE cluster_nodes (
    node_id       INTEGER      NOT NULL PRIMARY KEY,
    token         VARCHAR(64),
    registered_at BIGINT       NOT NULL
);
