package io.kefu.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;

/**
 * Drives any server that speaks {@code RELAY.md}: connect to {@code <relay>?id=<client id>}, ready at
 * once (no auth), and every message addressed by id. The harness pairs each conversation with an agent
 * itself ({@link Scenario#relayAgentOf}), there being no routing. There are no answers, so nothing is
 * acked, and no {@code seq}. Runs on the event loops of the connections it serves.
 */
final class RelayDialect implements Dialect {
    private final RunState run;
    private final String base;
    private final boolean text;
    private final Endpoint[] agents;

    /**
     * @param relay  the relay's WebSocket address, e.g. {@code ws://127.0.0.1:9090/relay}
     * @param agents the agent endpoints, by global index
     */
    RelayDialect(RunState run, URI relay, boolean text, Endpoint[] agents) {
        this.run = run;
        this.base = relay.toString() + (relay.getRawQuery() == null ? "?" : "&") + "id=";
        this.text = text;
        this.agents = agents;
    }

    /** The relay client id of an endpoint: unique per run. */
    static String clientId(String runId, Endpoint.Role role, int index) {
        return runId + (role == Endpoint.Role.BUYER ? "-b" : "-a") + index;
    }

    @Override
    public URI uri(Endpoint endpoint) {
        return URI.create(base + endpoint.credential());
    }

    @Override
    public String subprotocol() {
        return null;
    }

    @Override
    public void opened(EndpointHandler connection) {
        connection.markReady();
    }

    @Override
    public void open(ConvTrack track) {
        Endpoint agent = agents[run.scenario.relayAgentOf(track.index())];
        if (!track.buyer().ready() || !agent.ready()) {
            run.connections.openFailed.increment();
            return;
        }
        run.book.pair(track, "c" + track.index(), agent);
    }

    @Override
    public ByteBuf message(ConvTrack track, Endpoint from, Stamp stamp, ByteBufAllocator alloc, int mask) {
        Endpoint peer = from.role() == Endpoint.Role.BUYER ? track.agent() : track.buyer();
        int size = run.scenario.messageSize();
        return text ? RelayMessages.jsonFrame(alloc, peer.credential(), stamp, size, mask)
                : RelayMessages.binaryFrame(alloc, peer.credentialBytes(), stamp, size, mask);
    }

    @Override
    public WebSocketFrame ping() {
        return null;
    }

    @Override
    public void received(EndpointHandler connection, ByteBuf content, boolean isText) {
        Stamp stamp = isText ? RelayMessages.parseJson(content) : RelayMessages.parseBinary(content);
        ConvTrack track = stamp == null ? null : run.book.get(stamp.conv());
        if (track == null) {
            run.errors.count("relay frame without a stamp");
            return;
        }
        run.arrived(connection.endpoint(), track, stamp);
    }
}
