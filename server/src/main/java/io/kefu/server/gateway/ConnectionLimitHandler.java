package io.kefu.server.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts open TCP connections, in total and per client address, and refuses those past {@code max} or
 * past {@code maxPerAddress} from one address by closing them at once: one client cannot take every place
 * of the node. The per-address map holds only addresses with open connections. Shared by every channel;
 * runs on their event loops.
 */
@Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimitHandler.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    /** The address a channel was counted under; absent on a channel that was refused. */
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf(ConnectionLimitHandler.class, "counted");

    private final int max;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private volatile long lastWarning;
    private volatile long lastAddressWarning;

    public ConnectionLimitHandler(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            long now = System.nanoTime();
            if (now - lastWarning > WARN_EVERY_NANOS) {
                lastWarning = now;
                log.warn("connection limit reached ({}); refusing new connections", max);
            }
            ctx.close();
            return;
        }
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (address != null && !admit(address)) {
            long now = System.nanoTime();
            if (now - lastAddressWarning > WARN_EVERY_NANOS) {
                lastAddressWarning = now;
                log.warn("per-address connection limit reached ({}) for {}; refusing its new connections",
                        maxPerAddress, address.getHostAddress());
            }
            ctx.close();
            return;
        }
        if (address != null) {
            ctx.channel().attr(COUNTED).set(address);
        }
        super.channelActive(ctx);
    }

    private boolean admit(InetAddress address) {
        boolean[] admitted = {false};
        byAddress.compute(address, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() < maxPerAddress) {
                c.incrementAndGet();
                admitted[0] = true;
            }
            return c.get() == 0 ? null : c;
        });
        return admitted[0];
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            byAddress.computeIfPresent(address, (k, c) -> c.decrementAndGet() == 0 ? null : c);
        }
        super.channelInactive(ctx);
    }

    public int open() {
        return Math.max(0, open.get());
    }

    /** Open connections from {@code address} (for tests and diagnostics). */
    public int open(InetAddress address) {
        AtomicInteger c = byAddress.get(address);
        return c == null ? 0 : c.get();
    }
}
