/**
 * How components reach users: every push goes through {@link io.kefu.server.bus.Bus}. In one process it
 * is a direct hand-off to this node's sessions; in cluster mode a Redis-backed bus carries it to the node
 * that holds the user's connections. Nothing else differs between the two.
 */
package io.kefu.server.bus;
