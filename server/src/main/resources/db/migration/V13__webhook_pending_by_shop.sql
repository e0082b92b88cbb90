-- In a cluster, the node that takes a shop over takes up that shop's pending webhook deliveries (and no others').
CREATE INDEX webhook_deliveries_shop_pending ON webhook_deliveries (shop_id, state, next_at);
