/**
 * Queue data structures for routing, with costs that grow no faster than log n in the number waiting.
 * Plain single-threaded objects; a router lane owns each instance.
 */
package io.kefu.server.routing.queue;
