package io.kefu.server.webhooks;

import io.kefu.server.base.KefuException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a webhook may be (docs/webhooks.md): an http(s) URL with a host of at most {@link #MAX_URL} characters, one
 * or more known events, a secret of {@link #MIN_SECRET}..{@link #MAX_SECRET} characters, at most
 * {@link #MAX_PER_SHOP} per shop. Each refusal is a {@code bad_frame} naming the field. Stateless; any thread.
 */
public final class WebhookRules {
    public static final int MAX_PER_SHOP = 10;
    public static final int MAX_URL = 2048;
    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 200;

    private WebhookRules() {
    }

    public static String url(String raw) {
        if (raw.length() > MAX_URL) {
            throw KefuException.badRequest("field 'url' must be at most " + MAX_URL + " characters, was " + raw.length());
        }
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw KefuException.badRequest("field 'url' must be an http or https URL with a host (no user"
                        + " name, no fragment), was '" + raw + "'");
            }
            return raw;
        } catch (URISyntaxException e) {
            throw KefuException.badRequest("field 'url' is not a valid URL: " + e.getReason());
        }
    }

    public static Set<WebhookEvent> events(List<String> names) {
        if (names.isEmpty()) {
            throw KefuException.badRequest("field 'events' must name at least one of: " + WebhookEvent.allowed());
        }
        Set<WebhookEvent> out = EnumSet.noneOf(WebhookEvent.class);
        for (String name : names) {
            out.add(WebhookEvent.fromWire(name).orElseThrow(() -> KefuException.badRequest("field 'events' holds '"
                    + name + "', which is not an event; allowed: " + WebhookEvent.allowed())));
        }
        return out;
    }
}
