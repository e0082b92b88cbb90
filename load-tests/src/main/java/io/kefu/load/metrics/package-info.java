/**
 * Server-side figures read from a Prometheus {@code /metrics} page during a run: memory, connections,
 * event-loop delay, store queues. Works with Kefu's names and with the few standard names other
 * servers (and the baseline relay) expose.
 */
package io.kefu.load.metrics;
