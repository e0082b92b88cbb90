package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Audience;
import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.Principal;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The HTTP JSON API (contract §4). The gateway places it after {@code HttpServerCodec} and
 * {@code HttpObjectAggregator} and hands it only requests under {@code /api/v1/}.
 *
 * <p><b>Threads:</b> {@link #channelRead0} runs on the channel's event loop and does only cheap work
 * there: routing, authentication (one HMAC), body parsing and checks that need no data. Every store call
 * goes through the store executor and every password hash through the {@code kefu-auth} executor. The
 * answer is encoded on whichever thread completes it and written with {@code ctx.writeAndFlush} in a
 * task on the channel's event loop. Responses leave in request order even when requests are pipelined
 * and complete out of order. Keep-alive is honoured.
 *
 * <p>{@link ChannelHandler.Sharable}: no mutable state of its own; per-channel ordering lives in a
 * channel attribute.
 */
@ChannelHandler.Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Completes when the channel's previous response has been handed to Netty. */
    private static final AttributeKey<CompletableFuture<Void>> PREVIOUS_RESPONSE =
            AttributeKey.valueOf(ApiHandler.class, "previousResponse");

    private final RouteMatcher routes = new RouteMatcher();
    private final BearerAuthenticator authenticator;
    private final ShopEndpoints shops;
    private final AuthEndpoints auth;
    private final MessageEndpoints messages;
    private final RoutingEndpoints routing;
    private final ComplianceEndpoints compliance;
    private final ScriptEndpoints scripts;
    private final BotEndpoints bot;
    private final OrderEndpoints orders;
    private final KpiEndpoints kpis;
    private final AfterSaleEndpoints aftersales;
    private final WebhookEndpoints webhooks;
    private final StaffEndpoints staff;
    private final CompletableFuture<OpenApiDocument> openApi;
    private final ApiServices.NodeAdmin nodes;

    /** For tests that build the handler off any event loop: reads the OpenAPI document here. */
    public ApiHandler(ApiServices services) {
        this(services, OpenApiDocument.load());
    }

    public ApiHandler(ApiServices services, OpenApiDocument openApi) {
        this.openApi = CompletableFuture.completedFuture(openApi);
        this.authenticator = services.authenticator();
        this.shops = new ShopEndpoints(services);
        this.auth = new AuthEndpoints(services);
        this.messages = new MessageEndpoints(services);
        this.routing = new RoutingEndpoints(services);
        this.compliance = new ComplianceEndpoints(services);
        this.scripts = new ScriptEndpoints(services);
        this.bot = new BotEndpoints(services);
        this.orders = new OrderEndpoints(services);
        this.kpis = new KpiEndpoints(services);
        this.aftersales = new AfterSaleEndpoints(services, routing);
        this.webhooks = new WebhookEndpoints(services);
        this.staff = new StaffEndpoints(services);
        this.nodes = services.nodes();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        String what = request.method() + " " + pathOf(request.uri());
        CompletableFuture<FullHttpResponse> response = dispatch(request, clientOf(ctx)).handle((body, error) -> error != null
                ? ApiResponses.failure(version, error, what)
                : body instanceof ApiFile file ? ApiResponses.file(version, file)
                : body instanceof OpenApiDocument document ? ApiResponses.document(version, document)
                : ApiResponses.ok(version, (ObjectNode) body));
        writeInOrder(ctx, response, keepAlive);
    }

    /** The peer's IP address (a proxy's, behind one), for per-client limits. */
    private static String clientOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    /** Completes with an {@link ObjectNode} (JSON), an {@link ApiFile} or the {@link OpenApiDocument}. */
    private CompletableFuture<?> dispatch(FullHttpRequest request, String client) {
        try {
            QueryStringDecoder uri = decode(request.uri());
            RouteMatcher.Match match = routes.match(request.method(), uri.path());
            if (match instanceof RouteMatcher.WrongMethod m) {
                throw new MethodNotAllowedException(m.path(), m.method(), m.allowed());
            }
            if (!(match instanceof RouteMatcher.Found found)) {
                throw KefuException.notFound("no API endpoint at " + uri.path() + "; see the HTTP API in docs/protocol.md");
            }
            ApiRequest r = new ApiRequest(found.endpoint(), found.params(), uri.parameters(),
                    ByteBufUtil.getBytes(request.content()),
                    Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)), client);
            return call(r);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@code POST /admin/nodes/{nodeId}/drain}: the node gives its shops to the others (docs/cluster.md). */
    private CompletableFuture<ObjectNode> drainNode(ApiRequest r, Principal who) {
        String node = r.param("nodeId");
        return nodes.drain(node).thenApply(d -> {
            org.slf4j.LoggerFactory.getLogger(ApiHandler.class).info("node drain asked node={} by={} shops={}", d.node(),
                    who.userId(), d.shops());
            ObjectNode json = ApiJson.object().put("node", d.node()).put("draining", true);
            if (d.shops() != null) {
                json.put("shops", d.shops());
            }
            return json;
        });
    }

    /** The matrix first ({@link Access#check}), then the call. */
    private CompletableFuture<?> call(ApiRequest r) {
        Principal who = r.endpoint().permission().audience() == Audience.ANYONE ? null : principal(r);
        Access.check(who, r);
        return switch (r.endpoint()) {
            case OPENAPI -> openApi;
            case AGENT_LOGIN -> auth.agentLogin(r);
            case CHANGE_PASSWORD -> staff.changePassword(r, who);
            case DISABLE_AGENT -> staff.disable(r, who);
            case ENABLE_AGENT -> staff.enable(r, who);
            case RESET_PASSWORD -> staff.resetPassword(r, who);
            case BUYER_TOKEN -> auth.buyerToken(r, who);
            case DRAIN_NODE -> drainNode(r, who);
            case CREATE_SHOP -> shops.createShop(r, who);
            case CREATE_GROUP -> shops.createGroup(r, who);
            case LIST_GROUPS -> shops.listGroups(r, who);
            case CREATE_AGENT -> shops.createAgent(r, who);
            case LIST_AGENTS -> shops.listAgents(r, who);
            case PATCH_GROUP -> routing.patchGroup(r, who);
            case PATCH_AGENT -> routing.patchAgent(r, who);
            case GET_ROUTING -> routing.getRouting(r, who);
            case PUT_ROUTING -> routing.putRouting(r, who);
            case GET_BUYER -> aftersales.getProfile(r, who);
            case PUT_BUYER -> aftersales.putProfile(r, who);
            case QUEUE -> routing.queue(r, who);
            case MESSAGES -> messages.messages(r, who);
            case LIST_RULES -> compliance.listPlatformRules(who);
            case CREATE_RULE -> compliance.createPlatformRule(r, who);
            case DELETE_RULE -> compliance.deletePlatformRule(r, who);
            case LIST_SHOP_RULES -> compliance.listShopRules(r, who);
            case CREATE_SHOP_RULE -> compliance.createShopRule(r, who);
            case DELETE_SHOP_RULE -> compliance.deleteShopRule(r, who);
            case AUDIT -> compliance.audit(r, who);
            case SEARCH_SCRIPTS -> scripts.search(r, who);
            case CREATE_SCRIPT -> scripts.create(r, who);
            case UPDATE_SCRIPT -> scripts.update(r, who);
            case DELETE_SCRIPT -> scripts.delete(r, who);
            case EXPORT_SCRIPTS -> scripts.export(r, who);
            case IMPORT_SCRIPTS -> scripts.importScripts(r, who);
            case SCRIPT_CATEGORIES -> scripts.categories(r, who);
            case RENAME_SCRIPT_CATEGORY -> scripts.renameCategory(r, who);
            case GET_BOT -> bot.getSettings(r, who);
            case PUT_BOT -> bot.putSettings(r, who);
            case LIST_FAQS -> bot.listFaqs(r, who);
            case CREATE_FAQ -> bot.createFaq(r, who);
            case UPDATE_FAQ -> bot.updateFaq(r, who);
            case DELETE_FAQ -> bot.deleteFaq(r, who);
            case LIST_ORDERS -> orders.list(r, who);
            case GET_ORDER -> orders.get(r, who);
            case PUT_ORDER -> orders.put(r, who);
            case ORDER_ADDRESS -> orders.changeAddress(r, who);
            case ORDER_CANCEL -> orders.cancel(r, who);
            case GET_ORDER_SOURCE -> orders.getSource(r, who);
            case PUT_ORDER_SOURCE -> orders.putSource(r, who);
            case CREATE_AFTERSALE -> aftersales.create(r, who);
            case LIST_AFTERSALES -> aftersales.list(r, who);
            case GET_AFTERSALE -> aftersales.get(r, who);
            case AFTERSALE_ACTION -> aftersales.act(r, who);
            case STATS -> kpis.stats(r, who);
            case LIVE -> kpis.live(r, who);
            case LIST_WEBHOOKS -> webhooks.list(r, who);
            case CREATE_WEBHOOK -> webhooks.create(r, who);
            case DELETE_WEBHOOK -> webhooks.delete(r, who);
            case WEBHOOK_DELIVERIES -> webhooks.deliveries(r, who);
        };
    }

    private Principal principal(ApiRequest r) {
        return authenticator.authenticate(r.authorization(), r.client());
    }

    /**
     * Chains this response after the channel's previous one, so pipelined requests are answered in order.
     * Every write runs as a task on the channel's event loop: a write made directly from another thread
     * could be overtaken by a later one made on the loop before Netty ran the first.
     */
    private static void writeInOrder(ChannelHandlerContext ctx, CompletableFuture<FullHttpResponse> response,
                                     boolean keepAlive) {
        Attribute<CompletableFuture<Void>> previous = ctx.channel().attr(PREVIOUS_RESPONSE);
        CompletableFuture<Void> before = Optional.ofNullable(previous.get())
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        CompletableFuture<Void> written = new CompletableFuture<>();
        previous.set(written);
        before.thenCombine(response, (ignored, r) -> r).thenAccept(r -> {
            try {
                ctx.executor().execute(() -> {
                    try {
                        write(ctx, r, keepAlive);
                    } finally {
                        written.complete(null);
                    }
                });
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down; nobody will read this answer.
                ReferenceCountUtil.release(r);
                written.complete(null);
            }
        });
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static QueryStringDecoder decode(String uri) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            decoder.path(); // both decode lazily; force them so a bad escape is reported here
            decoder.parameters();
            return decoder;
        } catch (IllegalArgumentException e) {
            throw KefuException.badRequest("malformed request URI: " + e.getMessage());
        }
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
