package io.kefu.server.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A connected in-memory channel on its own event loop whose outbound end records what reaches it, in order:
 * {@code "write:x"} for each frame {@code x} and {@code "flush"}. For tests of what is written when: a JUnit
 * extension ({@code @RegisterExtension}) that connects before each test and closes after it.
 */
public final class RecordingChannel implements BeforeEachCallback, AfterEachCallback {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private DefaultEventLoopGroup loops;
    private Channel server;
    private Channel channel;

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        seen.clear();
        loops = new DefaultEventLoopGroup(1);
        LocalAddress address = new LocalAddress("recording-" + System.nanoTime());
        server = new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
        channel = new Bootstrap().group(loops).channel(LocalChannel.class).handler(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                seen.add("write:" + msg);
                promise.trySuccess();
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                seen.add("flush");
            }
        }).connect(address).sync().channel();
    }

    public Channel channel() {
        return channel;
    }

    /** What reached the channel so far. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** Waits until everything the event loop was given before now has run. */
    public void settle() throws InterruptedException {
        channel.eventLoop().submit(() -> { }).sync();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        channel.close().sync();
        server.close().sync();
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }
}
