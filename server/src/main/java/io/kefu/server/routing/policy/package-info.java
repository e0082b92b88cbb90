/**
 * Routing policies as plain objects: which agent gets a conversation ({@link
 * io.kefu.server.routing.policy.AssignmentStrategy}) and how long a queued buyer waits ({@link
 * io.kefu.server.routing.policy.EtaEstimator}). They see agents only through {@link
 * io.kefu.server.routing.policy.AgentLoad}, never the router's state, and run on the router lane.
 */
package io.kefu.server.routing.policy;
