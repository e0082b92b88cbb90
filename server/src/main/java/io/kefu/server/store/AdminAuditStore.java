package io.kefu.server.store;

import java.util.List;

/** The admin audit trail. Runs on store threads only (the audit writer's thread counts as one). */
public interface AdminAuditStore {

    /** Writes the entries in one transaction. */
    void insert(List<AdminAuditRecord> entries);

    /**
     * The shop's entries with {@code from <= ts < to}, newest first, at most {@code limit}; with {@code types}
     * not empty only those whose type is one of them or starts with one of them and a dot ({@code login} finds
     * {@code login.ok} and {@code login.failed}).
     */
    List<AdminAuditRecord> read(String shopId, long from, long to, List<String> types, int limit);
}
