/**
 * Routing: which agent gets which conversation. Each shop's state ({@link io.kefu.server.routing.ShopState})
 * is owned by one {@link io.kefu.server.routing.ShopRouter}, an actor whose commands run one at a time on
 * the router lane its shop id hashes to. There are no locks on routing state and no mutable state shared
 * across shops; store work happens on the store executor and its results hop back onto the lane.
 *
 * <p>Inside a router: {@code Assignments} decides (groups, queues, who gets what), {@code Lifecycle}
 * creates, closes and rates conversations, {@code Transfers} moves them by hand, {@code MessageSequencer}
 * numbers and stores messages, {@code Pushes} tells the participants. Policies that can be swapped live in
 * {@code policy}; they see agents only through {@link io.kefu.server.routing.policy.AgentLoad}.
 */
package io.kefu.server.routing;
