package io.kefu.server.gateway;

import io.kefu.protocol.ErrorCode;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Gives the error answers that Netty's own handlers write the contract's JSON body
 * {@code {"code":..,"message":..}}: the aggregator's 413 (body too large) and 417, the WebSocket
 * handshake's 400 (a bad upgrade to {@code /ws}) and 426 (unsupported version). Kefu's own answers are
 * JSON already and pass untouched, as does everything that is not an error. Sits next to the HTTP codec
 * so that every response passes it. Shared; runs on event loops.
 */
@Sharable
final class HttpErrorBodyHandler extends ChannelOutboundHandlerAdapter {
    private final int maxBodyBytes;

    HttpErrorBodyHandler(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse res && res.status().code() >= 400 && !isJson(res)) {
            FullHttpResponse json = HttpResponses.errorResponse(res.status(), codeOf(res.status()).wire(), messageOf(res));
            // Keep what the original says about the connection (Connection, Allow, Sec-WebSocket-Version...).
            res.headers().remove(HttpHeaderNames.CONTENT_TYPE).remove(HttpHeaderNames.CONTENT_LENGTH);
            json.headers().add(res.headers());
            res.release();
            ctx.write(json, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    private static boolean isJson(FullHttpResponse res) {
        String type = res.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.startsWith("application/json");
    }

    static ErrorCode codeOf(HttpResponseStatus status) {
        return switch (status.code()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.INVALID_STATE;
            case 413, 414, 431 -> ErrorCode.TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.OVERLOADED;
            default -> status.code() >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_FRAME;
        };
    }

    private String messageOf(FullHttpResponse res) {
        String text = res.content().toString(StandardCharsets.UTF_8).strip();
        return switch (res.status().code()) {
            case 413 -> "request body is larger than the limit of " + maxBodyBytes + " bytes";
            case 417 -> "unsupported Expect header; only 100-continue is understood";
            case 426 -> "unsupported WebSocket version; use Sec-WebSocket-Version: "
                    + res.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            case 400 -> text.isEmpty() ? "bad request" : "bad request: " + text;
            default -> text.isEmpty() ? res.status().reasonPhrase() : text;
        };
    }
}
