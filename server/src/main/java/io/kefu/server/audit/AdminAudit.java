package io.kefu.server.audit;

import io.kefu.server.auth.Principal;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.AdminAuditRecord;
import io.kefu.server.store.AdminAuditStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records admin audit entries (docs/staff.md lists the types) and reads them back. {@link #record} never blocks
 * and never fails the call it audits: it hands the entry to the {@link AdminAuditWriter}. Callers pass only what
 * may be stored: ids, names, field names, reasons; never a password, a hash or a token. {@link #read} blocks on the
 * database: store threads only. Thread-safe.
 */
public final class AdminAudit {
    /** The shop's own record of logins. */
    public static final String LOGIN_OK = "login.ok";
    public static final String LOGIN_FAILED = "login.failed";
    public static final String STAFF_CREATE = "staff.create";
    public static final String STAFF_CHANGE = "staff.change";
    public static final String STAFF_DISABLE = "staff.disable";
    public static final String STAFF_ENABLE = "staff.enable";
    public static final String PASSWORD_CHANGE = "password.change";
    public static final String PASSWORD_RESET = "password.reset";
    public static final String GROUP_CREATE = "group.create";
    public static final String GROUP_CHANGE = "group.change";
    public static final String ROUTING_CHANGE = "routing.change";
    public static final String RULE_CREATE = "rule.create";
    public static final String RULE_DELETE = "rule.delete";
    public static final String SCRIPT_CREATE = "script.create";
    public static final String SCRIPT_CHANGE = "script.change";
    public static final String SCRIPT_DELETE = "script.delete";
    public static final String SCRIPT_IMPORT = "script.import";
    public static final String SCRIPT_RENAME_CATEGORY = "script.category";
    /** For the webhook endpoints (another change): {@code webhook.create}, {@code webhook.change}, {@code webhook.delete}. */
    public static final String WEBHOOK_CHANGE = "webhook.change";
    public static final String EXPORT_STATS = "export.stats";
    public static final String EXPORT_SCRIPTS = "export.scripts";
    /** Longest detail kept; longer ones are cut. */
    static final int MAX_DETAIL = 400;
    static final int MAX_TARGET = 200;

    private final AdminAuditStore store;
    private final Consumer<AdminAuditRecord> writer;
    private final IdGenerator ids;
    private final Clock clock;

    public AdminAudit(AdminAuditStore store, AdminAuditWriter writer, IdGenerator ids, Clock clock) {
        this(store, writer::offer, ids, clock);
    }

    private AdminAudit(AdminAuditStore store, Consumer<AdminAuditRecord> writer, IdGenerator ids, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.ids = ids;
        this.clock = clock;
    }

    /** Records nothing and reads nothing (tests of the API alone). */
    public static AdminAudit discarding() {
        return new AdminAudit(new AdminAuditStore() {
            @Override
            public void insert(List<AdminAuditRecord> entries) {
            }

            @Override
            public List<AdminAuditRecord> read(String shopId, long from, long to, List<String> types, int limit) {
                return List.of();
            }
        }, e -> { }, new IdGenerator(0), Clock.systemUTC());
    }

    /** {@code actor} did {@code type} to {@code target} in {@code shopId}, from {@code address}. */
    public void record(String shopId, String type, Principal actor, String target, String detail, String address) {
        record(shopId, type, actor.isPlatformAdmin() ? "platform" : actor.role().wire(), actor.userId(), target, detail,
                address);
    }

    /** As {@link #record(String, String, Principal, String, String, String)} for an actor known by type and id. */
    public void record(String shopId, String type, String actorType, String actorId, String target, String detail,
                       String address) {
        if (shopId == null) {
            return; // the platform's own changes belong to no shop's trail
        }
        writer.accept(new AdminAuditRecord(ids.next(), shopId, clock.millis(), type, actorType, actorId,
                cut(target, MAX_TARGET), cut(detail, MAX_DETAIL), cut(address, 64)));
    }

    /** Store threads only. See {@link AdminAuditStore#read}. */
    public List<AdminAuditRecord> read(String shopId, long from, long to, List<String> types, int limit) {
        return store.read(shopId, from, to, types, limit);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
