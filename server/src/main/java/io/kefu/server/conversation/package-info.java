/**
 * The front door for conversation frames: decides which shop's router a frame belongs to, checks the
 * caller's role, and serves reads (history, sync, the hello list) from the store.
 */
package io.kefu.server.conversation;
