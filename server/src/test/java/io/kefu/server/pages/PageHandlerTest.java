package io.kefu.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.Role;
import io.kefu.server.auth.JwtService;
import io.kefu.server.demo.DemoInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PageHandlerTest {
    private static final StaticPages PAGES = StaticPages.load();
    private final JwtService jwt = JwtService.fromConfig(java.util.Optional.of("page-test-secret-0123456789-0123456789-abc"), Clock.systemUTC());
    private final DemoAccess demo = new DemoAccess(jwt);
    private EmbeddedChannel channel = new EmbeddedChannel(new PageHandler(PAGES, demo, List.of()));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void servesEachPageWithItsTypeAnEtagAndAPolicyThatAllowsNoOtherOrigin() {
        for (String path : List.of("/", "/widget", "/demo", "/console")) {
            FullHttpResponse res = get(path, null, null);
            assertThat(res.status().code()).as(path).isEqualTo(200);
            assertThat(res.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
            assertThat(res.headers().get(HttpHeaderNames.ETAG)).startsWith("\"");
            assertThat(res.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
            String csp = res.headers().get("Content-Security-Policy");
            assertThat(csp).contains("default-src 'none'", "script-src 'self';", "connect-src 'self';", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
            assertThat(res.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(body(res)).contains("<html lang=\"zh-CN\">");
            res.release();
        }
        FullHttpResponse js = get("/kefu.js", null, null);
        assertThat(js.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/javascript; charset=utf-8");
        assertThat(body(js)).contains("export class KefuClient");
        js.release();
        FullHttpResponse css = get("/assets/widget.css", null, null);
        assertThat(css.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/css; charset=utf-8");
        css.release();
    }

    @Test
    void aMatchingEtagGets304WithoutABody() {
        FullHttpResponse first = get("/console", null, null);
        String etag = first.headers().get(HttpHeaderNames.ETAG);
        first.release();

        FullHttpResponse again = get("/console", etag, null);

        assertThat(again.status().code()).isEqualTo(304);
        assertThat(again.content().readableBytes()).isZero();
        assertThat(again.headers().get(HttpHeaderNames.ETAG)).isEqualTo(etag);
        again.release();
    }

    @Test
    void gzipsForBrowsersThatAcceptIt() throws IOException {
        FullHttpResponse plain = get("/kefu.js", null, null);
        byte[] original = bytes(plain);
        plain.release();

        FullHttpResponse zipped = get("/kefu.js", null, "gzip, deflate, br");

        assertThat(zipped.headers().get(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(zipped.headers().get(HttpHeaderNames.VARY)).contains("accept-encoding");
        byte[] compressed = bytes(zipped);
        assertThat(compressed.length).isLessThan(original.length / 2);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes()).isEqualTo(original);
        zipped.release();
        FullHttpResponse refused = get("/kefu.js", null, "gzip;q=0, identity");
        assertThat(refused.headers().get(HttpHeaderNames.CONTENT_ENCODING)).isNull();
        refused.release();
    }

    @Test
    void headHasTheLengthButNoBodyAndOtherMethodsGet405() {
        FullHttpResponse head = request(HttpMethod.HEAD, "/widget", null, null);
        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isPositive();
        assertThat(head.content().readableBytes()).isZero();
        head.release();

        FullHttpResponse post = request(HttpMethod.POST, "/console", null, null);
        assertThat(post.status().code()).isEqualTo(405);
        assertThat(post.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        assertThat(body(post)).contains("\"code\":\"bad_frame\"", "POST is not allowed on /console");
        post.release();
    }

    @Test
    void otherPathsGoOnDownThePipeline() {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/shops");

        channel.writeInbound(req);

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed.uri()).isEqualTo("/api/v1/shops");
        assertThat((Object) channel.readOutbound()).isNull();
        passed.release();
    }

    @Test
    void theDemoGivesDemoBuyersTokensOnlyOnceTheDemoShopIsReady() {
        FullHttpResponse before = get("/demo/buyer", null, null);
        assertThat(before.status().code()).isEqualTo(404);
        assertThat(body(before)).contains("KEFU_DEMO=false");
        before.release();

        demo.ready(new DemoInfo("s1", "Demo Shop", List.of(), List.of(new DemoInfo.Login("a1", "agent1", "kefu-demo",
                "Li", Role.AGENT, List.of(), List.of()))));
        FullHttpResponse named = get("/demo/buyer?buyer=demo-abc", null, null);
        String json = body(named);
        named.release();
        FullHttpResponse hostile = get("/demo/buyer?buyer=admin", null, null);
        String other = body(hostile);
        hostile.release();

        assertThat(json).contains("\"shopId\":\"s1\"", "\"buyerId\":\"demo-abc\"", "\"token\":\"ey");
        String token = TestJson.field(json, "token");
        assertThat(jwt.verify(token).userId()).isEqualTo("demo-abc");
        assertThat(jwt.verify(token).role()).isEqualTo(Role.BUYER);
        assertThat(TestJson.field(other, "buyerId")).startsWith("demo-").isNotEqualTo("demo-admin");
    }

    @Test
    void kefuJsMayBeImportedFromAllowedOriginsOnly() {
        channel.finishAndReleaseAll();
        channel = new EmbeddedChannel(new PageHandler(PAGES, demo, List.of("https://shop.example")));
        FullHttpRequest ok = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/kefu.js");
        ok.headers().set(HttpHeaderNames.ORIGIN, "https://shop.example");
        channel.writeInbound(ok);
        FullHttpResponse allowed = channel.readOutbound();
        FullHttpRequest bad = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/kefu.js");
        bad.headers().set(HttpHeaderNames.ORIGIN, "https://evil.example");
        channel.writeInbound(bad);
        FullHttpResponse refused = channel.readOutbound();
        FullHttpResponse widget = get("/widget", null, null);

        assertThat(allowed.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://shop.example");
        assertThat(refused.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
        assertThat(widget.headers().get("Content-Security-Policy")).endsWith("frame-ancestors 'self' https://shop.example");
        allowed.release();
        refused.release();
        widget.release();
    }

    @Test
    void everyFileInThePagesFolderIsServedAndAllOfThemStayUnder200KB() throws IOException {
        Path dir = Path.of("src/main/resources/pages");
        try (var files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            for (String name : names) {
                boolean served = StaticPages.ASSETS.contains(name) || StaticPages.PAGES.containsValue(name);
                assertThat(served).as(name + " is in StaticPages.ASSETS or PAGES").isTrue();
            }
        }
        assertThat(PAGES.totalBytes()).isLessThan(200 * 1024);
    }

    private FullHttpResponse get(String uri, String ifNoneMatch, String acceptEncoding) {
        return request(HttpMethod.GET, uri, ifNoneMatch, acceptEncoding);
    }

    private FullHttpResponse request(HttpMethod method, String uri, String ifNoneMatch, String acceptEncoding) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        if (ifNoneMatch != null) {
            req.headers().set(HttpHeaderNames.IF_NONE_MATCH, ifNoneMatch);
        }
        if (acceptEncoding != null) {
            req.headers().set(HttpHeaderNames.ACCEPT_ENCODING, acceptEncoding);
        }
        channel.writeInbound(req);
        FullHttpResponse res = channel.readOutbound();
        assertThat(res).as("an answer to " + method + " " + uri).isNotNull();
        return res;
    }

    private static String body(FullHttpResponse res) {
        return new String(bytes(res), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(FullHttpResponse res) {
        ByteBuf content = res.content();
        byte[] out = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), out);
        return out;
    }

    /** Reads one string field of a flat JSON object. */
    static final class TestJson {
        static String field(String json, String name) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(name).asText();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
