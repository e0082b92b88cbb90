/**
 * The HTTP JSON API under {@code /api/v1/} (contract §4): {@link io.kefu.server.api.ApiHandler} sits in the
 * gateway's HTTP pipeline, matches routes with {@link io.kefu.server.api.RouteMatcher}, authenticates,
 * authorises ({@link io.kefu.server.api.Access}) and hands every store call and password hash to the
 * bounded executors, writing the answer back when they complete. Nothing here blocks an event loop.
 */
package io.kefu.server.api;
