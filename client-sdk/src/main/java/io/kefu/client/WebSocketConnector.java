package io.kefu.client;

import io.kefu.protocol.FrameCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Opens a client's TCP connections, always on the client's own event loop, each with a fresh
 * pipeline from {@link ClientChannelInitializer}. Host names are resolved by Netty's default (JDK)
 * resolver at every attempt.
 */
final class WebSocketConnector {
    private final ClientConfig config;
    private final Bootstrap bootstrap;

    WebSocketConnector(ClientConfig config, EventLoopGroup group, EventLoop loop, FrameCodec codec,
                       ConnectionEvents events) {
        this.config = config;
        this.bootstrap = new Bootstrap().group(loop).channel(channelType(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ClientChannelInitializer(config, codec, events));
    }

    /** Starts a connection; the WebSocket handshake follows once TCP is up. */
    ChannelFuture connect() {
        return bootstrap.connect(config.host(), config.port());
    }

    /** Channels must match their loop's transport: epoll channels for an epoll group, NIO otherwise. */
    private static Class<? extends Channel> channelType(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
