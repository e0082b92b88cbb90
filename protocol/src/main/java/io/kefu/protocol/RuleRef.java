package io.kefu.protocol;

/**
 * A compliance rule as the wire names it: {@code rule: {id, name}} on a {@code blocked_content} error and in
 * the {@code warning} of a send's {@code ok} (contract §8).
 */
public record RuleRef(String id, String name) {
}
