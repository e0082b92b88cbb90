/**
 * Numbers about the server itself: process memory and file descriptors sampled off the event loops, and
 * the meters behind {@code /metrics}. KPI reports for merchants come later in this package.
 */
package io.kefu.server.stats;
