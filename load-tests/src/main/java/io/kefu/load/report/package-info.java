/**
 * What a run reports: the records written to the JSON report, the human summary and the formatting
 * they share. Values only; built by the runner at the end of a run.
 */
package io.kefu.load.report;
