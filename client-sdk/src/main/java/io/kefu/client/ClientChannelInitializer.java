package io.kefu.client;

import io.kefu.protocol.FrameCodec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Assembles a client connection's pipeline: TLS (wss only), HTTP for the upgrade, the WebSocket
 * protocol handler (handshake with the encoding's sub-protocol, pong replies to server pings),
 * reassembly of fragmented frames, the frame codec and the {@link KefuClientHandler}.
 */
final class ClientChannelInitializer extends ChannelInitializer<Channel> {
    /** Enough for the server's handshake response, which has no body. */
    private static final int MAX_HANDSHAKE_RESPONSE = 16 * 1024;

    private final ClientConfig config;
    private final FrameCodec codec;
    private final ConnectionEvents events;

    ClientChannelInitializer(ClientConfig config, FrameCodec codec, ConnectionEvents events) {
        this.config = config;
        this.codec = codec;
        this.events = events;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (config.sslContext() != null) {
            p.addLast("ssl", config.sslContext().newHandler(ch.alloc(), config.host(), config.port()));
        }
        p.addLast("httpClientCodec", new HttpClientCodec());
        p.addLast("httpObjectAggregator", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE));
        p.addLast("webSocketClientProtocolHandler", new WebSocketClientProtocolHandler(protocolConfig()));
        p.addLast("webSocketFrameAggregator", new WebSocketFrameAggregator(config.maxFramePayloadLength()));
        p.addLast("kefuFrameCodec", new KefuFrameCodec(codec));
        p.addLast("kefuClientHandler", new KefuClientHandler(events));
    }

    private WebSocketClientProtocolConfig protocolConfig() {
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(config.uri())
                .subprotocol(codec.subprotocol())
                .customHeaders(new DefaultHttpHeaders().set("User-Agent", "kefu-java-sdk"))
                .maxFramePayloadLength(config.maxFramePayloadLength())
                .handshakeTimeoutMillis(config.connectTimeout().toMillis())
                // KefuClientHandler reads the server's close code and reason before closing.
                .handleCloseFrames(false)
                .build();
    }
}
