package io.kefu.server.auth;

/**
 * The rows of the permission matrix: every HTTP call, every frame that needs a role, and the finer rules the
 * calls apply inside (whose conversations, whose numbers, which scripts). Each names its {@link Audience};
 * {@link Permissions} decides. {@code docs/staff.md} prints this table, and a test holds the two together.
 * A {@link #walled()} row answers staff of another shop {@code not_found} instead of {@code forbidden}, so a
 * tenant cannot learn that the thing exists. Immutable.
 */
public enum Permission {
    // ---- HTTP calls (the api.Endpoint of the same name) -----------------------------------------------
    CREATE_SHOP(Kind.HTTP, Audience.PLATFORM, "create shops"),
    BUYER_TOKEN(Kind.HTTP, Audience.PLATFORM, "mint buyer tokens"),
    DRAIN_NODE(Kind.HTTP, Audience.PLATFORM, "drain a cluster node"),
    AGENT_LOGIN(Kind.HTTP, Audience.ANYONE, "log in"),
    OPENAPI(Kind.HTTP, Audience.ANYONE, "read the API description"),
    CHANGE_PASSWORD(Kind.HTTP, Audience.SHOP_STAFF, "change their own password"),
    CREATE_GROUP(Kind.HTTP, Audience.ADMINS, "manage its groups and staff"),
    LIST_GROUPS(Kind.HTTP, Audience.STAFF, "read its groups and staff"),
    PATCH_GROUP(Kind.HTTP, Audience.MANAGERS, "change its groups"),
    CREATE_AGENT(Kind.HTTP, Audience.ADMINS, "manage its groups and staff"),
    LIST_AGENTS(Kind.HTTP, Audience.STAFF, "read its groups and staff"),
    PATCH_AGENT(Kind.HTTP, Audience.MANAGERS, "change its staff"),
    DISABLE_AGENT(Kind.HTTP, Audience.ADMINS, "disable its staff"),
    ENABLE_AGENT(Kind.HTTP, Audience.ADMINS, "enable its staff"),
    RESET_PASSWORD(Kind.HTTP, Audience.ADMINS, "reset a staff member's password"),
    GET_ROUTING(Kind.HTTP, Audience.STAFF, "read its routing settings"),
    PUT_ROUTING(Kind.HTTP, Audience.MANAGERS, "change its routing settings"),
    GET_BUYER(Kind.HTTP, Audience.STAFF, "read its buyers"),
    PUT_BUYER(Kind.HTTP, Audience.STAFF, "tag its buyers"),
    QUEUE(Kind.HTTP, Audience.MANAGERS, "see its queues"),
    LIVE(Kind.HTTP, Audience.MANAGERS, "see its live view"),
    STATS(Kind.HTTP, Audience.STAFF, "read its numbers"),
    SEARCH_SCRIPTS(Kind.HTTP, Audience.STAFF, "search its scripts"),
    CREATE_SCRIPT(Kind.HTTP, Audience.STAFF, "write scripts"),
    UPDATE_SCRIPT(Kind.HTTP, Audience.STAFF, "change scripts"),
    DELETE_SCRIPT(Kind.HTTP, Audience.STAFF, "delete scripts"),
    SCRIPT_CATEGORIES(Kind.HTTP, Audience.STAFF, "read its script categories"),
    RENAME_SCRIPT_CATEGORY(Kind.HTTP, Audience.MANAGERS, "rename script categories"),
    EXPORT_SCRIPTS(Kind.HTTP, Audience.MANAGERS, "export its scripts"),
    IMPORT_SCRIPTS(Kind.HTTP, Audience.MANAGERS, "import scripts"),
    GET_BOT(Kind.HTTP, Audience.STAFF, "read its bot settings"),
    PUT_BOT(Kind.HTTP, Audience.MANAGERS, "change its bot settings"),
    LIST_FAQS(Kind.HTTP, Audience.STAFF, "read its FAQs"),
    CREATE_FAQ(Kind.HTTP, Audience.MANAGERS, "add FAQs"),
    UPDATE_FAQ(Kind.HTTP, Audience.MANAGERS, "change FAQs"),
    DELETE_FAQ(Kind.HTTP, Audience.MANAGERS, "delete FAQs"),
    LIST_RULES(Kind.HTTP, Audience.PLATFORM, "read the platform's compliance rules"),
    CREATE_RULE(Kind.HTTP, Audience.PLATFORM, "add platform compliance rules"),
    DELETE_RULE(Kind.HTTP, Audience.PLATFORM, "delete platform compliance rules"),
    LIST_SHOP_RULES(Kind.HTTP, Audience.MANAGERS, "read its compliance rules"),
    CREATE_SHOP_RULE(Kind.HTTP, Audience.MANAGERS, "add compliance rules"),
    DELETE_SHOP_RULE(Kind.HTTP, Audience.MANAGERS, "delete compliance rules"),
    AUDIT(Kind.HTTP, Audience.MANAGERS, "read its audit log"),
    LIST_ORDERS(Kind.HTTP, Audience.STAFF, "look up its orders"),
    GET_ORDER(Kind.HTTP, Audience.STAFF_AND_BUYERS, "read its orders", true),
    PUT_ORDER(Kind.HTTP, Audience.ADMINS, "store orders in its built-in order book"),
    ORDER_ADDRESS(Kind.HTTP, Audience.STAFF, "change its orders", true),
    ORDER_CANCEL(Kind.HTTP, Audience.STAFF, "change its orders", true),
    GET_ORDER_SOURCE(Kind.HTTP, Audience.ADMINS, "read its order source"),
    PUT_ORDER_SOURCE(Kind.HTTP, Audience.ADMINS, "change its order source"),
    CREATE_AFTERSALE(Kind.HTTP, Audience.STAFF_AND_BUYERS, "open after-sales on its orders", true),
    LIST_AFTERSALES(Kind.HTTP, Audience.STAFF, "list its after-sales"),
    GET_AFTERSALE(Kind.HTTP, Audience.STAFF_AND_BUYERS, "read its after-sales", true),
    AFTERSALE_ACTION(Kind.HTTP, Audience.STAFF_AND_BUYERS, "act on its after-sales", true),
    LIST_WEBHOOKS(Kind.HTTP, Audience.ADMINS, "manage its webhooks"),
    CREATE_WEBHOOK(Kind.HTTP, Audience.ADMINS, "manage its webhooks"),
    DELETE_WEBHOOK(Kind.HTTP, Audience.ADMINS, "manage its webhooks"),
    WEBHOOK_DELIVERIES(Kind.HTTP, Audience.ADMINS, "manage its webhooks"),
    MESSAGES(Kind.HTTP, Audience.PARTICIPANTS, "read a conversation's messages"),

    // ---- frames -----------------------------------------------------------------------------------
    FRAME_OPEN(Kind.FRAME, Audience.BUYERS, "open"),
    FRAME_HUMAN(Kind.FRAME, Audience.BUYERS, "human"),
    FRAME_RATE(Kind.FRAME, Audience.BUYERS, "rate"),
    FRAME_SEND(Kind.FRAME, Audience.PARTICIPANTS, "send"),
    FRAME_READ(Kind.FRAME, Audience.PARTICIPANTS, "read"),
    FRAME_TYPING(Kind.FRAME, Audience.PARTICIPANTS, "typing"),
    FRAME_HISTORY(Kind.FRAME, Audience.PARTICIPANTS, "history"),
    FRAME_SYNC(Kind.FRAME, Audience.PARTICIPANTS, "sync"),
    FRAME_CLOSE(Kind.FRAME, Audience.PARTICIPANTS, "close"),
    FRAME_STATUS(Kind.FRAME, Audience.SHOP_STAFF, "status"),
    FRAME_PICK(Kind.FRAME, Audience.SHOP_STAFF, "pick"),
    FRAME_TRANSFER(Kind.FRAME, Audience.SHOP_STAFF, "transfer"),
    FRAME_SCRIPT_FILL(Kind.FRAME, Audience.SHOP_STAFF, "script.fill"),
    SEND_SCRIPT(Kind.FRAME, Audience.SHOP_STAFF, "send.script"),

    // ---- rules inside calls and frames --------------------------------------------------------------
    /** Read, answer, transfer and close conversations assigned to others; see them all at hello; queue pushes. */
    WHOLE_SHOP_CONVERSATIONS(Kind.RULE, Audience.MANAGERS, "see conversations assigned to other agents"),
    /** Every row of {@code GET .../stats}; an agent gets only their own. */
    ALL_STATS_ROWS(Kind.RULE, Audience.MANAGERS, "read every agent's numbers"),
    SHOP_SCRIPTS(Kind.RULE, Audience.MANAGERS, "write shop-wide scripts"),
    PERSONAL_SCRIPTS(Kind.RULE, Audience.SHOP_STAFF, "write personal scripts"),
    /** The {@code role} and {@code password} fields of {@code PATCH .../agents/{id}}. */
    STAFF_ROLE_OR_PASSWORD(Kind.RULE, Audience.ADMINS, "change a staff member's role or password"),
    /** Orders of any buyer of the shop; a buyer sees only their own. */
    ANY_BUYERS_ORDERS(Kind.RULE, Audience.STAFF, "see any buyer's orders"),
    /** Every after-sale action of the shop's tickets; a buyer may only {@code escalate} their own. */
    AFTERSALE_ACTIONS(Kind.RULE, Audience.STAFF, "approve, reject, refund and otherwise act on after-sales"),
    /** {@code resolve} of a disputed after-sale: the platform's decision (平台介入). */
    RESOLVE_DISPUTE(Kind.RULE, Audience.PLATFORM, "resolve a dispute"),
    /** Logins, staff, settings and export entries of {@code GET .../audit}; supervisors see compliance entries. */
    ADMIN_AUDIT_EVENTS(Kind.RULE, Audience.ADMINS, "read its staff audit trail");

    /** What a row is about. */
    public enum Kind {
        HTTP, FRAME, RULE
    }

    private final Kind kind;
    private final Audience audience;
    private final String what;
    private final boolean walled;

    Permission(Kind kind, Audience audience, String what) {
        this(kind, audience, what, false);
    }

    Permission(Kind kind, Audience audience, String what, boolean walled) {
        this.kind = kind;
        this.audience = audience;
        this.what = what;
        this.walled = walled;
    }

    public Kind kind() {
        return kind;
    }

    public Audience audience() {
        return audience;
    }

    /** Completes "only ... may": what the row allows, or the frame's type. */
    public String what() {
        return what;
    }

    /** Staff of another shop are answered {@code not_found}: they must not learn the thing exists. */
    public boolean walled() {
        return walled;
    }
}
