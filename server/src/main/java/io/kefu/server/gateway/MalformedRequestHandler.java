package io.kefu.server.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers what the HTTP decoder could not read, before any handler acts on it: the decoder hands on a
 * placeholder ({@code GET /bad-request}) for a line it cannot parse (garbage, HTTP/0.9), and the headers it
 * read so far when they grow too long, and neither may be served, upgraded or counted as a request; nor may
 * a request in another version than HTTP/1.0 or 1.1 (an HTTP/0.9 client cannot read the answer anyway). The
 * answer is a JSON 400, or 414 for a request line and 431 for headers over the decoder's limits, and the
 * connection is closed: the decoder reads nothing more on it. Sits behind the
 * {@link HttpPipelineSequencer}, so the answer still comes after those to earlier requests. Shared; runs on
 * event loops.
 */
@Sharable
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            Throwable cause = o.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            answer(ctx, cause);
            return;
        }
        if (msg instanceof HttpRequest req && !req.protocolVersion().equals(HttpVersion.HTTP_1_1)
                && !req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            String version = req.protocolVersion().text();
            ReferenceCountUtil.release(msg);
            HttpResponses.error(ctx, null, HttpResponseStatus.BAD_REQUEST, "bad_frame",
                    "unsupported HTTP version " + version + "; use HTTP/1.1");
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** A {@code null} request: the answer closes the connection. */
    private static void answer(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            HttpResponses.error(ctx, null, HttpResponseStatus.REQUEST_URI_TOO_LONG, "too_large",
                    "request line is too long: " + cause.getMessage());
        } else if (cause instanceof TooLongHttpHeaderException) {
            HttpResponses.error(ctx, null, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "too_large",
                    "request headers are too large: " + cause.getMessage());
        } else {
            HttpResponses.error(ctx, null, HttpResponseStatus.BAD_REQUEST, "bad_frame",
                    "malformed HTTP request: " + cause.getMessage());
        }
    }
}
