package io.kefu.client;

import java.time.Duration;

/** Client builders pointed at a {@link FakeKefuServer}, with short timeouts and reconnect delays. */
final class TestClients {
    static final String TOKEN = "good-token";

    private TestClients() {
    }

    static KefuClient.Builder builder(FakeKefuServer server, KefuListener listener) {
        return builder(server, listener, Encoding.JSON);
    }

    static KefuClient.Builder builder(FakeKefuServer server, KefuListener listener, Encoding encoding) {
        return KefuClient.builder()
                .uri(server.uri())
                .token(TOKEN)
                .encoding(encoding)
                .listener(listener)
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }
}
