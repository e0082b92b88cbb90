/**
 * The Java client of the Kefu wire contract, for agent consoles, buyer clients, bots and the load
 * harness.
 *
 * <p>{@link io.kefu.client.KefuClient} owns one WebSocket connection (JSON or binary encoding, chosen
 * by sub-protocol), correlates requests with their answers, keeps the connection alive, and, when asked
 * to, reconnects and resumes: it re-sends {@code hello}, syncs every conversation it knows and re-sends
 * unanswered messages with their original client message id. {@link io.kefu.client.BuyerSession} and
 * {@link io.kefu.client.AgentSession} wrap a client with one typed method per command.
 *
 * <p>Threading: each client is pinned to one Netty event loop; its state, its futures' completions and
 * every {@link io.kefu.client.KefuListener} callback run there. Never block in a callback or in a
 * non-async stage chained onto a returned future.
 */
package io.kefu.client;
