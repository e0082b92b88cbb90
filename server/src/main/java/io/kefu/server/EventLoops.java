package io.kefu.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The Netty transport: native epoll where the platform has it, NIO otherwise. */
record EventLoops(EventLoopGroup boss, EventLoopGroup workers, Class<? extends ServerChannel> channelType,
                  String transport) {

    static EventLoops create(int workerThreads) {
        if (Epoll.isAvailable()) {
            return new EventLoops(new EpollEventLoopGroup(1, new DefaultThreadFactory("kefu-accept", true)),
                    new EpollEventLoopGroup(workerThreads, new DefaultThreadFactory("kefu-io", true)),
                    EpollServerSocketChannel.class, "epoll");
        }
        return new EventLoops(new NioEventLoopGroup(1, new DefaultThreadFactory("kefu-accept", true)),
                new NioEventLoopGroup(workerThreads, new DefaultThreadFactory("kefu-io", true)),
                NioServerSocketChannel.class, "nio");
    }
}
