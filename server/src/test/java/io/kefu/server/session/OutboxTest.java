package io.kefu.server.session;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    /** What reached the channel's outbound end, in order: "write:x" and "flush". */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private Channel server;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        LocalAddress address = new LocalAddress("outbox-test-" + System.nanoTime());
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

    @AfterEach
    void close() throws Exception {
        Outbox.close();
        channel.close().sync();
        server.close().sync();
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }

    /** Waits until everything the event loop was given before now has run. */
    private void settle() throws Exception {
        channel.eventLoop().submit(() -> { }).sync();
    }

    @Test
    void withoutAnOpenOutboxEachFrameIsWrittenAndFlushedAtOnce() throws Exception {
        Outbox.write(channel, channel, "a");
        Outbox.write(channel, channel, "b");
        settle();
        assertThat(seen).containsExactly("write:a", "flush", "write:b", "flush");
    }

    @Test
    void anOpenOutboxHoldsFramesUntilItClosesThenWritesThemInOrderWithOneFlush() throws Exception {
        Outbox.open();
        Outbox.write(channel, channel, "a");
        Outbox.write(channel, channel, "b");
        Outbox.write(channel, channel, "c");
        settle();
        assertThat(seen).isEmpty();

        Outbox.close();
        settle();
        assertThat(seen).containsExactly("write:a", "write:b", "write:c", "flush");
    }

    @Test
    void closingTwiceWritesNothingTwice() throws Exception {
        Outbox.open();
        Outbox.write(channel, channel, "a");
        Outbox.close();
        Outbox.close();
        settle();
        assertThat(seen).containsExactly("write:a", "flush");
    }

    @Test
    void theEventLoopWritingToItsOwnChannelIsNeverHeld() throws Exception {
        channel.eventLoop().submit(() -> {
            Outbox.open();
            try {
                Outbox.write(channel, channel, "a");
                seen.add("after-write");
            } finally {
                Outbox.close();
            }
        }).sync();
        assertThat(seen).containsExactly("write:a", "flush", "after-write");
    }
}
