package io.kefu.server.api;

import io.kefu.server.auth.Permission;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/**
 * Every API call: its method, path pattern ({@code {name}} is a path parameter) and the row of the permission
 * matrix that {@code ApiHandler} checks before the call runs.
 */
enum Endpoint {
    CREATE_SHOP(HttpMethod.POST, "/api/v1/shops", Permission.CREATE_SHOP),
    CREATE_GROUP(HttpMethod.POST, "/api/v1/shops/{shopId}/groups", Permission.CREATE_GROUP),
    LIST_GROUPS(HttpMethod.GET, "/api/v1/shops/{shopId}/groups", Permission.LIST_GROUPS),
    CREATE_AGENT(HttpMethod.POST, "/api/v1/shops/{shopId}/agents", Permission.CREATE_AGENT),
    LIST_AGENTS(HttpMethod.GET, "/api/v1/shops/{shopId}/agents", Permission.LIST_AGENTS),
    PATCH_GROUP(HttpMethod.PATCH, "/api/v1/shops/{shopId}/groups/{groupId}", Permission.PATCH_GROUP),
    PATCH_AGENT(HttpMethod.PATCH, "/api/v1/shops/{shopId}/agents/{agentId}", Permission.PATCH_AGENT),
    DISABLE_AGENT(HttpMethod.POST, "/api/v1/shops/{shopId}/agents/{agentId}/disable", Permission.DISABLE_AGENT),
    ENABLE_AGENT(HttpMethod.POST, "/api/v1/shops/{shopId}/agents/{agentId}/enable", Permission.ENABLE_AGENT),
    RESET_PASSWORD(HttpMethod.POST, "/api/v1/shops/{shopId}/agents/{agentId}/password", Permission.RESET_PASSWORD),
    GET_ROUTING(HttpMethod.GET, "/api/v1/shops/{shopId}/routing", Permission.GET_ROUTING),
    PUT_ROUTING(HttpMethod.PUT, "/api/v1/shops/{shopId}/routing", Permission.PUT_ROUTING),
    GET_BUYER(HttpMethod.GET, "/api/v1/shops/{shopId}/buyers/{buyerId}", Permission.GET_BUYER),
    PUT_BUYER(HttpMethod.PUT, "/api/v1/shops/{shopId}/buyers/{buyerId}", Permission.PUT_BUYER),
    QUEUE(HttpMethod.GET, "/api/v1/shops/{shopId}/queue", Permission.QUEUE),
    // The fixed script paths come before {scriptId}, which would also match them.
    SEARCH_SCRIPTS(HttpMethod.GET, "/api/v1/shops/{shopId}/scripts", Permission.SEARCH_SCRIPTS),
    CREATE_SCRIPT(HttpMethod.POST, "/api/v1/shops/{shopId}/scripts", Permission.CREATE_SCRIPT),
    EXPORT_SCRIPTS(HttpMethod.GET, "/api/v1/shops/{shopId}/scripts/export", Permission.EXPORT_SCRIPTS),
    IMPORT_SCRIPTS(HttpMethod.POST, "/api/v1/shops/{shopId}/scripts/import", Permission.IMPORT_SCRIPTS),
    SCRIPT_CATEGORIES(HttpMethod.GET, "/api/v1/shops/{shopId}/scripts/categories", Permission.SCRIPT_CATEGORIES),
    RENAME_SCRIPT_CATEGORY(HttpMethod.POST, "/api/v1/shops/{shopId}/scripts/categories/rename", Permission.RENAME_SCRIPT_CATEGORY),
    UPDATE_SCRIPT(HttpMethod.PUT, "/api/v1/shops/{shopId}/scripts/{scriptId}", Permission.UPDATE_SCRIPT),
    DELETE_SCRIPT(HttpMethod.DELETE, "/api/v1/shops/{shopId}/scripts/{scriptId}", Permission.DELETE_SCRIPT),
    GET_BOT(HttpMethod.GET, "/api/v1/shops/{shopId}/bot", Permission.GET_BOT),
    PUT_BOT(HttpMethod.PUT, "/api/v1/shops/{shopId}/bot", Permission.PUT_BOT),
    LIST_FAQS(HttpMethod.GET, "/api/v1/shops/{shopId}/faqs", Permission.LIST_FAQS),
    CREATE_FAQ(HttpMethod.POST, "/api/v1/shops/{shopId}/faqs", Permission.CREATE_FAQ),
    UPDATE_FAQ(HttpMethod.PUT, "/api/v1/shops/{shopId}/faqs/{faqId}", Permission.UPDATE_FAQ),
    DELETE_FAQ(HttpMethod.DELETE, "/api/v1/shops/{shopId}/faqs/{faqId}", Permission.DELETE_FAQ),
    OPENAPI(HttpMethod.GET, "/api/v1/openapi.json", Permission.OPENAPI),
    AGENT_LOGIN(HttpMethod.POST, "/api/v1/auth/agent", Permission.AGENT_LOGIN),
    BUYER_TOKEN(HttpMethod.POST, "/api/v1/auth/buyer", Permission.BUYER_TOKEN),
    DRAIN_NODE(HttpMethod.POST, "/api/v1/admin/nodes/{nodeId}/drain", Permission.DRAIN_NODE),
    CHANGE_PASSWORD(HttpMethod.POST, "/api/v1/auth/password", Permission.CHANGE_PASSWORD),
    MESSAGES(HttpMethod.GET, "/api/v1/conversations/{conv}/messages", Permission.MESSAGES),
    LIST_RULES(HttpMethod.GET, "/api/v1/rules", Permission.LIST_RULES),
    CREATE_RULE(HttpMethod.POST, "/api/v1/rules", Permission.CREATE_RULE),
    DELETE_RULE(HttpMethod.DELETE, "/api/v1/rules/{ruleId}", Permission.DELETE_RULE),
    LIST_SHOP_RULES(HttpMethod.GET, "/api/v1/shops/{shopId}/rules", Permission.LIST_SHOP_RULES),
    CREATE_SHOP_RULE(HttpMethod.POST, "/api/v1/shops/{shopId}/rules", Permission.CREATE_SHOP_RULE),
    DELETE_SHOP_RULE(HttpMethod.DELETE, "/api/v1/shops/{shopId}/rules/{ruleId}", Permission.DELETE_SHOP_RULE),
    AUDIT(HttpMethod.GET, "/api/v1/shops/{shopId}/audit", Permission.AUDIT),
    LIST_ORDERS(HttpMethod.GET, "/api/v1/shops/{shopId}/orders", Permission.LIST_ORDERS),
    GET_ORDER(HttpMethod.GET, "/api/v1/shops/{shopId}/orders/{orderNo}", Permission.GET_ORDER),
    PUT_ORDER(HttpMethod.PUT, "/api/v1/shops/{shopId}/orders/{orderNo}", Permission.PUT_ORDER),
    ORDER_ADDRESS(HttpMethod.POST, "/api/v1/shops/{shopId}/orders/{orderNo}/address", Permission.ORDER_ADDRESS),
    ORDER_CANCEL(HttpMethod.POST, "/api/v1/shops/{shopId}/orders/{orderNo}/cancel", Permission.ORDER_CANCEL),
    GET_ORDER_SOURCE(HttpMethod.GET, "/api/v1/shops/{shopId}/order-source", Permission.GET_ORDER_SOURCE),
    PUT_ORDER_SOURCE(HttpMethod.PUT, "/api/v1/shops/{shopId}/order-source", Permission.PUT_ORDER_SOURCE),
    CREATE_AFTERSALE(HttpMethod.POST, "/api/v1/shops/{shopId}/aftersales", Permission.CREATE_AFTERSALE),
    LIST_AFTERSALES(HttpMethod.GET, "/api/v1/shops/{shopId}/aftersales", Permission.LIST_AFTERSALES),
    GET_AFTERSALE(HttpMethod.GET, "/api/v1/shops/{shopId}/aftersales/{aftersaleId}", Permission.GET_AFTERSALE),
    AFTERSALE_ACTION(HttpMethod.POST, "/api/v1/shops/{shopId}/aftersales/{aftersaleId}/{action}",
            Permission.AFTERSALE_ACTION),
    STATS(HttpMethod.GET, "/api/v1/shops/{shopId}/stats", Permission.STATS),
    LIVE(HttpMethod.GET, "/api/v1/shops/{shopId}/live", Permission.LIVE),
    LIST_WEBHOOKS(HttpMethod.GET, "/api/v1/shops/{shopId}/webhooks", Permission.LIST_WEBHOOKS),
    CREATE_WEBHOOK(HttpMethod.POST, "/api/v1/shops/{shopId}/webhooks", Permission.CREATE_WEBHOOK),
    DELETE_WEBHOOK(HttpMethod.DELETE, "/api/v1/shops/{shopId}/webhooks/{webhookId}", Permission.DELETE_WEBHOOK),
    WEBHOOK_DELIVERIES(HttpMethod.GET, "/api/v1/shops/{shopId}/webhooks/{webhookId}/deliveries",
            Permission.WEBHOOK_DELIVERIES);

    private final HttpMethod method;
    private final String pattern;
    private final List<String> segments;
    private final Permission permission;

    Endpoint(HttpMethod method, String pattern, Permission permission) {
        this.method = method;
        this.pattern = pattern;
        this.permission = permission;
        this.segments = List.of(pattern.substring(1).split("/"));
    }

    /** The path pattern, e.g. {@code /api/v1/shops/{shopId}/groups}. */
    String pattern() {
        return pattern;
    }

    /** Who may call it. */
    Permission permission() {
        return permission;
    }

    HttpMethod method() {
        return method;
    }

    /** The pattern's segments, without the leading slash. */
    List<String> segments() {
        return segments;
    }
}
