package io.kefu.load;

import java.net.URI;
import java.util.List;

/**
 * Where one target of a run is: the WebSocket address of each of its nodes (the relay and a single Kefu
 * have one), Kefu's HTTP API base for set-up ({@code null} for the relay), the metrics pages read (empty:
 * none) and a note on its figures, or {@code null}.
 */
record TargetAddress(Scenario.Target kind, List<URI> nodes, URI api, List<URI> metrics, String note) {

    TargetAddress {
        nodes = List.copyOf(nodes);
        metrics = List.copyOf(metrics);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one address");
        }
    }

    /** Kefu at {@code http://host:port}, one or more nodes: chat on {@code /ws}, set-up on the first's API. */
    static TargetAddress kefu(List<URI> servers, List<URI> metrics) {
        List<URI> ws = servers.stream().map(TargetAddress::kefuWs).toList();
        return new TargetAddress(Scenario.Target.KEFU, ws, servers.get(0), metrics, null);
    }

    private static URI kefuWs(URI server) {
        if (!"http".equals(server.getScheme())) {
            throw new IllegalArgumentException("--server: give http://host:port (TLS is not supported), got " + server);
        }
        return URI.create("ws://" + server.getRawAuthority() + "/ws");
    }

    /** A relay at {@code ws://host:port/path}. */
    static TargetAddress relay(URI ws, URI metrics) {
        if (!"ws".equals(ws.getScheme())) {
            throw new IllegalArgumentException("--relay: give ws://host:port/path, got " + ws);
        }
        return new TargetAddress(Scenario.Target.RELAY, List.of(ws), null,
                metrics == null ? List.of() : List.of(metrics), null);
    }

    /** The same target, with a note for the report about its figures. */
    TargetAddress withNote(String text) {
        return new TargetAddress(kind, nodes, api, metrics, text);
    }

    /** The first node's WebSocket address. */
    URI ws() {
        return nodes.get(0);
    }

    /** Every node's WebSocket address, comma-separated: the report's {@code url}. */
    String wsList() {
        return String.join(",", nodes.stream().map(URI::toString).toList());
    }

    /** The metrics page next to a WebSocket or HTTP address: {@code http://host:port/metrics}. */
    static URI metricsBeside(URI address) {
        return URI.create("http://" + address.getRawAuthority() + "/metrics");
    }

    String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
