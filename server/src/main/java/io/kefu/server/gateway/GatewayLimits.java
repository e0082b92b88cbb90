package io.kefu.server.gateway;

import java.util.List;

/**
 * The limits the gateway enforces per connection and in total. Immutable; built from the configuration.
 *
 * @param heartbeatSec     server ping interval; no traffic for twice this closes with 4408
 * @param helloTimeoutSec  a connection must authenticate within this, or is closed with 4401
 * @param helloBacklog     frames held while {@code hello} is being answered; one more closes with 4401
 * @param maxFrameBytes    largest WebSocket frame accepted; larger closes with 1009
 * @param maxHttpBodyBytes largest HTTP request body accepted
 * @param ratePerSec       frames a second a connection may send on average
 * @param rateBurst        frames a connection may send at once
 * @param rateStrikes      {@code rate_limited} answers before the connection is closed with 4429
 * @param maxConnections   open TCP connections on this node
 * @param maxOutboundBytes bytes queued for a connection that stopped reading before it is closed
 * @param allowedOrigins   browser origins allowed to open {@code /ws} and to call {@code /api/} (CORS); empty allows any
 * @param httpRequestTimeoutSec an HTTP request not in full this long after its first byte gets 408 and a close
 * @param tokenGraceSec    a session is closed with 4401 this long after its token expired
 */
public record GatewayLimits(int heartbeatSec, int helloTimeoutSec, int helloBacklog, int maxFrameBytes, int maxHttpBodyBytes,
                            int ratePerSec, int rateBurst, int rateStrikes, int maxConnections,
                            long maxOutboundBytes, List<String> allowedOrigins, int httpRequestTimeoutSec,
                            int tokenGraceSec) {
    public GatewayLimits {
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
