package io.kefu.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.server.aftersales.AfterSales;
import io.kefu.server.aftersales.AutoApproval;
import io.kefu.server.aftersales.BuyerProfiles;
import io.kefu.server.aftersales.RoutedAfterSaleEvents;
import io.kefu.server.api.ApiRoutes;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.audit.AdminAuditWriter;
import io.kefu.server.auth.AdminKey;
import io.kefu.server.auth.StaffTokens;
import io.kefu.server.auth.JwtService;
import io.kefu.server.auth.PasswordHasher;
import io.kefu.server.base.BatchLoop;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.bot.BotMeters;
import io.kefu.server.bot.FaqBot;
import io.kefu.server.bot.RoutingBot;
import io.kefu.server.bus.InProcessBus;
import io.kefu.server.compliance.AuditWriter;
import io.kefu.server.compliance.ComplianceFilter;
import io.kefu.server.compliance.ComplianceMessageFilter;
import io.kefu.server.compliance.ComplianceRules;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.conversation.ConversationDirectory;
import io.kefu.server.cluster.Cluster;
import io.kefu.server.conversation.FrameDispatcher;
import io.kefu.server.conversation.LocalShopCalls;
import io.kefu.server.conversation.ShopCalls;
import io.kefu.server.gateway.ConnectionLimitHandler;
import io.kefu.server.gateway.EventLoopDelayProbe;
import io.kefu.server.gateway.GatewayContext;
import io.kefu.server.gateway.GatewayInitializer;
import io.kefu.server.gateway.GatewayLimits;
import io.kefu.server.gateway.GatewayMetrics;
import io.kefu.server.gateway.HttpRequestMeters;
import io.kefu.server.orders.HttpOrderSource;
import io.kefu.server.orders.RoutingOrderLookup;
import io.kefu.server.orders.ShopOrders;
import io.kefu.server.demo.DemoInfo;
import io.kefu.server.pages.DemoAccess;
import io.kefu.server.pages.PageHandler;
import io.kefu.server.pages.StaticPages;
import io.kefu.server.routing.RouterContext;
import io.kefu.server.routing.RouterLanes;
import io.kefu.server.routing.ShopRouters;
import io.kefu.server.routing.timers.RouterTimers;
import io.kefu.server.routing.timers.WheelTimers;
import io.kefu.server.scripts.LibraryScriptSource;
import io.kefu.server.scripts.ScriptLibrary;
import io.kefu.server.session.SessionRegistry;
import io.kefu.server.stats.ProcessSampler;
import io.kefu.server.stats.PushMeters;
import io.kefu.server.routing.spi.RoutingListener;
import io.kefu.server.stats.RoutingMeters;
import io.kefu.server.stats.kpi.KpiRecorder;
import io.kefu.server.stats.kpi.KpiReports;
import io.kefu.server.store.JdbcAdminAuditStore;
import io.kefu.server.store.JdbcKpiStore;
import io.kefu.server.store.BoundedStoreExecutor;
import io.kefu.server.store.Database;
import io.kefu.server.store.JdbcAfterSaleStore;
import io.kefu.server.store.JdbcBotStore;
import io.kefu.server.store.JdbcBuyerStore;
import io.kefu.server.store.JdbcComplianceStore;
import io.kefu.server.store.JdbcConversationStore;
import io.kefu.server.store.JdbcMessageStore;
import io.kefu.server.store.JdbcOrderBook;
import io.kefu.server.store.JdbcScriptStore;
import io.kefu.server.store.JdbcShopStore;
import io.kefu.server.store.JdbcWebhookStore;
import io.kefu.server.store.MessageBatchWriter;
import io.kefu.server.webhooks.WebhookDispatcher;
import io.kefu.server.webhooks.WebhookListener;
import io.kefu.server.webhooks.Webhooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the server's objects are made and wired, started and stopped. {@link #start}
 * returns once the port is bound, or throws {@link StartupException} when it cannot be; {@link #close}
 * drains: it stops accepting, tells clients to go away (1001), lets queued writes commit, then stops the
 * executors and the database pool.
 */
public final class KefuServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KefuServer.class);
    public static final int CLOSE_GOING_AWAY = 1001;

    private final KefuConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Services services;
    private final EventLoops loops;
    private final Channel serverChannel;
    private final DemoAccess demoAccess;
    private volatile boolean draining;

    /** What tests and {@link Main} may reach after start. */
    public record Services(Database database, JwtService jwt, AdminKey adminKey, PasswordHasher hasher,
                           SessionRegistry sessions, ShopRouters routers, PrometheusMeterRegistry metrics,
                           BoundedStoreExecutor store, BoundedStoreExecutor auth, MessageBatchWriter writer,
                           JdbcShopStore shops, JdbcBuyerStore buyers, JdbcConversationStore conversations,
                           JdbcMessageStore messages, IdGenerator ids, Clock clock, ComplianceRules compliance,
                           ScriptLibrary scripts, RouterTimers timers, FaqBot bot, ShopOrders orders,
                           KpiReports kpis, AfterSales aftersales, BuyerProfiles profiles, Webhooks webhooks,
                           AdminAudit audit, ShopCalls calls, Cluster cluster) {
        /** This node in its cluster, if it is one ({@code KEFU_CLUSTER=redis}). */
        public java.util.Optional<Cluster> clusterNode() {
            return java.util.Optional.ofNullable(cluster);
        }
    }

    private KefuServer(KefuConfig config, Clock clock, RouterTimers timers) throws InterruptedException {
        this.config = config;
        try {
            this.services = wire(config, clock, timers);
        } catch (RuntimeException e) {
            closeQuietly(); // what was made before the failure (e.g. a cluster node refused: Redis unreachable)
            throw e;
        }
        this.demoAccess = new DemoAccess(services.jwt());
        this.loops = EventLoops.create(0);
        track(new EventLoopDelayProbe(loops.workers(), services.metrics()));
        checkFileDescriptorLimit(config);
        try {
            this.serverChannel = bind();
        } catch (InterruptedException | RuntimeException e) {
            loops.boss().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            loops.workers().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            closeQuietly();
            throw e;
        }
        log.info("kefu listening on {}:{} transport={} db={}", config.host(), port(), loops.transport(),
                services.database().dialect());
    }

    public static KefuServer start(KefuConfig config) throws InterruptedException {
        return start(config, Clock.systemUTC());
    }

    public static KefuServer start(KefuConfig config, Clock clock) throws InterruptedException {
        return new KefuServer(config, clock, null);
    }

    /**
     * With routing's timers given too: tests pass timers driven by their fake clock, so time rules run in
     * milliseconds. The server closes them when it stops.
     */
    public static KefuServer start(KefuConfig config, Clock clock, RouterTimers timers) throws InterruptedException {
        return new KefuServer(config, clock, timers);
    }

    private Services wire(KefuConfig c, Clock clock, RouterTimers givenTimers) {
        Database db = track(new Database(c.dbUrl(), c.dbUser(), c.dbPassword(), c.dbPoolSize(),
                Math.max(1, 2 * c.storeTimeoutMs() / 1_000)));
        IdGenerator ids = new IdGenerator(c.nodeId());
        ObjectMapper mapper = new ObjectMapper();
        JdbcShopStore shops = new JdbcShopStore(db, ids);
        JdbcBuyerStore buyers = new JdbcBuyerStore(db);
        JdbcConversationStore conversations = new JdbcConversationStore(db);
        JdbcMessageStore messages = new JdbcMessageStore(db, mapper);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        track(new ProcessSampler(registry));
        BoundedStoreExecutor store = track(new BoundedStoreExecutor("kefu-store", c.storeThreads(), c.storeQueue()));
        BoundedStoreExecutor auth = track(new BoundedStoreExecutor("kefu-auth", 2, 1_000));
        // After the store executor, so it is closed first and its last use counts still reach the store.
        ScriptLibrary scripts = track(new ScriptLibrary(new JdbcScriptStore(db, ids, clock), store, clock,
                ScriptLibrary.Settings.DEFAULT.withCacheShops(c.scriptCacheShops())));
        // Loads and changes on the store executor; replies in memory on the router lanes.
        FaqBot bot = new FaqBot(new JdbcBotStore(db, ids, clock), store, new BotMeters(registry));
        Gauge.builder("kefu.store.executor.queue", store::queueDepth)
                .description("Store tasks waiting for a thread").register(registry);
        // Before the lanes, so that it closes after them and writes what they audit while draining.
        ComplianceRules compliance = compliance(db, store, ids, clock);
        // Before the lanes too: it closes after them, and stores what they report while draining.
        JdbcKpiStore kpiStore = new JdbcKpiStore(db);
        KpiRecorder kpi = track(new KpiRecorder(kpiStore, clock,
                KpiRecorder.Settings.DEFAULT.withFlushMs(c.kpiFlushSec() * 1_000L), registry));
        // Made here, closed where it is tracked below (before the lanes).
        RouterTimers timers = givenTimers != null ? givenTimers : new WheelTimers(clock);
        // Before the lanes: closed after them, so it stores what they offer while draining. Never on a message's path.
        WebhookDispatcher webhookDispatcher = track(new WebhookDispatcher(new JdbcWebhookStore(db),
                httpExecutor("kefu-webhooks-http"), timers, clock, ids,
                WebhookDispatcher.Settings.DEFAULT.withQueueCapacity(c.webhookQueue()), registry));
        // Closed in reverse: the writer drains before the lanes its callbacks run on are stopped.
        RouterLanes lanes = track(new RouterLanes(c.routerThreads(), c.routerQueue(), registry));
        MessageBatchWriter writer = track(new MessageBatchWriter(messages, MessageBatchWriter.Settings.DEFAULT
                .withLanes(c.writerLanes()).withMaxBatch(c.writerMaxBatch()).withQueueCapacity(c.writerQueue())
                .withPace(BatchLoop.Pace.every(c.writerPaceUs(), TimeUnit.MICROSECONDS))
                .withCommitsAtOnce(c.writerCommitsAtOnce()), registry));
        // Closed before the lanes and the writer: no deadline is posted into a stopped lane.
        track(timers);
        // The shops' order sources: the built-in book on the store executor, HTTP back ends on their own small pool.
        ShopOrders orders = new ShopOrders(new JdbcOrderBook(db, clock), store, httpExecutor("kefu-orders-http"), clock,
                HttpOrderSource.Settings.DEFAULT, registry);
        SessionRegistry sessions = new SessionRegistry(new PushMeters(registry));
        // Cluster mode: joined before the port opens (refused when Redis is unreachable or the node id taken);
        // closed before the lanes, so that this node's shops stop here before the others take them over.
        Cluster cluster = c.clustered() ? track(Cluster.join(c, sessions, registry, db.dataSource())) : null;
        if (cluster != null) {
            // A node that lost its lease may not write routers' state any more, even what it had under way.
            messages.fenceWith(cluster.fence());
            conversations.fenceWith(cluster.fence());
        }
        RouterContext rc = new RouterContext(shops, buyers, conversations, messages, store, writer,
                cluster != null ? cluster.bus() : new InProcessBus(sessions), ids, clock, c.maxTextChars(), RoutingListener.both(RoutingListener.both(new RoutingMeters(registry), kpi),
                        new WebhookListener(webhookDispatcher)),
                timers,
                new ComplianceMessageFilter(compliance.filter()), new LibraryScriptSource(scripts), c.storeTimeoutMs(),
                new RoutingBot(bot), new RoutingOrderLookup(orders), c.livePushSec() * 1_000L);
        ShopRouters routers = new ShopRouters(lanes, rc);
        ShopCalls local = new LocalShopCalls(routers, messages, store);
        ShopCalls calls = cluster != null ? cluster.calls(local, routers, shops, store, new Cluster.ShopsHere() {
            @Override
            public void arrived(String shop) {
                webhookDispatcher.takeUp(shop);
            }

            @Override
            public void left(String shop) {
                kpi.kpi(new io.kefu.server.routing.spi.KpiEvent.ShopLeft(
                        new io.kefu.server.routing.spi.KpiEvent.Conv(shop, null, null, null, null), clock.millis()));
                webhookDispatcher.letGo(shop);
            }
        }) : local;
        if (cluster == null) {
            webhookDispatcher.takeUp(); // one node: every pending delivery is its own
        }
        // After-sales: the store on the store executor, changes told through the shops' routers and to the KPIs.
        JdbcAfterSaleStore aftersaleStore = new JdbcAfterSaleStore(db);
        AfterSales aftersales = new AfterSales(aftersaleStore, store, orders, shops, conversations, ids, clock,
                new RoutedAfterSaleEvents(calls, kpi::kpi, webhookDispatcher));
        // Tracked after the timers, so it stops before them and the lanes.
        track(new AutoApproval(aftersales, timers, clock, AutoApproval.DEFAULT_EVERY_MS).start());
        JwtService jwt = JwtService.fromConfig(c.jwtSecret(), clock, staffTokens(shops));
        if (cluster != null) {
            cluster.shareTokens(jwt.staffTokens());
        }
        // Closed after the API stops taking calls (tracked late), before the database pool.
        AdminAudit audit = new AdminAudit(new JdbcAdminAuditStore(db),
                track(new AdminAuditWriter(new JdbcAdminAuditStore(db), 10_000, 500)), ids, clock);
        return new Services(db, jwt, AdminKey.fromConfig(c.adminKey()), new PasswordHasher(c.passwordIterations()),
                sessions, routers, registry, store, auth, writer, shops, buyers, conversations, messages, ids, clock,
                compliance, scripts, timers, bot, orders, new KpiReports(kpiStore, shops, store, kpi, clock), aftersales,
                new BuyerProfiles(aftersaleStore, store, orders),
                new Webhooks(new JdbcWebhookStore(db), store, ids, clock, webhookDispatcher), audit, calls, cluster);
    }

    /**
     * Which staff tokens still hold, from the store: disabled agents and revoked token versions must stay refused
     * across a restart. Read once here, at start-up, before the port is bound.
     */
    private static StaffTokens staffTokens(JdbcShopStore shops) {
        StaffTokens tokens = new StaffTokens();
        for (io.kefu.server.store.AgentRecord a : shops.agentsWithRevokedTokens()) {
            tokens.remember(a.id(), a.disabled(), a.tokenVersion());
        }
        return tokens;
    }

    /**
     * Where calls to shops' order systems or webhook receivers run: two threads (the JDK client is asynchronous), a
     * bounded queue.
     */
    private java.util.concurrent.ExecutorService httpExecutor(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0,
                TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        track((AutoCloseable) pool::shutdownNow);
        return pool;
    }

    /** The compliance filter over its store, with its audit writer; the stored platform rules load in the background. */
    private ComplianceRules compliance(Database db, BoundedStoreExecutor store, IdGenerator ids, Clock clock) {
        JdbcComplianceStore complianceStore = new JdbcComplianceStore(db);
        AuditWriter audit = track(new AuditWriter(complianceStore, AuditWriter.Settings.DEFAULT));
        ComplianceFilter filter = new ComplianceFilter(complianceStore, store, audit, ids, clock);
        filter.loadPlatformRules();
        return new ComplianceRules(complianceStore, filter, ids, clock);
    }

    private Channel bind() throws InterruptedException {
        KefuConfig c = config;
        Services s = services;
        GatewayLimits limits = new GatewayLimits(c.heartbeatSec(), c.helloTimeoutSec(), c.helloBacklog(), c.maxFrameBytes(),
                c.maxHttpBodyBytes(), c.ratePerSec(), c.rateBurst(), c.rateStrikes(), c.maxConnections(),
                c.maxOutboundBytes(), c.allowedOrigins(), c.httpRequestTimeoutSec(), c.tokenGraceSec());
        ConnectionLimitHandler connectionLimit = new ConnectionLimitHandler(c.maxConnections(),
                c.maxConnectionsPerAddress());
        GatewayMetrics metrics = new GatewayMetrics(s.metrics(), connectionLimit::open, s.sessions()::size);
        FrameDispatcher frames = new FrameDispatcher(s.calls(), s.routers(),
                new ConversationDirectory(s.conversations(), s.store(), 1_000_000), s.conversations(), s.store(),
                c.storeTimeoutMs());
        io.kefu.server.api.ApiServices api = ApiWiring.services(s, c);
        io.kefu.server.api.OpenApiDocument openApi = io.kefu.server.api.OpenApiDocument.load();
        GatewayContext gw = new GatewayContext(limits, s.jwt(), frames, s.sessions(), s.ids(), s.clock(), metrics,
                s.timers());
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.channelType())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(c.writeLowWater(), c.writeHighWater()))
                .childHandler(new GatewayInitializer(gw, connectionLimit, s.metrics(), () -> draining,
                        () -> ApiWiring.handler(api, openApi), new HttpRequestMeters(s.metrics(), ApiRoutes::template),
                        new PageHandler(StaticPages.load(), demoAccess, c.allowedOrigins()),
                        s.clusterNode().<io.kefu.server.gateway.NodeHealth>map(Cluster::health)
                                .orElse(io.kefu.server.gateway.NodeHealth.ALONE)));
        ChannelFuture bound = b.bind(new InetSocketAddress(c.host(), c.port())).await();
        if (!bound.isSuccess()) {
            throw cannotListen(c, bound.cause());
        }
        return bound.channel();
    }

    /** One line naming the address and the setting to change, instead of a bind exception's stack trace. */
    static StartupException cannotListen(KefuConfig c, Throwable cause) {
        String where = c.host() + ":" + c.port();
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("already in use")) {
            return new StartupException("cannot listen on " + where + ": the port is already in use (another Kefu,"
                    + " or another program?); stop it or set KEFU_PORT to a free port", cause);
        }
        // Netty's native transport says "bind(..) failed: <reason>"; the reason is what helps.
        reason = reason.replaceFirst("^bind\\(\\.\\.\\) failed: ", "");
        return new StartupException("cannot listen on " + where + ": " + reason + "; check KEFU_HOST and KEFU_PORT",
                cause);
    }

    /** Each connection is a file descriptor: warn when the limit is below what the settings ask for. */
    private static void checkFileDescriptorLimit(KefuConfig c) {
        ProcessSampler.softFdLimit().ifPresent(limit -> {
            long wanted = Math.max(65_536L, (long) c.maxConnections() + 1_024);
            if (limit < wanted) {
                log.warn("open file limit is {} but up to {} connections are allowed (KEFU_MAX_CONNECTIONS): "
                        + "raise it (ulimit -n {} or LimitNOFILE={}) or connections will fail with 'too many open files'",
                        limit, c.maxConnections(), wanted, wanted);
            }
        });
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public KefuConfig config() {
        return config;
    }

    public Services services() {
        return services;
    }

    /** The demo shop is seeded: {@code /demo} serves it from now on. */
    public void demoReady(DemoInfo demo) {
        demoAccess.ready(demo);
    }

    public boolean draining() {
        return draining;
    }

    /** Blocks the calling thread until the server has been closed (event loop threads are daemons). */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
        while (!loops.workers().isTerminated()) {
            loops.workers().awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    /** Drains and stops; safe to call twice. */
    @Override
    public void close() {
        if (draining) {
            return;
        }
        draining = true;
        long graceMs = TimeUnit.SECONDS.toMillis(config.shutdownGraceSec());
        log.info("draining: {} sessions, grace {} ms", services.sessions().size(), graceMs);
        serverChannel.close().syncUninterruptibly();
        goAway();
        loops.boss().shutdownGracefully(0, graceMs, TimeUnit.MILLISECONDS);
        loops.workers().shutdownGracefully(Math.min(200, graceMs), graceMs, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        closeQuietly();
        log.info("stopped");
    }

    private void goAway() {
        for (Channel ch : services.sessions().channels()) {
            ch.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(CLOSE_GOING_AWAY,
                    "server shutting down"));
        }
    }

    private void closeQuietly() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

}
