package io.kefu.server.api;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/** Every API call: its method and path pattern ({@code {name}} is a path parameter). */
enum Endpoint {
    CREATE_SHOP(HttpMethod.POST, "/api/v1/shops"),
    CREATE_GROUP(HttpMethod.POST, "/api/v1/shops/{shopId}/groups"),
    LIST_GROUPS(HttpMethod.GET, "/api/v1/shops/{shopId}/groups"),
    CREATE_AGENT(HttpMethod.POST, "/api/v1/shops/{shopId}/agents"),
    LIST_AGENTS(HttpMethod.GET, "/api/v1/shops/{shopId}/agents"),
    PATCH_GROUP(HttpMethod.PATCH, "/api/v1/shops/{shopId}/groups/{groupId}"),
    PATCH_AGENT(HttpMethod.PATCH, "/api/v1/shops/{shopId}/agents/{agentId}"),
    GET_ROUTING(HttpMethod.GET, "/api/v1/shops/{shopId}/routing"),
    PUT_ROUTING(HttpMethod.PUT, "/api/v1/shops/{shopId}/routing"),
    GET_BUYER(HttpMethod.GET, "/api/v1/shops/{shopId}/buyers/{buyerId}"),
    PUT_BUYER(HttpMethod.PUT, "/api/v1/shops/{shopId}/buyers/{buyerId}"),
    QUEUE(HttpMethod.GET, "/api/v1/shops/{shopId}/queue"),
    // The fixed script paths come before {scriptId}, which would also match them.
    SEARCH_SCRIPTS(HttpMethod.GET, "/api/v1/shops/{shopId}/scripts"),
    CREATE_SCRIPT(HttpMethod.POST, "/api/v1/shops/{shopId}/scripts"),
    EXPORT_SCRIPTS(HttpMethod.GET, "/api/v1/shops/{shopId}/scripts/export"),
    IMPORT_SCRIPTS(HttpMethod.POST, "/api/v1/shops/{shopId}/scripts/import"),
    SCRIPT_CATEGORIES(HttpMethod.GET, "/api/v1/shops/{shopId}/scripts/categories"),
    RENAME_SCRIPT_CATEGORY(HttpMethod.POST, "/api/v1/shops/{shopId}/scripts/categories/rename"),
    UPDATE_SCRIPT(HttpMethod.PUT, "/api/v1/shops/{shopId}/scripts/{scriptId}"),
    DELETE_SCRIPT(HttpMethod.DELETE, "/api/v1/shops/{shopId}/scripts/{scriptId}"),
    GET_BOT(HttpMethod.GET, "/api/v1/shops/{shopId}/bot"),
    PUT_BOT(HttpMethod.PUT, "/api/v1/shops/{shopId}/bot"),
    LIST_FAQS(HttpMethod.GET, "/api/v1/shops/{shopId}/faqs"),
    CREATE_FAQ(HttpMethod.POST, "/api/v1/shops/{shopId}/faqs"),
    UPDATE_FAQ(HttpMethod.PUT, "/api/v1/shops/{shopId}/faqs/{faqId}"),
    DELETE_FAQ(HttpMethod.DELETE, "/api/v1/shops/{shopId}/faqs/{faqId}"),
    AGENT_LOGIN(HttpMethod.POST, "/api/v1/auth/agent"),
    BUYER_TOKEN(HttpMethod.POST, "/api/v1/auth/buyer"),
    MESSAGES(HttpMethod.GET, "/api/v1/conversations/{conv}/messages"),
    LIST_RULES(HttpMethod.GET, "/api/v1/rules"),
    CREATE_RULE(HttpMethod.POST, "/api/v1/rules"),
    DELETE_RULE(HttpMethod.DELETE, "/api/v1/rules/{ruleId}"),
    LIST_SHOP_RULES(HttpMethod.GET, "/api/v1/shops/{shopId}/rules"),
    CREATE_SHOP_RULE(HttpMethod.POST, "/api/v1/shops/{shopId}/rules"),
    DELETE_SHOP_RULE(HttpMethod.DELETE, "/api/v1/shops/{shopId}/rules/{ruleId}"),
    AUDIT(HttpMethod.GET, "/api/v1/shops/{shopId}/audit"),
    LIST_ORDERS(HttpMethod.GET, "/api/v1/shops/{shopId}/orders"),
    GET_ORDER(HttpMethod.GET, "/api/v1/shops/{shopId}/orders/{orderNo}"),
    PUT_ORDER(HttpMethod.PUT, "/api/v1/shops/{shopId}/orders/{orderNo}"),
    ORDER_ADDRESS(HttpMethod.POST, "/api/v1/shops/{shopId}/orders/{orderNo}/address"),
    ORDER_CANCEL(HttpMethod.POST, "/api/v1/shops/{shopId}/orders/{orderNo}/cancel"),
    GET_ORDER_SOURCE(HttpMethod.GET, "/api/v1/shops/{shopId}/order-source"),
    PUT_ORDER_SOURCE(HttpMethod.PUT, "/api/v1/shops/{shopId}/order-source"),
    CREATE_AFTERSALE(HttpMethod.POST, "/api/v1/shops/{shopId}/aftersales"),
    LIST_AFTERSALES(HttpMethod.GET, "/api/v1/shops/{shopId}/aftersales"),
    GET_AFTERSALE(HttpMethod.GET, "/api/v1/shops/{shopId}/aftersales/{aftersaleId}"),
    AFTERSALE_ACTION(HttpMethod.POST, "/api/v1/shops/{shopId}/aftersales/{aftersaleId}/{action}"),
    STATS(HttpMethod.GET, "/api/v1/shops/{shopId}/stats"),
    LIVE(HttpMethod.GET, "/api/v1/shops/{shopId}/live"),
    LIST_WEBHOOKS(HttpMethod.GET, "/api/v1/shops/{shopId}/webhooks"),
    CREATE_WEBHOOK(HttpMethod.POST, "/api/v1/shops/{shopId}/webhooks"),
    DELETE_WEBHOOK(HttpMethod.DELETE, "/api/v1/shops/{shopId}/webhooks/{webhookId}"),
    WEBHOOK_DELIVERIES(HttpMethod.GET, "/api/v1/shops/{shopId}/webhooks/{webhookId}/deliveries");

    private final HttpMethod method;
    private final String pattern;
    private final List<String> segments;

    Endpoint(HttpMethod method, String pattern) {
        this.method = method;
        this.pattern = pattern;
        this.segments = List.of(pattern.substring(1).split("/"));
    }

    /** The path pattern, e.g. {@code /api/v1/shops/{shopId}/groups}. */
    String pattern() {
        return pattern;
    }

    HttpMethod method() {
        return method;
    }

    /** The pattern's segments, without the leading slash. */
    List<String> segments() {
        return segments;
    }
}
