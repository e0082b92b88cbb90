package io.kefu.server.store;

import java.util.List;
import java.util.Objects;

/**
 * A stored compliance rule, as the database holds it: {@code shopId} is {@code null} for a platform rule;
 * {@code type}, {@code action} and {@code appliesTo} are the wire words ({@code phrase}, {@code block},
 * {@code agent}...), checked by {@code io.kefu.server.compliance.Rule} before they get here. Immutable.
 */
public record RuleRecord(String id, String shopId, String name, String type, String pattern, List<String> variants,
                         String action, List<String> appliesTo, long createdAt) {
    public RuleRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pattern, "pattern");
        variants = List.copyOf(variants);
        Objects.requireNonNull(action, "action");
        appliesTo = List.copyOf(appliesTo);
    }
}
