package io.kefu.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.TestServer;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON body given to Netty's own error answers, on an {@link EmbeddedChannel}. */
class HttpErrorBodyHandlerTest {

    @Test
    void theAggregatorsEmpty413BecomesTooLargeJson() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpErrorBodyHandler(1_024), new HttpObjectAggregator(1_024));
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/shops");
        req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 2_000);

        ch.writeInbound(req);
        ch.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[1_000])));

        FullHttpResponse res = ch.readOutbound();
        assertThat(res.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        JsonNode json = json(res);
        assertThat(json.get("code").asText()).isEqualTo("too_large");
        assertThat(json.get("message").asText()).isEqualTo("request body is larger than the limit of 1024 bytes");
        assertThat(res.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(res.content().readableBytes());
        res.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aPlainTextErrorKeepsItsTextAndItsOtherHeaders() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpErrorBodyHandler(1_024));
        FullHttpResponse upgradeRequired = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.UPGRADE_REQUIRED, Unpooled.buffer(0));
        upgradeRequired.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        FullHttpResponse badRequest = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.copiedBuffer("not a WebSocket handshake request: missing upgrade", StandardCharsets.UTF_8));

        ch.writeOutbound(upgradeRequired, badRequest);

        FullHttpResponse first = ch.readOutbound();
        assertThat(json(first).get("code").asText()).isEqualTo("bad_frame");
        assertThat(json(first).get("message").asText()).contains("Sec-WebSocket-Version: 13");
        assertThat(first.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION)).isEqualTo("13");
        FullHttpResponse second = ch.readOutbound();
        assertThat(json(second).get("message").asText())
                .isEqualTo("bad request: not a WebSocket handshake request: missing upgrade");
        assertThat(upgradeRequired.refCnt()).isZero();
        assertThat(badRequest.refCnt()).isZero();
        first.release();
        second.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void jsonErrorsAndSuccessesPassUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpErrorBodyHandler(1_024));
        FullHttpResponse ours = HttpResponses.errorResponse(HttpResponseStatus.NOT_FOUND, "not_found", "no such path: /x");
        FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("up", StandardCharsets.UTF_8));

        ch.writeOutbound(ours, ok);

        assertThat((Object) ch.readOutbound()).isSameAs(ours);
        assertThat((Object) ch.readOutbound()).isSameAs(ok);
        ours.release();
        ok.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void statusesMapToTheContractsCodes() {
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.REQUEST_URI_TOO_LONG)).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.FORBIDDEN)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.METHOD_NOT_ALLOWED)).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.EXPECTATION_FAILED)).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.SERVICE_UNAVAILABLE)).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(HttpErrorBodyHandler.codeOf(HttpResponseStatus.BAD_GATEWAY)).isEqualTo(ErrorCode.INTERNAL);
    }

    private static JsonNode json(FullHttpResponse res) {
        assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
        return TestServer.parse(res.content().toString(StandardCharsets.UTF_8));
    }
}
