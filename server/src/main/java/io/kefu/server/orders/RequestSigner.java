package io.kefu.server.orders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Kefu's requests to a shop's order system (docs/orders.md): {@code X-Kefu-Signature: sha256=<hex>}, the
 * HMAC-SHA256 with the shop's secret of {@code timestamp \n METHOD \n path?query \n body}, where the timestamp is
 * the {@code X-Kefu-Timestamp} header (epoch milliseconds) and path and query are as sent. Stateless; any thread.
 */
public final class RequestSigner {
    public static final String SIGNATURE_HEADER = "X-Kefu-Signature";
    public static final String TIMESTAMP_HEADER = "X-Kefu-Timestamp";
    public static final String SHOP_HEADER = "X-Kefu-Shop";

    private RequestSigner() {
    }

    public static String sign(String secret, String timestamp, String method, URI uri, byte[] body) {
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return sign(secret, timestamp, method, target, body);
    }

    /** The header's value for a request to {@code target} (raw path and query). */
    public static String sign(String secret, String timestamp, String method, String target, byte[] body) {
        return hmacSha256(secret, (timestamp + "\n" + method + "\n" + target + "\n").getBytes(StandardCharsets.UTF_8),
                body);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 with {@code secret} of {@code parts}, one after the other (webhooks sign the body alone). */
    public static String hmacSha256(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
