/**
 * The compliance filter (contract §8): platform and shop rules that keep contact details, outside links and
 * abusive phrases out of agents' and bots' messages. {@link io.kefu.server.compliance.ComplianceFilter} is
 * what the message path calls (in memory, allocation-light, never blocks); {@link
 * io.kefu.server.compliance.ComplianceRules} is what the HTTP API calls on store threads to change rules and
 * read the audit log; {@link io.kefu.server.compliance.AuditWriter} writes audit entries in batches on its
 * own thread. Matching works on a normalised "skeleton" of the text ({@code TextNormalizer}) with one
 * Aho–Corasick automaton per rule set for phrases and hand-written detectors for the contact kinds.
 */
package io.kefu.server.compliance;
