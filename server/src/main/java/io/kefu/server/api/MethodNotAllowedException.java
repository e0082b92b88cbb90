package io.kefu.server.api;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/** The path exists but not with this method: HTTP 405 with code {@code bad_frame} and an {@code Allow} header. */
final class MethodNotAllowedException extends KefuException {
    private final transient List<HttpMethod> allowed;

    MethodNotAllowedException(String path, HttpMethod method, List<HttpMethod> allowed) {
        super(ErrorCode.BAD_FRAME, "method " + method + " is not allowed on " + path + "; use "
                + String.join(" or ", allowed.stream().map(HttpMethod::name).toList()));
        this.allowed = List.copyOf(allowed);
    }

    List<HttpMethod> allowed() {
        return allowed;
    }
}
