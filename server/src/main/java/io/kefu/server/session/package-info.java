/**
 * Connections of this node, indexed by user: who is connected here and how to reach them. Routing never
 * holds a connection; it addresses users through the {@link io.kefu.server.bus.Bus}.
 */
package io.kefu.server.session;
