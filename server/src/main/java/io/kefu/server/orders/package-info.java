/**
 * Orders (contract §10, v1.1): the {@link io.kefu.server.orders.OrderSource} SPI, its two implementations (the
 * built-in order book in Kefu's store, {@link io.kefu.server.orders.BuiltInOrderSource}, and a shop's own HTTP back
 * end, {@link io.kefu.server.orders.HttpOrderSource}), and {@link io.kefu.server.orders.ShopOrders}, which picks the
 * source each shop is configured with. Routing sees orders only through {@code routing.spi.OrderLookup}.
 */
package io.kefu.server.orders;
