/**
 * Setting Kefu up for a run through its HTTP API: shops, a default skill group each, agents with their
 * logins, and buyer tokens. Runs on the caller's thread and the JDK HTTP client's threads.
 */
package io.kefu.load.setup;
