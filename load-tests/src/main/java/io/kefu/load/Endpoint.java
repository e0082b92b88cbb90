package io.kefu.load;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * One simulated user and its current connection: a buyer or an agent, by index. The connection changes
 * when churn reconnects the user; the credential is set once, before connecting; everything else is
 * fixed. Fields written by one thread and read by
 * others are volatile; the Netty channel serialises everything done on the connection itself.
 */
final class Endpoint {

    enum Role { BUYER, AGENT }

    private final Role role;
    private final int index;
    private volatile String credential;
    /** The credential's UTF-8 bytes (the relay's client id as its frames carry it). */
    private volatile byte[] credentialBytes;
    private final InetSocketAddress source;
    private final boolean slow;
    private volatile EndpointHandler handler;

    /**
     * @param credential the relay client id, or {@code null} until set-up gives the Kefu token
     * @param source     local address to connect from, or {@code null} for the system's choice
     * @param slow       an agent that stops reading during the run (slow-consumer scenario)
     */
    Endpoint(Role role, int index, String credential, InetSocketAddress source, boolean slow) {
        this.role = role;
        this.index = index;
        credential(credential);
        this.source = source;
        this.slow = slow;
    }

    Role role() {
        return role;
    }

    int index() {
        return index;
    }

    String credential() {
        return credential;
    }

    /** Set once set-up has made the user's token (Kefu). */
    void credential(String c) {
        this.credentialBytes = c == null ? null : c.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.credential = c;
    }

    /** {@link #credential()} as UTF-8 bytes, made once. */
    byte[] credentialBytes() {
        return credentialBytes;
    }

    InetSocketAddress source() {
        return source;
    }

    boolean slow() {
        return slow;
    }

    /** The handler of the current connection attempt, or {@code null} before the first. */
    EndpointHandler handler() {
        return handler;
    }

    void attach(EndpointHandler h) {
        this.handler = h;
    }

    /** The current channel, or {@code null} when not connected. */
    Channel channel() {
        EndpointHandler h = handler;
        return h == null ? null : h.channel();
    }

    boolean ready() {
        EndpointHandler h = handler;
        return h != null && h.ready();
    }

    @Override
    public String toString() {
        return (role == Role.BUYER ? "buyer " : "agent ") + index;
    }
}
