package io.kefu.server.routing;

import io.kefu.protocol.Body;
import io.kefu.server.base.KefuException;

/** What a client-sent message body must hold for its kind. Stateless. */
final class BodyRules {
    private final int maxTextChars;

    BodyRules(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    void validate(String kind, Body body) {
        if (kind == null) {
            throw KefuException.badRequest("send.kind is required");
        }
        switch (kind) {
            case "text" -> {
                String text = required(kind, body, "text");
                if (text.isBlank()) {
                    throw KefuException.badRequest("send.body.text must not be blank");
                }
                if (text.length() > maxTextChars) {
                    throw new KefuException(io.kefu.protocol.ErrorCode.TOO_LARGE,
                            "send.body.text has " + text.length() + " characters; the limit is " + maxTextChars);
                }
            }
            case "image", "voice" -> {
                String url = required(kind, body, "url");
                if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() > 2048) {
                    throw KefuException.badRequest("send.body.url must be an http(s) URL of at most 2048 characters");
                }
                Object d = body.fields().get("durationMs");
                if (d != null && !(d instanceof Long l && l >= 0)) {
                    throw KefuException.badRequest("send.body.durationMs must be a non-negative integer");
                }
            }
            case "order" -> required(kind, body, "orderNo");
            case "product" -> required(kind, body, "productId");
            case "system" -> throw KefuException.forbidden("kind 'system' is sent by the server only");
            default -> throw KefuException.badRequest("unknown message kind '" + kind
                    + "'; clients send text, image, voice, order or product");
        }
    }

    private static String required(String kind, Body body, String field) {
        String value = body == null ? null : body.string(field);
        if (value == null) {
            throw KefuException.badRequest("send.body." + field + " (string) is required for kind '" + kind + "'");
        }
        return value;
    }
}
