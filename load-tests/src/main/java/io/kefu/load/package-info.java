/**
 * Kefu's load harness: {@link io.kefu.load.LoadRunner} (the CLI) drives Kefu or any server speaking the
 * relay protocol with simulated buyers and agents on an open-loop schedule and measures from the
 * scheduled send time; {@link io.kefu.load.BaselineRelay} is the bare relay it is compared with.
 * Connections are raw Netty WebSocket clients on one shared event-loop group.
 */
package io.kefu.load;
