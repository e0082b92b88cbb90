package io.kefu.server.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON form of routing settings and weekly hours, both ways: what the HTTP API answers and stores,
 * and the validation of what clients send. Every refusal is a {@code bad_frame} naming the field
 * ({@code businessHours[1].from}) and what was expected. Stateless and thread-safe.
 */
public final class SettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final int MAX_SEC = 30 * 86_400;
    static final int MAX_WINDOWS = 50;
    static final int MAX_WORDS = 200;
    static final int MAX_WORD = 50;

    private SettingsJson() {
    }

    // ---- routing settings -----------------------------------------------------------------------------

    public static ObjectNode toJson(RoutingSettings s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("timeZone", s.timeZone().getId());
        n.set("businessHours", toJson(s.businessHours()));
        s.urgentKeywords().forEach(n.putArray("urgentKeywords")::add);
        s.vipTags().forEach(n.putArray("vipTags")::add);
        ObjectNode tg = n.putObject("tagGroups");
        new java.util.TreeMap<>(s.tagGroups()).forEach(tg::put);
        n.put("graceSec", s.graceSec()).put("stickyDays", s.stickyDays()).put("stickyWaitSec", s.stickyWaitSec())
                .put("queueTimeoutSec", s.queueTimeoutSec()).put("noAnswerSec", s.noAnswerSec())
                .put("noAnswerAway", s.noAnswerAway()).put("idleCloseSec", s.idleCloseSec());
        n.put("welcomeText", s.welcomeText()).put("afterHoursText", s.afterHoursText());
        n.put("aftersaleReplyHours", s.aftersaleReplyHours());
        return n;
    }

    /** {@code base} with the top-level fields of {@code patch} replacing its own (contract: PUT merges). */
    public static RoutingSettings merge(RoutingSettings base, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw KefuException.badRequest("the body must be a JSON object of routing settings");
        }
        return new RoutingSettings(
                has(patch, "timeZone") ? zone(patch.get("timeZone")) : base.timeZone(),
                has(patch, "businessHours") ? hours(patch.get("businessHours"), "businessHours") : base.businessHours(),
                has(patch, "urgentKeywords") ? words(patch.get("urgentKeywords"), "urgentKeywords") : base.urgentKeywords(),
                has(patch, "vipTags") ? words(patch.get("vipTags"), "vipTags") : base.vipTags(),
                has(patch, "tagGroups") ? tagGroups(patch.get("tagGroups")) : base.tagGroups(),
                seconds(patch, "graceSec", base.graceSec(), 86_400),
                seconds(patch, "stickyDays", base.stickyDays(), 365),
                seconds(patch, "stickyWaitSec", base.stickyWaitSec(), MAX_SEC),
                seconds(patch, "queueTimeoutSec", base.queueTimeoutSec(), MAX_SEC),
                seconds(patch, "noAnswerSec", base.noAnswerSec(), MAX_SEC),
                has(patch, "noAnswerAway") ? bool(patch.get("noAnswerAway"), "noAnswerAway") : base.noAnswerAway(),
                seconds(patch, "idleCloseSec", base.idleCloseSec(), MAX_SEC),
                patch.has("welcomeText") ? autoText(patch.get("welcomeText"), "welcomeText") : base.welcomeText(),
                patch.has("afterHoursText") ? autoText(patch.get("afterHoursText"), "afterHoursText")
                        : base.afterHoursText(),
                seconds(patch, "aftersaleReplyHours", base.aftersaleReplyHours(),
                        RoutingSettings.MAX_AFTERSALE_REPLY_HOURS));
    }

    /** Settings as stored: the defaults with what the shop changed. A stored text is trusted to parse. */
    public static RoutingSettings fromStored(String json) {
        if (json == null || json.isBlank()) {
            return RoutingSettings.DEFAULT;
        }
        try {
            return merge(RoutingSettings.DEFAULT, JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored routing settings are not JSON", e);
        }
    }

    public static String toStored(RoutingSettings s) {
        return toJson(s).toString();
    }

    // ---- weekly hours ---------------------------------------------------------------------------------

    public static ArrayNode toJson(WeeklyHours hours) {
        ArrayNode list = JSON.createArrayNode();
        for (WeeklyWindow w : hours.windows()) {
            ObjectNode n = list.addObject();
            ArrayNode days = n.putArray("days");
            for (DayOfWeek d : DayOfWeek.values()) {
                if (w.days().contains(d)) {
                    days.add(DAYS.get(d.ordinal()));
                }
            }
            n.put("from", w.from().toString()).put("to", w.to().toString());
        }
        return list;
    }

    /** A list of {@code {days, from, to}}; {@code field} names it in errors ({@code shifts}). */
    public static WeeklyHours hours(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return WeeklyHours.ALWAYS;
        }
        if (!v.isArray()) {
            throw KefuException.badRequest("field '" + field + "' must be a list of {days, from, to}");
        }
        if (v.size() > MAX_WINDOWS) {
            throw KefuException.badRequest("field '" + field + "' may hold at most " + MAX_WINDOWS + " windows");
        }
        List<WeeklyWindow> windows = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode w = v.get(i);
            if (!w.isObject()) {
                throw KefuException.badRequest("field '" + at + "' must be an object {days, from, to}");
            }
            windows.add(new WeeklyWindow(days(w.get("days"), at + ".days"), time(w.get("from"), at + ".from"),
                    time(w.get("to"), at + ".to")));
        }
        return new WeeklyHours(windows);
    }

    public static String toStored(WeeklyHours hours) {
        return hours.always() ? "" : toJson(hours).toString();
    }

    public static WeeklyHours hoursFromStored(String json) {
        if (json == null || json.isBlank()) {
            return WeeklyHours.ALWAYS;
        }
        try {
            return hours(JSON.readTree(json), "shifts");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored hours are not JSON", e);
        }
    }

    // ---- fields ---------------------------------------------------------------------------------------

    private static boolean has(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull();
    }

    private static ZoneId zone(JsonNode v) {
        if (!v.isTextual()) {
            throw KefuException.badRequest("field 'timeZone' must be a string like Asia/Shanghai");
        }
        try {
            return ZoneId.of(v.asText());
        } catch (DateTimeException e) {
            throw KefuException.badRequest("field 'timeZone' is not a time zone: '" + v.asText()
                    + "' (use a region id like Asia/Shanghai)");
        }
    }

    private static Set<DayOfWeek> days(JsonNode v, String field) {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw KefuException.badRequest("field '" + field + "' must be a non-empty list of mon, tue, wed, thu, fri, sat, sun");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (JsonNode d : v) {
            int i = d.isTextual() ? DAYS.indexOf(d.asText().toLowerCase(Locale.ROOT)) : -1;
            if (i < 0) {
                throw KefuException.badRequest("field '" + field + "' may hold mon, tue, wed, thu, fri, sat, sun; was "
                        + d);
            }
            days.add(DayOfWeek.of(i + 1));
        }
        return days;
    }

    private static LocalTime time(JsonNode v, String field) {
        if (v == null || !v.isTextual() || !HH_MM.matcher(v.asText()).matches()) {
            throw KefuException.badRequest("field '" + field + "' must be a time HH:MM (00:00..23:59), was "
                    + (v == null ? "missing" : v.toString()));
        }
        return LocalTime.parse(v.asText());
    }

    private static List<String> words(JsonNode v, String field) {
        if (!v.isArray()) {
            throw KefuException.badRequest("field '" + field + "' must be a list of strings");
        }
        if (v.size() > MAX_WORDS) {
            throw KefuException.badRequest("field '" + field + "' may hold at most " + MAX_WORDS + " entries");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode w : v) {
            String s = w.isTextual() ? w.asText().strip() : "";
            if (s.isEmpty() || s.length() > MAX_WORD) {
                throw KefuException.badRequest("field '" + field + "' entries must be strings of 1.." + MAX_WORD
                        + " characters, was " + w);
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static Map<String, String> tagGroups(JsonNode v) {
        if (!v.isObject()) {
            throw KefuException.badRequest("field 'tagGroups' must be an object of tag → group id");
        }
        if (v.size() > MAX_WORDS) {
            throw KefuException.badRequest("field 'tagGroups' may hold at most " + MAX_WORDS + " tags");
        }
        Map<String, String> out = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            String tag = e.getKey().strip();
            if (tag.isEmpty() || tag.length() > MAX_WORD) {
                throw KefuException.badRequest("field 'tagGroups' keys must be tags of 1.." + MAX_WORD + " characters");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw KefuException.badRequest("field 'tagGroups." + tag + "' must be a group id (a string)");
            }
            out.put(tag, e.getValue().asText());
        });
        return out;
    }

    private static int seconds(JsonNode n, String field, int base, int max) {
        if (!has(n, field)) {
            return base;
        }
        JsonNode v = n.get(field);
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > max) {
            throw KefuException.badRequest("field '" + field + "' must be a whole number 0.." + max + ", was " + v);
        }
        return v.asInt();
    }

    /** A text the server sends for the shop: null, or 1..{@value RoutingSettings#MAX_AUTO_TEXT} characters. */
    private static String autoText(JsonNode v, String field) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw KefuException.badRequest("field '" + field + "' must be a string or null, was " + v);
        }
        String s = v.asText().strip();
        if (s.length() > RoutingSettings.MAX_AUTO_TEXT) {
            throw KefuException.badRequest("field '" + field + "' has " + s.length() + " characters; the limit is "
                    + RoutingSettings.MAX_AUTO_TEXT);
        }
        return s.isEmpty() ? null : s;
    }

    private static boolean bool(JsonNode v, String field) {
        if (!v.isBoolean()) {
            throw KefuException.badRequest("field '" + field + "' must be true or false, was " + v);
        }
        return v.asBoolean();
    }
}
