package io.kefu.server.webhooks;

import io.kefu.server.orders.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Makes one delivery attempt: POSTs the body with its signature and ids, and completes with the receiver's status (a
 * failed future for a network error or the client's own timeout). Never blocks: the JDK client is asynchronous and
 * completes on {@code executor}. Stateless apart from the client; any thread.
 */
final class WebhookSender {
    static final String SIGNATURE_HEADER = RequestSigner.SIGNATURE_HEADER;
    static final String DELIVERY_HEADER = "X-Kefu-Delivery";
    static final String EVENT_HEADER = "X-Kefu-Event";

    private final HttpClient client;

    WebhookSender(Executor executor) {
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The header's value: {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes with the secret. */
    static String signature(String secret, byte[] body) {
        return RequestSigner.hmacSha256(secret, body);
    }

    /**
     * One attempt; {@code timeoutMs} is the client's own limit, a backstop to the dispatcher's timer. The response
     * body is read and discarded.
     */
    CompletableFuture<Integer> send(Webhook to, Delivery d, long timeoutMs) {
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(to.url()))
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Kefu-Webhooks/1")
                .header(DELIVERY_HEADER, d.id())
                .header(EVENT_HEADER, d.event().wire())
                .header(SIGNATURE_HEADER, signature(to.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }
}
