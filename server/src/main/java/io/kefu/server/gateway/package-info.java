/**
 * The Netty front: one port for HTTP and WebSocket. {@link io.kefu.server.gateway.GatewayInitializer}
 * only assembles the pipeline; each handler does one thing. Event loops decode, authenticate (HMAC
 * only) and write; everything that can block is handed to the router lanes and the store executor.
 */
package io.kefu.server.gateway;
