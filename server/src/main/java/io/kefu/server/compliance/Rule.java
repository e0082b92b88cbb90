package io.kefu.server.compliance;

import io.kefu.server.store.RuleRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compliance rule (contract §8): {@code phrase} rules match a phrase or one of its {@code variants} in the
 * folded text; {@code contact} rules name a {@link ContactKind} as their {@code pattern}. {@code shopId} is
 * {@code null} for a platform rule; {@code builtIn} marks the platform rules that are part of the server.
 * Immutable.
 */
public record Rule(String id, String shopId, String name, RuleType type, String pattern, List<String> variants,
                   RuleAction action, Set<Sender> appliesTo, boolean builtIn, long createdAt) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pattern, "pattern");
        variants = List.copyOf(variants);
        Objects.requireNonNull(action, "action");
        appliesTo = Set.copyOf(appliesTo);
        if (type == RuleType.CONTACT && ContactKind.fromWire(pattern).isEmpty()) {
            throw new IllegalArgumentException("contact rule " + id + " has an unknown pattern '" + pattern + "'");
        }
    }

    /** The platform's, or the shop's. */
    public Optional<String> shop() {
        return Optional.ofNullable(shopId);
    }

    /** The contact kind of a {@code contact} rule. */
    public Optional<ContactKind> contactKind() {
        return type == RuleType.CONTACT ? ContactKind.fromWire(pattern) : Optional.empty();
    }

    /** The senders, in wire order (agent, bot, buyer). */
    public List<Sender> appliesToInOrder() {
        List<Sender> out = new ArrayList<>();
        for (Sender s : Sender.values()) {
            if (appliesTo.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    RuleRecord toRecord() {
        return new RuleRecord(id, shopId, name, type.wire(), pattern, variants, action.wire(),
                appliesToInOrder().stream().map(Sender::wire).toList(), createdAt);
    }

    /** A stored rule; {@link IllegalArgumentException} when a column holds something no API call writes. */
    static Rule fromRecord(RuleRecord r) {
        RuleType type = RuleType.fromWire(r.type()).orElseThrow(() -> bad(r, "type", r.type()));
        RuleAction action = RuleAction.fromWire(r.action()).orElseThrow(() -> bad(r, "action", r.action()));
        Set<Sender> senders = EnumSet.noneOf(Sender.class);
        for (String s : r.appliesTo()) {
            senders.add(Sender.fromWire(s).orElseThrow(() -> bad(r, "applies_to", s)));
        }
        return new Rule(r.id(), r.shopId(), r.name(), type, r.pattern(), r.variants(), action, senders, false,
                r.createdAt());
    }

    private static IllegalArgumentException bad(RuleRecord r, String column, String value) {
        return new IllegalArgumentException("rule " + r.id() + " has an unknown " + column + " '" + value + "'");
    }
}
