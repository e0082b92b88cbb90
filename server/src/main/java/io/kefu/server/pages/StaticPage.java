package io.kefu.server.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * One file ready to serve: its bytes, the same gzipped (or {@code null} when gzip would not make it
 * smaller), its content type, its strong ETag (a hash of the bytes) and how long a browser may keep it.
 * Immutable.
 */
record StaticPage(String path, String contentType, byte[] body, byte[] gzipped, String etag, Kind kind) {

    /** What the file is, which decides its caching and its Content-Security-Policy. */
    enum Kind {
        /** A page a browser opens; always revalidated so a new server version shows at once. */
        HTML,
        /** A script, style sheet or image a page loads. */
        ASSET
    }

    static StaticPage of(String path, String contentType, byte[] body, Kind kind) {
        byte[] gz = gzip(body);
        return new StaticPage(path, contentType, body, gz.length < body.length ? gz : null, etagOf(body), kind);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
