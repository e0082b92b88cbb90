package io.kefu.load.report;

import io.kefu.load.metrics.ServerFigures;

/**
 * One node's figures in a run against several Kefu nodes: as read before the first connection, at the end,
 * the maximum seen, and the CPU seconds it used in between ({@code null} when not exposed).
 */
public record NodeReport(String metricsUrl, ServerFigures before, ServerFigures end, ServerFigures max,
                         Double cpuSeconds, String lastError) {
}
