package io.kefu.server.compliance;

import io.kefu.server.base.KefuException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rule as a client asks for it, checked field by field: every refusal is a {@code bad_frame} that names
 * the field. {@code action} defaults to {@code block} and {@code appliesTo} to {@code ["agent", "bot"]}.
 * Immutable.
 */
public record RuleDraft(String name, RuleType type, String pattern, List<String> variants, RuleAction action,
                        Set<Sender> appliesTo) {
    public static final int MAX_NAME = 100;
    public static final int MAX_PATTERN = 100;
    public static final int MAX_VARIANTS = 20;
    public static final Set<Sender> DEFAULT_APPLIES_TO = Set.of(Sender.AGENT, Sender.BOT);

    public RuleDraft {
        variants = List.copyOf(variants);
        appliesTo = Set.copyOf(appliesTo);
    }

    /**
     * Checks the raw fields (strings as sent, already stripped; absent optional fields empty) and returns the
     * draft, or throws {@code bad_frame} naming the field.
     */
    public static RuleDraft parse(String name, String type, String pattern, Optional<List<String>> variants,
                                  Optional<String> action, Optional<List<String>> appliesTo) {
        RuleType t = RuleType.fromWire(type).orElseThrow(() -> KefuException.badRequest(
                "field 'type' must be phrase or contact, was '" + type + "'"));
        if (t == RuleType.CONTACT && ContactKind.fromWire(pattern).isEmpty()) {
            throw KefuException.badRequest("field 'pattern' of a contact rule must be one of wechat, qq, phone, email,"
                    + " url; was '" + pattern + "'");
        }
        if (t == RuleType.CONTACT && variants.isPresent() && !variants.get().isEmpty()) {
            throw KefuException.badRequest("field 'variants' is for phrase rules only");
        }
        if (t == RuleType.PHRASE) {
            requireMatchable("pattern", pattern);
            List<String> list = variants.orElse(List.of());
            for (int i = 0; i < list.size(); i++) {
                requireMatchable("variants[" + i + "]", list.get(i));
            }
        }
        RuleAction a = action.map(raw -> RuleAction.fromWire(raw).orElseThrow(() -> KefuException.badRequest(
                "field 'action' must be block or warn, was '" + raw + "'"))).orElse(RuleAction.BLOCK);
        Set<Sender> senders = appliesTo.map(RuleDraft::senders).orElse(DEFAULT_APPLIES_TO);
        return new RuleDraft(name, t, pattern, variants.orElse(List.of()), a, senders);
    }

    Rule toRule(String id, String shopId, long createdAt) {
        return new Rule(id, shopId, name, type, pattern, variants, action, appliesTo, false, createdAt);
    }

    private static Set<Sender> senders(List<String> raw) {
        if (raw.isEmpty()) {
            throw KefuException.badRequest("field 'appliesTo' must name at least one of agent, bot, buyer");
        }
        Set<Sender> out = EnumSet.noneOf(Sender.class);
        for (String s : raw) {
            out.add(Sender.fromWire(s).orElseThrow(() -> KefuException.badRequest(
                    "field 'appliesTo' may hold agent, bot and buyer, found '" + s + "'")));
        }
        return out;
    }

    /** A phrase must keep a letter or digit once folded, and fit on one line (it is stored one per line). */
    private static void requireMatchable(String field, String phrase) {
        if (phrase.indexOf('\n') >= 0 || phrase.indexOf('\r') >= 0) {
            throw KefuException.badRequest("field '" + field + "' must not contain a line break");
        }
        if (TextNormalizer.fold(phrase).isEmpty()) {
            throw KefuException.badRequest("field '" + field + "' must contain a letter, digit or ideograph; spaces,"
                    + " punctuation and emoji are ignored when matching, was '" + phrase + "'");
        }
    }
}
