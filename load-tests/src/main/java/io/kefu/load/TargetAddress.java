package io.kefu.load;

import java.net.URI;

/**
 * Where one target of a run is: its WebSocket address, Kefu's HTTP API base ({@code null} for the
 * relay), its metrics page ({@code null}: not read) and a note on its figures, or {@code null}.
 */
record TargetAddress(Scenario.Target kind, URI ws, URI api, URI metrics, String note) {

    /** Kefu at {@code http://host:port}: chat on {@code /ws}, API under {@code /api/v1}. */
    static TargetAddress kefu(URI server, URI metrics) {
        if (!"http".equals(server.getScheme())) {
            throw new IllegalArgumentException("--server: give http://host:port (TLS is not supported), got " + server);
        }
        URI ws = URI.create("ws://" + server.getRawAuthority() + "/ws");
        return new TargetAddress(Scenario.Target.KEFU, ws, server, metrics, null);
    }

    /** A relay at {@code ws://host:port/path}. */
    static TargetAddress relay(URI ws, URI metrics) {
        if (!"ws".equals(ws.getScheme())) {
            throw new IllegalArgumentException("--relay: give ws://host:port/path, got " + ws);
        }
        return new TargetAddress(Scenario.Target.RELAY, ws, null, metrics, null);
    }

    /** The same target, with a note for the report about its figures. */
    TargetAddress withNote(String text) {
        return new TargetAddress(kind, ws, api, metrics, text);
    }

    /** The metrics page next to a WebSocket or HTTP address: {@code http://host:port/metrics}. */
    static URI metricsBeside(URI address) {
        return URI.create("http://" + address.getRawAuthority() + "/metrics");
    }

    String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
