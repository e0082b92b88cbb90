package io.kefu.server.pages;

import java.util.List;

/**
 * The Content-Security-Policy of each page: scripts, styles, images and connections from the server's
 * own origin only, no inline script or style, no plug-ins, no {@code <base>}. Only the widget may be
 * framed by other sites: by those in {@code KEFU_ALLOWED_ORIGINS} (by any when the list is empty, as for
 * {@code /ws}); the other pages only by the server's own. Immutable; any thread.
 */
final class ContentSecurityPolicy {
    private static final String BASE = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors ";
    private final String widget;
    private final String other;

    ContentSecurityPolicy(List<String> allowedOrigins) {
        this.widget = BASE + (allowedOrigins.isEmpty() ? "*" : "'self' " + String.join(" ", allowedOrigins));
        this.other = BASE + "'self'";
    }

    String forPath(String path) {
        return path.equals("/widget") ? widget : other;
    }
}
