package io.kefu.load.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a server's {@code /metrics} page: {@link #pollAsync} once a second from the reporter (never
 * more than one request in flight), {@link #pollNow} at the start and the end of a run. Keeps the latest
 * figures and the field-wise maximum since {@link #resetMax}. A poller for no URL reports nothing.
 * Thread-safe; the answers are handled on the HTTP client's threads.
 */
public final class MetricsPoller {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final HttpClient http;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicReference<ServerFigures> latest = new AtomicReference<>(ServerFigures.NONE);
    private final AtomicReference<ServerFigures> max = new AtomicReference<>(ServerFigures.NONE);
    private volatile String lastError;

    /** @param url the metrics page, or {@code null} to read nothing */
    public MetricsPoller(URI url) {
        this.url = url;
        this.http = url == null ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public URI url() {
        return url;
    }

    public void pollAsync() {
        if (url == null || !inFlight.compareAndSet(false, true)) {
            return;
        }
        http.sendAsync(request(), HttpResponse.BodyHandlers.ofString()).whenComplete((res, e) -> {
            inFlight.set(false);
            accept(res, e);
        });
    }

    /** Reads the page now and returns what it said (or the last figures when it could not be read). */
    public ServerFigures pollNow() throws InterruptedException {
        if (url == null) {
            return ServerFigures.NONE;
        }
        try {
            accept(http.send(request(), HttpResponse.BodyHandlers.ofString()), null);
        } catch (java.io.IOException e) {
            accept(null, e);
        }
        return latest.get();
    }

    public ServerFigures latest() {
        return latest.get();
    }

    public ServerFigures max() {
        return max.get();
    }

    public void resetMax() {
        max.set(latest.get());
    }

    /** Why the last read failed, or {@code null}. */
    public String lastError() {
        return lastError;
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    }

    private void accept(HttpResponse<String> res, Throwable e) {
        if (e != null || res == null || res.statusCode() != 200) {
            lastError = e != null ? e.toString() : res == null ? "no answer" : "HTTP " + res.statusCode();
            return;
        }
        lastError = null;
        ServerFigures f = ServerFigures.from(PrometheusText.parse(res.body()));
        latest.set(f);
        max.updateAndGet(m -> m.max(f));
    }
}
