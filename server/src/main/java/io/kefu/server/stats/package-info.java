/**
 * Numbers about the server itself, behind {@code /metrics}: process memory and file descriptors sampled
 * off the event loops, and the meters that implement the listeners other packages own (routing's
 * {@link io.kefu.server.routing.spi.RoutingListener}, the sessions' {@link io.kefu.server.session.PushListener},
 * the API's {@link io.kefu.server.api.AuthListener}), so those packages never import this one. The
 * reference of every metric is {@code docs/metrics.md}. KPI reports for merchants are in {@code stats.kpi}.
 */
package io.kefu.server.stats;
