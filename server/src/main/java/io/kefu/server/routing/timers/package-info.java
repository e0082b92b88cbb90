/**
 * Time for routing: {@link io.kefu.server.routing.timers.RouterTimers} runs a task at a time of the
 * injected clock; routers use it to post their own deadlines into their mailbox.
 */
package io.kefu.server.routing.timers;
