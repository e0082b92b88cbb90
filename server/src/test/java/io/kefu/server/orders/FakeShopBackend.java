package io.kefu.server.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kefu.server.base.KefuException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shop's order system for tests: the JDK's HttpServer on loopback speaking the HTTP source's protocol
 * (docs/orders.md), checking every request's signature. It can be switched to answer slowly (it holds each request
 * until {@link #close} or {@link #mode} releases it) or to fail with 500.
 */
final class FakeShopBackend implements AutoCloseable {
    enum Mode { NORMAL, SLOW, FAILING }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String secret;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile Mode mode = Mode.NORMAL;
    private volatile CountDownLatch held = new CountDownLatch(1);
    volatile String lastShopHeader;
    volatile JsonNode lastBody;

    FakeShopBackend(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/shop-api", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/shop-api";
    }

    void put(Order order) {
        orders.put(order.orderNo(), order);
    }

    void mode(Mode next) {
        if (mode == Mode.SLOW && next != Mode.SLOW) {
            held.countDown();
            held = new CountDownLatch(1);
        }
        mode = next;
    }

    int requests() {
        return requests.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            String ts = x.getRequestHeaders().getFirst(RequestSigner.TIMESTAMP_HEADER);
            String target = x.getRequestURI().getRawPath()
                    + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
            String expected = RequestSigner.sign(secret, ts == null ? "" : ts, x.getRequestMethod(), target, body);
            if (!expected.equals(x.getRequestHeaders().getFirst(RequestSigner.SIGNATURE_HEADER))) {
                badSignatures.incrementAndGet();
                answer(x, 401, "{\"message\":\"bad signature\"}");
                return;
            }
            lastShopHeader = x.getRequestHeaders().getFirst(RequestSigner.SHOP_HEADER);
            lastBody = body.length == 0 ? null : JSON.readTree(body);
            if (mode == Mode.SLOW) {
                held.await(30, TimeUnit.SECONDS);
                return; // the client gave up long ago
            }
            if (mode == Mode.FAILING) {
                answer(x, 500, "{\"message\":\"database down\"}");
                return;
            }
            route(x, x.getRequestURI().getRawPath().substring("/shop-api".length()), x.getRequestURI().getQuery());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange x, String path, String query) throws IOException {
        String[] parts = path.split("/");
        if (parts.length == 2 && "orders".equals(parts[1])) {
            Map<String, String> q = new java.util.HashMap<>();
            for (String kv : query.split("&")) {
                q.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            List<Order> mine = orders.values().stream().filter(o -> o.buyerId().equals(q.get("buyerId")))
                    .sorted(Comparator.comparingLong(Order::createdAt).reversed())
                    .limit(Long.parseLong(q.get("limit"))).toList();
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("orders");
            mine.forEach(o -> list.add(OrderJson.json(o)));
            answer(x, 200, out.toString());
            return;
        }
        Order order = parts.length >= 3 ? orders.get(parts[2]) : null;
        if (order == null) {
            answer(x, 404, "{\"message\":\"no such order\"}");
            return;
        }
        try {
            if (parts.length == 4 && "address".equals(parts[3])) {
                order = OrderRules.changeAddress(order, OrderJson.address(lastBody.get("address"), "address"));
            } else if (parts.length == 4 && "cancel".equals(parts[3])) {
                order = OrderRules.cancel(order);
            }
        } catch (KefuException e) {
            answer(x, 409, JSON.createObjectNode().put("message", e.getMessage()).toString());
            return;
        }
        orders.put(order.orderNo(), order);
        answer(x, 200, OrderJson.json(order).toString());
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        held.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
