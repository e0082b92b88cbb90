package io.kefu.server;

import io.kefu.server.api.ApiHandler;
import io.kefu.server.api.ApiServices;
import io.kefu.server.auth.BearerAuthenticator;
import io.kefu.server.auth.LoginThrottle;
import io.kefu.server.stats.LoginMeters;
import io.netty.channel.ChannelHandler;

/** Builds the HTTP API handler from the server's services. */
final class ApiWiring {
    private ApiWiring() {
    }

    static ApiServices services(KefuServer.Services s, java.time.Duration tokenTtl) {
        return new ApiServices(s.shops(), s.buyers(), s.conversations(), s.messages(), s.store(), s.auth(),
                s.hasher(), s.jwt(), new BearerAuthenticator(s.adminKey(), s.jwt()), tokenTtl,
                new LoginThrottle(s.clock()), s.routers()::refresh, new LoginMeters(s.metrics()),
                new ApiServices.RoutingQueries() {
                    @Override
                    public java.util.concurrent.CompletableFuture<io.kefu.server.routing.QueueView> queue(String shopId) {
                        return s.routers().forShop(shopId).queueView();
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<?> authorizeRead(String shopId,
                            io.kefu.server.auth.Principal who, String convId) {
                        return s.routers().forShop(shopId).authorizeRead(who, convId);
                    }
                }, s.compliance(), s.scripts(), s.bot());
    }

    static ChannelHandler handler(ApiServices services) {
        return new ApiHandler(services);
    }
}
