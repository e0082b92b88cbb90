package io.kefu.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bot settings as JSON, both ways: what the HTTP API answers, what a {@code PUT} sends (its fields replace
 * the current ones; fields left out stay) and what the store keeps. Every refusal is a {@code bad_frame}
 * naming the field. Stateless; any thread.
 */
public final class BotSettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BotSettingsJson() {
    }

    public static ObjectNode toJson(BotSettings s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("enabled", s.enabled()).put("greeting", s.greeting());
        s.handoffWords().forEach(n.putArray("handoffWords")::add);
        return n.put("threshold", s.threshold()).put("missesBeforeHandoff", s.missesBeforeHandoff());
    }

    /** {@code base} with the fields {@code patch} has replacing its own; a JSON null counts as absent. */
    public static BotSettings merge(BotSettings base, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw KefuException.badRequest("the body must be a JSON object of bot settings");
        }
        return new BotSettings(
                has(patch, "enabled") ? bool(patch.get("enabled")) : base.enabled(),
                has(patch, "greeting") ? string(patch.get("greeting"), "greeting") : base.greeting(),
                has(patch, "handoffWords") ? words(patch.get("handoffWords")) : base.handoffWords(),
                has(patch, "threshold") ? threshold(patch.get("threshold")) : base.threshold(),
                has(patch, "missesBeforeHandoff") ? misses(patch.get("missesBeforeHandoff"))
                        : base.missesBeforeHandoff());
    }

    /** Settings as stored: the defaults with what the shop changed ({@code ""} = all defaults). */
    public static BotSettings fromStored(String json) {
        if (json == null || json.isBlank()) {
            return BotSettings.DEFAULT;
        }
        try {
            return merge(BotSettings.DEFAULT, JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("stored bot settings are not JSON", e);
        }
    }

    public static String toStored(BotSettings s) {
        return toJson(s).toString();
    }

    private static boolean has(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull();
    }

    private static boolean bool(JsonNode v) {
        if (!v.isBoolean()) {
            throw KefuException.badRequest("field 'enabled' must be true or false, was " + v);
        }
        return v.booleanValue();
    }

    private static String string(JsonNode v, String field) {
        if (!v.isTextual()) {
            throw KefuException.badRequest("field '" + field + "' must be a string, was " + v.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }

    private static List<String> words(JsonNode v) {
        if (!v.isArray()) {
            throw KefuException.badRequest("field 'handoffWords' must be a list of strings");
        }
        if (v.size() > BotSettings.MAX_HANDOFF_WORDS) {
            throw KefuException.badRequest("field 'handoffWords' may hold at most " + BotSettings.MAX_HANDOFF_WORDS
                    + " words, was " + v.size());
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode w : v) {
            if (!w.isTextual()) {
                throw KefuException.badRequest("field 'handoffWords' must hold strings, found " + w);
            }
            out.add(w.asText());
        }
        return out;
    }

    private static double threshold(JsonNode v) {
        if (!v.isNumber()) {
            throw KefuException.badRequest("field 'threshold' must be a number 0..1, was " + v);
        }
        return v.doubleValue();
    }

    private static int misses(JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw KefuException.badRequest("field 'missesBeforeHandoff' must be an integer 1.." + BotSettings.MAX_MISSES
                    + ", was " + v);
        }
        return v.intValue();
    }
}
