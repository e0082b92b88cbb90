/**
 * The numbers a merchant is judged by (contract §11, docs/kpis.md): {@link io.kefu.server.stats.kpi.KpiRecorder}
 * hears routing's events on the router lanes, keeps the clocks and per-minute rollups on its own thread and stores
 * them in batches (with their hour and day sums); {@link io.kefu.server.stats.kpi.KpiReports} answers reports from
 * the rollups alone, each part of a range from the coarsest table that fits it ({@code KpiSpans}).
 */
package io.kefu.server.stats.kpi;
