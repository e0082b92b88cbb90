/**
 * What plugs into routing from outside it: statistics hear routing through {@link
 * io.kefu.server.routing.spi.RoutingListener}. Routing owns these interfaces and never imports the
 * packages that implement them. Implementations are called on router lanes and must not block.
 */
package io.kefu.server.routing.spi;
