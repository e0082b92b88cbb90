/**
 * The crash test: a real server in a child JVM killed with {@code kill -9} again and again under SDK
 * traffic, restarted on the same database, then a Jepsen-style check of everything that was acknowledged
 * against what the database holds. How to run it longer is in {@code docs/reliability.md} ("The crash test").
 */
package io.kefu.server.crash;
