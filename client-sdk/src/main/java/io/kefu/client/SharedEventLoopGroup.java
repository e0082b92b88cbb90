package io.kefu.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loop group of clients built without one: created on first use (epoll where the native
 * transport is available, NIO elsewhere), with daemon threads named {@code kefu-client-*}, shared by
 * all such clients and never shut down. This lazily-created group is the SDK's only static state; pass
 * your own group to the builder to control thread count and lifetime.
 */
final class SharedEventLoopGroup {
    private SharedEventLoopGroup() {
    }

    static EventLoopGroup get() {
        return Holder.GROUP;
    }

    /** Initialised by the JVM on first access to {@link #get()}: lazy and thread-safe without locks. */
    private static final class Holder {
        static final EventLoopGroup GROUP = create();

        private static EventLoopGroup create() {
            DefaultThreadFactory threads = new DefaultThreadFactory("kefu-client", true);
            return Epoll.isAvailable() ? new EpollEventLoopGroup(0, threads) : new NioEventLoopGroup(0, threads);
        }
    }
}
