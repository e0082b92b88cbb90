package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpMetricsHandlerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpRequestMeters meters = new HttpRequestMeters(registry,
            path -> path.startsWith("/api/v1/items/") ? Optional.of("/api/v1/items/{id}") : Optional.empty());
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpMetricsHandler(meters));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void request(HttpMethod method, String uri) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
    }

    private void respond(HttpResponseStatus status) {
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
    }

    private long count(String method, String route, int status) {
        Timer t = registry.find(HttpRequestMeters.REQUESTS)
                .tags("method", method, "route", route, "status", Integer.toString(status)).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void pipelinedResponsesArePairedWithTheirRequestsInOrder() {
        request(HttpMethod.GET, "/api/v1/items/42?full=1");
        request(HttpMethod.POST, "/health");
        request(HttpMethod.GET, "/no/such/thing");
        respond(HttpResponseStatus.OK);
        respond(HttpResponseStatus.METHOD_NOT_ALLOWED);
        respond(HttpResponseStatus.NOT_FOUND);

        assertThat(count("GET", "/api/v1/items/{id}", 200)).isEqualTo(1);
        assertThat(count("POST", "/health", 405)).isEqualTo(1);
        assertThat(count("GET", "other", 404)).isEqualTo(1);
        assertThat(registry.find(HttpRequestMeters.REQUESTS).timers()).hasSize(3);
    }

    @Test
    void unknownMethodsAndUnknownApiPathsDoNotBecomeTagValues() {
        request(HttpMethod.valueOf("BREW"), "/api/v1/coffee/42");
        respond(HttpResponseStatus.NOT_FOUND);

        assertThat(count("other", "other", 404)).isEqualTo(1);
    }

    @Test
    void requestsPastTheLimitAreNotTimedAndLaterOnesAreAgain() {
        for (int i = 0; i <= HttpMetricsHandler.MAX_PENDING; i++) {
            request(HttpMethod.GET, "/health");
        }
        request(HttpMethod.GET, "/metrics"); // behind the untimed one: not timed either
        for (int i = 0; i <= HttpMetricsHandler.MAX_PENDING + 1; i++) {
            respond(HttpResponseStatus.OK);
        }
        request(HttpMethod.GET, "/metrics");
        respond(HttpResponseStatus.OK);

        assertThat(count("GET", "/health", 200)).isEqualTo(HttpMetricsHandler.MAX_PENDING);
        assertThat(count("GET", "/metrics", 200)).isEqualTo(1);
    }

    @Test
    void aWebSocketUpgradeIsCountedAndTheHandlerLeaves() {
        request(HttpMethod.GET, "/ws");
        respond(HttpResponseStatus.SWITCHING_PROTOCOLS);

        assertThat(count("GET", "/ws", 101)).isEqualTo(1);
        assertThat(channel.pipeline().get(HttpMetricsHandler.class)).isNull();
    }
}
