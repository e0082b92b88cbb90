package io.kefu.load.report;

import io.kefu.load.metrics.ServerFigures;

/**
 * Server figures: before any connection, at the end, and the maximum seen, plus memory per connection
 * ({@code (end - before) / connections}, {@code null} when not measurable). {@code note} says when the
 * figures are not the server's alone (the embedded relay shares the harness's JVM). With several nodes
 * {@code metricsUrl} lists their pages, the figures are the nodes' {@linkplain ServerFigures#combine combined}
 * (sums; event-loop delay the largest) and {@code nodes} has each node's own; with one it is empty.
 * {@code cpuSeconds}: CPU the server (all nodes) used from before the first connection to the end.
 */
public record ServerReport(String metricsUrl, ServerFigures before, ServerFigures end, ServerFigures max,
                           Double heapBytesPerConnection, Double rssBytesPerConnection, String lastError,
                           String note, Double cpuSeconds, java.util.List<NodeReport> nodes) {
}
