package io.kefu.server;

import io.kefu.server.api.ApiHandler;
import io.kefu.server.api.ApiServices;
import io.kefu.server.api.OpenApiDocument;
import io.kefu.server.auth.AddressFailures;
import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.LoginThrottle;
import io.kefu.server.auth.UnknownUserHashes;
import io.kefu.server.config.KefuConfig;
import io.kefu.server.stats.LoginMeters;
import io.netty.channel.ChannelHandler;

/** Builds the HTTP API handler from the server's services. */
final class ApiWiring {
    private ApiWiring() {
    }

    static ApiServices services(KefuServer.Services s, KefuConfig c) {
        AddressFailures failures = new AddressFailures(s.clock(), c.authFailureBurst(), c.authFailuresPerMin());
        return new ApiServices(s.shops(), s.buyers(), s.conversations(), s.messages(), s.store(), s.auth(),
                s.hasher(), s.jwt(), new BearerAuthenticator(s.adminKey(), s.jwt(), failures), c.tokenTtl(),
                new LoginThrottle(s.clock(), c.loginAccountFailures()),
                s.clusterNode().<java.util.function.Consumer<String>>map(node -> node::refresh).orElse(s.routers()::refresh),
                new LoginMeters(s.metrics()),
                new ApiServices.RoutingQueries() {
                    @Override
                    public java.util.concurrent.CompletableFuture<io.kefu.server.routing.QueueView> queue(String shopId) {
                        return s.calls().queueView(shopId);
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<io.kefu.server.routing.LiveView> live(String shopId) {
                        return s.calls().liveView(shopId);
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<?> authorizeRead(String shopId,
                            io.kefu.server.auth.Principal who, String convId) {
                        return s.calls().authorizeRead(shopId, who, convId);
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<Void> agentDisabled(String shopId,
                            io.kefu.server.store.AgentRecord record) {
                        return s.calls().agentDisabled(shopId, record);
                    }
                }, s.compliance(), s.scripts(), failures, new UnknownUserHashes(c.loginUnknownHashes()),
                s.bot(), s.orders(), s.kpis(), s.aftersales(), s.profiles(), s.webhooks(),
                s.clusterNode().<ApiServices.SessionCloser>map(node -> node::closeSessions).orElse(s.sessions()::close),
                s.audit(), s.clusterNode().<ApiServices.NodeAdmin>map(node -> node::drain).orElse(ApiServices.NodeAdmin.NONE));

    }

    /** Runs on the event loop of a new channel: everything it uses is built already. */
    static ChannelHandler handler(ApiServices services, OpenApiDocument openApi) {
        return new ApiHandler(services, openApi);
    }
}
