/**
 * The Kefu server. {@link io.kefu.server.KefuServer} is the one place where objects are wired;
 * {@link io.kefu.server.Main} starts it from the configuration. Feature packages: {@code gateway}
 * (Netty), {@code session} and {@code bus} (reaching users), {@code routing} (one actor per shop),
 * {@code conversation} (the front door for frames), {@code store} (JDBC), {@code auth}, {@code api},
 * {@code config}, {@code demo}.
 */
package io.kefu.server;
