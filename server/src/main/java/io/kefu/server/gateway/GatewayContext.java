package io.kefu.server.gateway;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.auth.JwtService;
import io.kefu.server.conversation.FrameDispatcher;
import io.kefu.server.routing.timers.RouterTimers;
import io.kefu.server.session.SessionRegistry;
import java.time.Clock;

/**
 * What the per-connection handlers share. Immutable; every part is thread-safe. {@code timers} run on the
 * server's {@code clock} (a test's manual clock in tests) and only post work onto a channel's event loop.
 */
public record GatewayContext(GatewayLimits limits, JwtService jwt, FrameDispatcher frames,
                             SessionRegistry sessions, IdGenerator ids, Clock clock, GatewayMetrics metrics,
                             RouterTimers timers) {
}
