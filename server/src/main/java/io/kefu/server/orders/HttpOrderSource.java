package io.kefu.server.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders from a shop's own HTTP back end (docs/orders.md): signed requests ({@link RequestSigner}) with the shop's
 * timeout, one {@link CircuitBreaker} per shop, and look-ups by order number cached briefly in Caffeine. Calls
 * never block the caller: the JDK client runs them on {@code executor} (bounded by {@code maxInFlight} calls at once,
 * past which the answer is {@code overloaded}), and results complete on its threads.
 */
public final class HttpOrderSource implements OrderSource {
    private static final Logger log = LoggerFactory.getLogger(HttpOrderSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Limits and timings; {@link #DEFAULT} is what the server uses. */
    public record Settings(int failuresToOpen, long openMs, long cacheTtlMs, int cacheSize, int maxInFlight,
                           int maxResponseBytes) {
        public static final Settings DEFAULT = new Settings(5, 30_000, 5_000, 10_000, 256, 1 << 20);
    }

    private final Function<String, CompletableFuture<OrderSourceConfig>> configs;
    private final HttpClient client;
    private final Clock clock;
    private final Settings settings;
    private final Semaphore inFlight;
    private final Cache<String, Order> cache;
    private final Cache<String, CircuitBreaker> breakers;
    private final OrderSourceMeters meters;

    /**
     * @param configs the shop's HTTP settings (its URL, secret and timeout); completes on any thread
     * @param executor where the HTTP client runs its work and completes its answers
     */
    public HttpOrderSource(Function<String, CompletableFuture<OrderSourceConfig>> configs, Executor executor,
                           Clock clock, Settings settings) {
        this(configs, executor, clock, settings, null);
    }

    /** With its metrics in {@code registry} (null: kept nowhere). */
    public HttpOrderSource(Function<String, CompletableFuture<OrderSourceConfig>> configs, Executor executor,
                           Clock clock, Settings settings, io.micrometer.core.instrument.MeterRegistry registry) {
        this.configs = configs;
        this.clock = clock;
        this.settings = settings;
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.cache = Caffeine.newBuilder().maximumSize(settings.cacheSize())
                .expireAfterWrite(Duration.ofMillis(settings.cacheTtlMs())).ticker(() -> clock.millis() * 1_000_000L)
                .build();
        this.breakers = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
        this.meters = registry == null ? OrderSourceMeters.discarding()
                : new OrderSourceMeters(registry, this::breakersOpen);
    }

    /** Shops whose breaker is open now (read when metrics are scraped). */
    private long breakersOpen() {
        return breakers.asMap().values().stream().filter(b -> b.state() == CircuitBreaker.State.OPEN).count();
    }

    @Override
    public CompletableFuture<Optional<Order>> find(String shopId, String orderNo) {
        if (!OrderJson.isOrderNo(orderNo)) { // it becomes a path segment: never "../"
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Order cached = cache.getIfPresent(key(shopId, orderNo));
        if (cached != null) {
            return CompletableFuture.completedFuture(Optional.of(cached));
        }
        return call(shopId, "GET", "/orders/" + orderNo, null).thenApply(answer -> {
            if (answer.status() == 404) {
                return Optional.<Order>empty();
            }
            Order order = answer.order(shopId, orderNo);
            cache.put(key(shopId, orderNo), order);
            return Optional.of(order);
        });
    }

    @Override
    public CompletableFuture<List<Order>> byBuyer(String shopId, String buyerId, int limit) {
        String path = "/orders?buyerId=" + URLEncoder.encode(buyerId, StandardCharsets.UTF_8) + "&limit=" + limit;
        return call(shopId, "GET", path, null).thenApply(answer -> {
            if (answer.status() == 404) {
                return List.<Order>of();
            }
            JsonNode list = answer.json(shopId).get("orders");
            if (list == null || !list.isArray()) {
                throw unreadable(shopId, "field 'orders' must be an array");
            }
            List<Order> orders = new ArrayList<>();
            for (JsonNode n : list) {
                Order o = answer.parse(shopId, n, null);
                if (o.buyerId().equals(buyerId) && orders.size() < limit) { // the wall holds whatever it sends
                    orders.add(o);
                }
            }
            orders.sort((a, b) -> Long.compare(b.createdAt(), a.createdAt()));
            return orders;
        });
    }

    @Override
    public CompletableFuture<Order> changeAddress(String shopId, String orderNo, Order.Address address, String by) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("by", by);
        body.set("address", OrderJson.addressJson(address));
        return change(shopId, orderNo, "/orders/" + orderNo + "/address", body);
    }

    @Override
    public CompletableFuture<Order> cancel(String shopId, String orderNo, String reason, String by) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("reason", reason).put("by", by);
        return change(shopId, orderNo, "/orders/" + orderNo + "/cancel", body);
    }

    /** Forgets what is known of the shop (its settings changed): cached orders, and its breaker. */
    public void forget(String shopId) {
        breakers.invalidate(shopId);
        cache.asMap().keySet().removeIf(k -> k.startsWith(shopId + '\u0000'));
    }

    CircuitBreaker.State breakerState(String shopId) {
        CircuitBreaker b = breakers.getIfPresent(shopId);
        return b == null ? CircuitBreaker.State.CLOSED : b.state();
    }

    private CompletableFuture<Order> change(String shopId, String orderNo, String path, ObjectNode body) {
        if (!OrderJson.isOrderNo(orderNo)) {
            return CompletableFuture.failedFuture(OrderRules.notFound(orderNo));
        }
        return call(shopId, "POST", path, body).thenApply(answer -> {
            if (answer.status() == 404) {
                throw OrderRules.notFound(orderNo);
            }
            Order order = answer.order(shopId, orderNo);
            cache.put(key(shopId, orderNo), order);
            return order;
        });
    }

    /** One signed call through the shop's breaker; 200 and 404 answers come back, 409 and the rest fail. */
    private CompletableFuture<Answer> call(String shopId, String method, String path, ObjectNode body) {
        return configs.apply(shopId).thenCompose(config -> {
            CircuitBreaker breaker = breakers.get(shopId, s -> new CircuitBreaker(settings.failuresToOpen(),
                    settings.openMs(), clock));
            if (!breaker.tryAcquire()) {
                meters.call(OrderSourceMeters.Outcome.BREAKER_OPEN);
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED, "the order system of shop "
                        + shopId + " is failing, so Kefu is not calling it for now; try again in "
                        + breaker.retryInSec() + " s"));
            }
            if (!inFlight.tryAcquire()) {
                meters.call(OrderSourceMeters.Outcome.BUSY);
                breaker.success(); // not the back end's fault; do not hold the trial slot
                return CompletableFuture.failedFuture(new KefuException(ErrorCode.OVERLOADED, "too many calls to"
                        + " shops' order systems at once (" + settings.maxInFlight() + "); try again"));
            }
            CompletableFuture<Answer> sent;
            long started = System.nanoTime();
            try {
                sent = send(shopId, config, method, path, body);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            return sent.handle((answer, error) -> {
                inFlight.release();
                if (answer != null) {
                    meters.answered(System.nanoTime() - started);
                }
                return judge(shopId, config, breaker, answer, error);
            });
        });
    }

    private CompletableFuture<Answer> send(String shopId, OrderSourceConfig config, String method, String path,
                                           ObjectNode body) {
        byte[] bytes = body == null ? new byte[0] : JSON.valueToTree(body).toString().getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(stripSlash(config.url()) + path);
        String ts = Long.toString(clock.millis());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(config.timeoutMs()))
                .header("Accept", "application/json")
                .header(RequestSigner.SHOP_HEADER, shopId)
                .header(RequestSigner.TIMESTAMP_HEADER, ts)
                .header(RequestSigner.SIGNATURE_HEADER, RequestSigner.sign(config.secret(), ts, method, uri, bytes))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.sendAsync(request.build(), info -> BoundedBody.subscriber(settings.maxResponseBytes()))
                .thenApply(r -> new Answer(r.statusCode(), r.body()));
    }

    /** Turns the outcome into an answer or a clear error, and tells the breaker how the back end did. */
    private Answer judge(String shopId, OrderSourceConfig config, CircuitBreaker breaker, Answer answer,
                         Throwable error) {
        if (error != null) {
            breaker.failure();
            Throwable cause = KefuException.unwrap(error);
            meters.call(cause instanceof HttpTimeoutException ? OrderSourceMeters.Outcome.TIMEOUT
                    : OrderSourceMeters.Outcome.UNREACHABLE);
            log.warn("order system call failed shop={} url={} error={}", shopId, config.url(), cause.toString());
            if (cause instanceof HttpTimeoutException) {
                throw new KefuException(ErrorCode.OVERLOADED, "the order system of shop " + shopId
                        + " did not answer within " + config.timeoutMs() + " ms; try again");
            }
            if (cause instanceof KefuException k) {
                throw k;
            }
            throw new KefuException(ErrorCode.OVERLOADED, "the order system of shop " + shopId + " cannot be reached ("
                    + (cause instanceof IOException ? cause.getClass().getSimpleName() : "error") + "); try again");
        }
        int status = answer.status();
        if (status == 200 || status == 404) {
            meters.call(OrderSourceMeters.Outcome.OK);
            breaker.success();
            return answer;
        }
        if (status == 409) {
            meters.call(OrderSourceMeters.Outcome.REFUSED);
            breaker.success();
            throw KefuException.invalidState(answer.message().orElse("the order system of shop " + shopId
                    + " refused the change in the order's current state"));
        }
        meters.call(OrderSourceMeters.Outcome.HTTP_ERROR);
        breaker.failure();
        log.warn("order system answered an error shop={} url={} status={}", shopId, config.url(), status);
        if (status >= 500) {
            throw new KefuException(ErrorCode.OVERLOADED, "the order system of shop " + shopId + " failed (HTTP "
                    + status + "); try again");
        }
        throw new KefuException(ErrorCode.INTERNAL, "the order system of shop " + shopId + " refused Kefu's request"
                + " (HTTP " + status + "); check the shop's order source settings (URL and secret)");
    }

    private static KefuException unreadable(String shopId, String why) {
        return new KefuException(ErrorCode.INTERNAL, "the order system of shop " + shopId
                + " answered something Kefu cannot read: " + why);
    }

    private static String key(String shopId, String orderNo) {
        return shopId + '\u0000' + orderNo;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An answer of the back end: its status and body. */
    private record Answer(int status, byte[] body) {
        JsonNode json(String shopId) {
            try {
                JsonNode n = JSON.readTree(body);
                if (n == null || !n.isObject()) {
                    throw unreadable(shopId, "the body is not a JSON object");
                }
                return n;
            } catch (IOException e) {
                throw unreadable(shopId, "the body is not JSON");
            }
        }

        Order order(String shopId, String orderNo) {
            Order o = parse(shopId, json(shopId), null);
            if (!o.orderNo().equals(orderNo)) {
                throw unreadable(shopId, "asked for order " + orderNo + ", got " + o.orderNo());
            }
            return o;
        }

        Order parse(String shopId, JsonNode node, String orderNo) {
            try {
                return OrderJson.parse(node, orderNo, 0);
            } catch (KefuException e) {
                throw unreadable(shopId, e.getMessage());
            }
        }

        Optional<String> message() {
            try {
                JsonNode n = JSON.readTree(body);
                return n != null && n.path("message").isTextual()
                        ? Optional.of(n.path("message").asText()).map(m -> m.length() > 300 ? m.substring(0, 300) : m)
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
