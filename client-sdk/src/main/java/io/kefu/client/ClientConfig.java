package io.kefu.client;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Duration;

/** The settings of one client, validated by {@link KefuClient.Builder}. {@code sslContext} is null for ws://. */
record ClientConfig(URI uri, String token, Encoding encoding, Duration connectTimeout, Duration requestTimeout,
                    boolean autoReconnect, Backoff backoff, int maxFramePayloadLength, SslContext sslContext,
                    KefuListener listener) {

    String host() {
        return uri.getHost();
    }

    int port() {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return sslContext != null ? 443 : 80;
    }
}
