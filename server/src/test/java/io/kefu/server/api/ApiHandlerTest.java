package io.kefu.server.api;

import static io.kefu.server.api.ApiFixture.ADMIN_KEY;
import static io.kefu.server.api.ApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.store.ShopStore;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Routing, errors, keep-alive and ordering: what every endpoint shares. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHandlerTest {
    private final ApiFixture api = new ApiFixture();

    @AfterAll
    void close() {
        api.close();
    }

    @Test
    void anUnknownPathIsNotFound() {
        ApiFixture.Reply r = api.get("/api/v1/nothing/here", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("not_found");
        assertThat(r.message()).contains("/api/v1/nothing/here");
    }

    @Test
    void aWrongMethodIs405WithBadFrameAndTheAllowedMethods() {
        ApiFixture.Reply r = api.get("/api/v1/shops", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.code()).isEqualTo("bad_frame");
        assertThat(r.message()).isEqualTo("method GET is not allowed on /api/v1/shops; use POST");
        assertThat(r.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
    }

    @Test
    void aCallWithoutCredentialsIsUnauthorized() {
        ApiFixture.Reply r = api.post("/api/v1/shops", "{\"name\":\"x\"}", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("unauthorized");
        assertThat(r.message()).startsWith("missing Authorization header");
    }

    @Test
    void aBodyThatIsNotJsonSaysSo() {
        ApiFixture.Reply r = api.post("/api/v1/shops", "name=x", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("bad_frame");
        assertThat(r.message()).startsWith("request body is not valid JSON");
    }

    @Test
    void aBadEscapeInTheUriIsABadRequest() {
        ApiFixture.Reply r = api.get("/api/v1/conversations/c1/messages?limit=%zz", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).startsWith("malformed request URI");
    }

    @Test
    void answersAreUncachableJson() {
        ApiFixture.Reply r = api.post("/api/v1/shops", "{\"name\":\"Headers\"}", ADMIN_KEY);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
        assertThat(r.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(r.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isPositive();
    }

    @Test
    void keepAliveKeepsTheConnectionAndCloseClosesIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new ApiHandler(api.services(api.store)));
        api.send(ch, request(HttpMethod.GET, "/api/v1/nope", null, null));
        assertThat(ch.isOpen()).isTrue();

        FullHttpRequest closing = request(HttpMethod.GET, "/api/v1/nope", null, null);
        closing.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ApiFixture.Reply r = api.send(ch, closing);

        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String shop = api.createShop("Pipelined");
        api.createStaff(shop, "p1", "agent", List.of());
        EmbeddedChannel ch = new EmbeddedChannel(new ApiHandler(api.services(api.store)));

        // The login needs the store and the hasher; the 404 is known at once. It must still go second.
        ch.writeInbound(request(HttpMethod.POST, "/api/v1/auth/agent",
                "{\"shopId\":\"" + shop + "\",\"username\":\"p1\",\"password\":\"password-p1\"}", null));
        ch.writeInbound(request(HttpMethod.GET, "/api/v1/nope", null, null));
        assertThat((Object) ch.readOutbound()).isNull();

        assertThat(api.next(ch).json().has("token")).isTrue();
        assertThat(api.next(ch).status()).isEqualTo(404);
        ch.finishAndReleaseAll();
    }

    @Test
    void aFullStoreQueueAnswersOverloaded() {
        EmbeddedChannel ch = new EmbeddedChannel(new ApiHandler(api.services(TestExecutors.full())));

        ApiFixture.Reply r = api.send(ch, request(HttpMethod.POST, "/api/v1/shops", "{\"name\":\"x\"}", ADMIN_KEY));

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.code()).isEqualTo("overloaded");
        ch.finishAndReleaseAll();
    }

    @Test
    void anUnexpectedFailureIsInternalWithoutDetails() {
        ShopStore broken = (ShopStore) Proxy.newProxyInstance(ShopStore.class.getClassLoader(),
                new Class<?>[] {ShopStore.class}, (p, m, a) -> {
                    throw new IllegalStateException("jdbc:secret-detail");
                });
        ApiServices s = api.services(api.store);
        ApiServices withBrokenStore = new ApiServices(broken, s.buyers(), s.conversations(), s.messages(),
                s.storeExecutor(), s.authExecutor(), s.hasher(), s.jwt(), s.authenticator(), s.tokenTtl(), s.scripts());
        EmbeddedChannel ch = new EmbeddedChannel(new ApiHandler(withBrokenStore));

        ApiFixture.Reply r = api.send(ch, request(HttpMethod.POST, "/api/v1/shops", "{\"name\":\"x\"}", ADMIN_KEY));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.code()).isEqualTo("internal");
        assertThat(r.message()).doesNotContain("secret-detail");
        ch.finishAndReleaseAll();
    }

    @Test
    void theRequestIsReleasedEvenWhenTheAnswerIsAsync() {
        FullHttpRequest req = request(HttpMethod.POST, "/api/v1/shops", "{\"name\":\"Released\"}", ADMIN_KEY);

        ApiFixture.Reply r = api.send(req);

        assertThat(r.status()).isEqualTo(200);
        assertThat(req.refCnt()).isZero();
    }

    @Test
    void storeCallsNeverRunOnTheEventLoop() {
        int before = api.store.submitted();

        api.createShop("Threads");

        assertThat(api.store.submitted()).isEqualTo(before + 1);
    }

}
