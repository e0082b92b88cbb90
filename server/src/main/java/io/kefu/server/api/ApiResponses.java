package io.kefu.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.kefu.server.base.RetryLaterException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds API responses: JSON results and {@code {"code","message"}} errors. Stateless; any thread. */
final class ApiResponses {
    private static final Logger log = LoggerFactory.getLogger(ApiResponses.class);

    private ApiResponses() {
    }

    static FullHttpResponse ok(HttpVersion version, JsonNode body) {
        return json(version, HttpResponseStatus.OK, body);
    }

    /** A file to download (a CSV export): its own content type, and named in {@code Content-Disposition}. */
    static FullHttpResponse file(HttpVersion version, ApiFile file) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(file.content()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, file.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file.fileName() + "\"")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    /**
     * A fixed public document (the OpenAPI description): JSON that holds nothing private, so any cache may keep
     * it for an hour.
     */
    static FullHttpResponse document(HttpVersion version, OpenApiDocument document) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(document.json()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=3600");
        return response;
    }

    /** The error's answer; anything that is not a {@link KefuException} is logged and answered {@code internal}. */
    static FullHttpResponse failure(HttpVersion version, Throwable error, String what) {
        Throwable cause = KefuException.unwrap(error);
        if (!(cause instanceof KefuException k)) {
            log.error("API {} failed", what, cause);
            return error(version, HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL,
                    "internal error; the server log has the details");
        }
        if (k.code() == ErrorCode.INTERNAL) {
            // Whoever made it internal (the store executor, usually) has logged the cause already.
            log.warn("API {} answered internal: {}", what, k.getMessage());
        } else {
            log.debug("API {} answered {}: {}", what, k.code().wire(), k.getMessage());
        }
        if (k instanceof MethodNotAllowedException m) {
            FullHttpResponse response = error(version, HttpResponseStatus.METHOD_NOT_ALLOWED, k.code(), k.getMessage());
            response.headers().set(HttpHeaderNames.ALLOW,
                    m.allowed().stream().map(Object::toString).collect(Collectors.joining(", ")));
            return response;
        }
        FullHttpResponse response = error(version, HttpResponseStatus.valueOf(k.code().httpStatus()), k.code(),
                k.getMessage());
        if (k instanceof RetryLaterException later) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, later.retryAfterSec());
        }
        return response;
    }

    static FullHttpResponse error(HttpVersion version, HttpResponseStatus status, ErrorCode code, String message) {
        return json(version, status, ApiJson.object().put("code", code.wire()).put("message", message));
    }

    private static FullHttpResponse json(HttpVersion version, HttpResponseStatus status, JsonNode body) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(ApiJson.bytes(body)));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                // Answers carry tokens and private conversations: no cache may keep them.
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
