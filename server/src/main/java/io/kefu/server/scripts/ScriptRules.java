package io.kefu.server.scripts;

import io.kefu.server.base.Fields;
import io.kefu.server.base.KefuException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a script must be before it is stored, the same for the API and for import rows: every failure is
 * a {@code bad_frame} whose message names the field and the limit. Stateless; any thread.
 */
public final class ScriptRules {
    private ScriptRules() {
    }

    /**
     * The script tidied (text fields stripped, the shortcut folded to lower-case half-width, a blank
     * shortcut removed), or {@code bad_frame} naming the first bad field.
     */
    public static Script check(Script s, ScriptLimits limits) {
        String category = text("category", s.category(), limits.maxCategory());
        String title = text("title", s.title(), limits.maxTitle());
        String body = text("body", s.body(), limits.maxBody());
        String shortcut = shortcut(s.shortcut(), limits.maxShortcut());
        List<String> unknown = ScriptFiller.unknownVariables(body);
        if (!unknown.isEmpty()) {
            throw KefuException.badRequest("field 'body' uses unknown variable"
                    + (unknown.size() == 1 ? " " : "s ") + braces(unknown) + "; the variables are "
                    + braces(ScriptFiller.VARIABLES));
        }
        return new Script(s.id(), s.shopId(), s.scope(), s.ownerId(), category, title, shortcut, body, s.uses(),
                s.updatedAt());
    }

    /** A category name as stored: stripped, or {@code bad_frame} naming {@code field}. */
    public static String category(String field, String raw, ScriptLimits limits) {
        return text(field, raw, limits.maxCategory());
    }

    /** A shortcut as stored: folded, or {@code null} for none. */
    static String shortcut(String raw, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = ScriptText.fold(raw.strip());
        if (ScriptText.hasSpace(s)) {
            throw KefuException.badRequest("field 'shortcut' must not contain spaces, was '" + raw + "'");
        }
        if (s.length() > max) {
            throw KefuException.badRequest("field 'shortcut' must be at most " + max + " characters, was "
                    + s.length());
        }
        return s;
    }

    private static String text(String field, String raw, int max) {
        return Fields.requiredText(field, raw, max);
    }

    private static String braces(List<String> names) {
        return names.stream().map(n -> "{" + n + "}").collect(Collectors.joining(", "));
    }
}
