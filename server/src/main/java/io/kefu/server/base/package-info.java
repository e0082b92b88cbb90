/**
 * The ground floor every server package may stand on: {@link io.kefu.server.base.KefuException} (an
 * error with its contract code) and {@link io.kefu.server.base.IdGenerator}. It imports nothing of the
 * server, so nothing here can tie two features together.
 */
package io.kefu.server.base;
