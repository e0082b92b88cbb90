/**
 * Routing: which agent gets which conversation. Each shop's state is owned by one
 * {@link io.kefu.server.routing.ShopRouter}, an actor whose commands run one at a time on the router
 * lane its shop id hashes to. There are no locks on routing state and no mutable state shared across
 * shops; store work happens on the store executor and its results hop back onto the lane.
 */
package io.kefu.server.routing;
