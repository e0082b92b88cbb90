package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.TestServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CORS on an {@link EmbeddedChannel}, with a stand-in for the API that answers when the test says so. */
class ApiCorsHandlerTest {
    private static final String SHOP = "https://shop.example";
    private static final String EVIL = "https://evil.example";

    /** Holds the requests it gets; {@link #answer} writes a 200 for the oldest, as the API would. */
    private static final class HeldAnswers extends ChannelInboundHandlerAdapter {
        final List<FullHttpRequest> held = new ArrayList<>();
        ChannelHandlerContext ctx;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            this.ctx = ctx;
            held.add((FullHttpRequest) msg);
        }

        void answer() {
            held.remove(0).release();
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8)));
        }
    }

    private final HeldAnswers api = new HeldAnswers();
    private EmbeddedChannel channel;

    @AfterEach
    void tearDown() {
        api.held.forEach(FullHttpRequest::release);
        channel.finishAndReleaseAll();
    }

    private void open(List<String> allowed) {
        channel = new EmbeddedChannel(new ApiCorsHandler(allowed), api);
    }

    @Test
    void aPreflightFromAnAllowedOriginIs204WithTheAllowHeaders() {
        open(List.of(SHOP));

        channel.writeInbound(preflight("/api/v1/shops/1/agents", SHOP));

        FullHttpResponse res = channel.readOutbound();
        assertThat(res.status()).isEqualTo(HttpResponseStatus.NO_CONTENT);
        assertThat(res.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(SHOP);
        assertThat(res.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).contains("GET", "POST", "PUT", "DELETE");
        assertThat(res.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)).isEqualTo("Authorization, Content-Type");
        assertThat(res.headers().getInt(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE)).isPositive();
        assertThat(res.headers().get(HttpHeaderNames.VARY)).isEqualTo("Origin");
        assertThat(api.held).as("a preflight never reaches the API").isEmpty();
        res.release();
    }

    @Test
    void aPreflightFromAnotherOriginIs403ForbiddenJson() {
        open(List.of(SHOP));

        channel.writeInbound(preflight("/api/v1/shops", EVIL));

        FullHttpResponse res = channel.readOutbound();
        assertThat(res.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(res.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        var json = TestServer.parse(res.content().toString(StandardCharsets.UTF_8));
        assertThat(json.get("code").asText()).isEqualTo("forbidden");
        assertThat(json.get("message").asText()).contains(EVIL, "KEFU_ALLOWED_ORIGINS");
        res.release();
    }

    @Test
    void withNoListAnyOriginIsEchoed() {
        open(List.of());

        channel.writeInbound(preflight("/api/v1/shops", EVIL));
        FullHttpResponse pre = channel.readOutbound();
        channel.writeInbound(request(HttpMethod.GET, "/api/v1/shops/1/groups", EVIL));
        api.answer();
        FullHttpResponse res = channel.readOutbound();

        assertThat(pre.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(EVIL);
        assertThat(res.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(EVIL);
        pre.release();
        res.release();
    }

    @Test
    void anAnswerToAnAllowedOriginCarriesItAndAnotherOriginsDoesNot() {
        open(List.of(SHOP));

        channel.writeInbound(request(HttpMethod.POST, "/api/v1/auth/agent", SHOP));
        api.answer();
        FullHttpResponse allowed = channel.readOutbound();
        channel.writeInbound(request(HttpMethod.POST, "/api/v1/auth/agent", EVIL));
        api.answer();
        FullHttpResponse other = channel.readOutbound();

        assertThat(allowed.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(SHOP);
        assertThat(allowed.headers().get(HttpHeaderNames.VARY)).isEqualTo("Origin");
        assertThat(other.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        allowed.release();
        other.release();
    }

    @Test
    void pathsOutsideTheApiGetNoCorsAndTheirOptionsGoOn() {
        open(List.of());

        channel.writeInbound(request(HttpMethod.GET, "/health", SHOP));
        api.answer();
        FullHttpResponse health = channel.readOutbound();
        channel.writeInbound(preflight("/metrics", SHOP));

        assertThat(health.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(api.held).hasSize(1);
        assertThat((Object) channel.readOutbound()).isNull();
        health.release();
    }

    @Test
    void pipelinedAnswersGetTheirOwnOriginAndAPreflightWaitsItsTurn() {
        open(List.of(SHOP, "https://other.example"));

        channel.writeInbound(request(HttpMethod.GET, "/api/v1/shops/1/groups", SHOP));
        channel.writeInbound(request(HttpMethod.GET, "/api/v1/shops/1/groups", null));
        channel.writeInbound(preflight("/api/v1/shops/1/groups", "https://other.example"));
        channel.writeInbound(request(HttpMethod.GET, "/api/v1/shops/1/groups", "https://other.example"));
        assertThat((Object) channel.readOutbound()).as("the preflight must not overtake earlier answers").isNull();

        api.answer();
        api.answer();
        api.answer();
        List<FullHttpResponse> out = List.of(channel.readOutbound(), channel.readOutbound(), channel.readOutbound(),
                channel.readOutbound());

        assertThat(out).extracting(r -> r.status().code()).containsExactly(200, 200, 204, 200);
        assertThat(out).extracting(r -> r.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
                .containsExactly(SHOP, null, "https://other.example", "https://other.example");
        out.forEach(FullHttpResponse::release);
    }

    private static FullHttpRequest preflight(String uri, String origin) {
        FullHttpRequest req = request(HttpMethod.OPTIONS, uri, origin);
        req.headers().set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST");
        req.headers().set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type");
        return req;
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String origin) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
        if (origin != null) {
            req.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        return req;
    }
}
