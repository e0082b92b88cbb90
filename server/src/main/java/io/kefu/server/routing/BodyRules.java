package io.kefu.server.routing;

import io.kefu.protocol.Body;
import io.kefu.server.base.KefuException;

/** What a client-sent message body must hold for its kind. Stateless. */
final class BodyRules {
    private static final int MAX_URL = 2048;
    private static final int MAX_PRODUCT_ID = 64;
    private static final int MAX_PRODUCT_TITLE = 200;
    /** Money on the contract's other bodies (orders) stops at 10^12 fen too. */
    private static final long MAX_FEN = 1_000_000_000_000L;

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
                httpUrl("url", required(kind, body, "url"));
                Object d = body.fields().get("durationMs");
                if (d != null && !(d instanceof Long l && l >= 0)) {
                    throw KefuException.badRequest("send.body.durationMs must be a non-negative integer");
                }
            }
            case "order" -> required(kind, body, "orderNo");
            case "product" -> product(body);
            case "system" -> throw KefuException.forbidden("kind 'system' is sent by the server only");
            default -> throw KefuException.badRequest("unknown message kind '" + kind
                    + "'; clients send text, image, voice, order or product");
        }
    }

    /**
     * A product card: {@code productId}, and the snapshot the page showing the product sends with it (Kefu keeps no
     * catalog): {@code title}, {@code price} in fen, {@code image} and {@code url}, each optional and checked.
     */
    private static void product(Body body) {
        String id = required("product", body, "productId");
        if (id.isEmpty() || id.length() > MAX_PRODUCT_ID) {
            throw KefuException.badRequest("send.body.productId must have 1 to " + MAX_PRODUCT_ID + " characters");
        }
        Object title = body.fields().get("title");
        if (title != null && !(title instanceof String t && !t.isBlank() && t.length() <= MAX_PRODUCT_TITLE)) {
            throw KefuException.badRequest("send.body.title must be a non-blank string of at most " + MAX_PRODUCT_TITLE
                    + " characters");
        }
        Object price = body.fields().get("price");
        if (price != null && !(price instanceof Long fen && fen >= 0 && fen <= MAX_FEN)) {
            throw KefuException.badRequest("send.body.price must be an integer number of fen, 0 to " + MAX_FEN);
        }
        for (String field : new String[] {"image", "url"}) {
            Object value = body.fields().get(field);
            if (value != null) {
                httpUrl(field, value instanceof String s ? s : "");
            }
        }
    }

    private static void httpUrl(String field, String url) {
        if (!(url.startsWith("https://") || url.startsWith("http://")) || url.length() > MAX_URL) {
            throw KefuException.badRequest("send.body." + field + " must be an http(s) URL of at most " + MAX_URL
                    + " characters");
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
