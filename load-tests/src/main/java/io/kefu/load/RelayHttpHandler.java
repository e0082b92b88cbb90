package io.kefu.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Plain HTTP on the relay's port: {@code GET /metrics} in Prometheus text with the figures the harness
 * compares (connections, heap, direct buffers, RSS), under the names Kefu and standard exporters use;
 * 404 for anything else. Requests that are WebSocket upgrades never get here. Runs on the event loop:
 * the figures are MXBean reads and one read of {@code /proc/self/status}, microseconds, once a second.
 */
@ChannelHandler.Sharable
final class RelayHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final IntSupplier connections;

    RelayHttpHandler(IntSupplier connections) {
        this.connections = connections;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean metrics = req.method() == HttpMethod.GET && "/metrics".equals(req.uri());
        ByteBuf body = Unpooled.copiedBuffer(metrics ? metrics() : "not found\n", StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                metrics ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    String metrics() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("# TYPE relay_connections gauge\nrelay_connections ").append(connections.getAsInt()).append('\n');
        sb.append("# TYPE jvm_memory_used_bytes gauge\njvm_memory_used_bytes{area=\"heap\"} ")
                .append(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()).append('\n');
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                sb.append("# TYPE jvm_buffer_memory_used_bytes gauge\njvm_buffer_memory_used_bytes{id=\"direct\"} ")
                        .append(pool.getMemoryUsed()).append('\n');
            }
        }
        long rss = rssBytes();
        if (rss >= 0) {
            sb.append("# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ").append(rss)
                    .append('\n');
        }
        return sb.toString();
    }

    /** Resident set size from {@code /proc/self/status} (Linux), or -1 elsewhere. */
    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
