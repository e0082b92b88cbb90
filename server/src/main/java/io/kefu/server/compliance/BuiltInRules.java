package io.kefu.server.compliance;

import java.util.List;
import java.util.Set;

/**
 * The platform rules every server has without set-up: contact details and outside links are blocked in
 * agents' and bots' messages (a buyer may give their own phone number to the shop). Listed first by
 * {@code GET /api/v1/rules}; they cannot be deleted (the platform adds its own rules next to them).
 */
public final class BuiltInRules {
    public static final String ID_PREFIX = "builtin-";

    private static final Set<Sender> STAFF = Set.of(Sender.AGENT, Sender.BOT);

    public static final List<Rule> ALL = List.of(
            rule(ContactKind.WECHAT, "WeChat id or invitation (微信)"),
            rule(ContactKind.QQ, "QQ number or invitation (QQ)"),
            rule(ContactKind.PHONE, "Mobile phone number (手机号)"),
            rule(ContactKind.EMAIL, "E-mail address (邮箱)"),
            rule(ContactKind.URL, "Outside link (站外链接)"));

    private BuiltInRules() {
    }

    private static Rule rule(ContactKind kind, String name) {
        return new Rule(ID_PREFIX + kind.wire(), null, name, RuleType.CONTACT, kind.wire(), List.of(), RuleAction.BLOCK,
                STAFF, true, 0);
    }
}
