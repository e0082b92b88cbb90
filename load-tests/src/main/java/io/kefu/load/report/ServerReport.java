package io.kefu.load.report;

import io.kefu.load.metrics.ServerFigures;

/**
 * Server figures: before any connection, at the end, and the maximum seen, plus memory per connection
 * ({@code (end - before) / connections}, {@code null} when not measurable). {@code note} says when the
 * figures are not the server's alone (the embedded relay shares the harness's JVM).
 */
public record ServerReport(String metricsUrl, ServerFigures before, ServerFigures end, ServerFigures max,
                           Double heapBytesPerConnection, Double rssBytesPerConnection, String lastError,
                           String note) {
}
