package io.kefu.load.metrics;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The metrics pages of one target: one {@link MetricsPoller} per node (a single server has one, a cluster
 * one per node, none when metrics are not read), read together. {@link #latest} and {@link #pollNow} give
 * the nodes' figures {@linkplain ServerFigures#combine combined}; {@link #max} is the field-wise maximum of
 * the combined figures as seen once a second and at every {@link #pollNow} (with one node, exactly that
 * node's maximum over all its reads). Thread-safe, like the
 * pollers: {@link #pollAsync} runs on the reporter thread, {@link #pollNow} on the main thread.
 */
public final class MetricsGroup {
    private final List<MetricsPoller> nodes;
    private final AtomicReference<ServerFigures> max = new AtomicReference<>(ServerFigures.NONE);

    /** @param urls the metrics pages, one per node; empty to read nothing */
    public MetricsGroup(List<URI> urls) {
        this.nodes = urls.stream().map(MetricsPoller::new).toList();
    }

    /** The nodes' pollers, in the order of their URLs. */
    public List<MetricsPoller> nodes() {
        return nodes;
    }

    public boolean reads() {
        return !nodes.isEmpty();
    }

    /** Starts a read of every page; the combined maximum takes in the previous reads' figures. */
    public void pollAsync() {
        nodes.forEach(MetricsPoller::pollAsync);
        track(latest());
    }

    /** Reads every page now and returns the combined figures. */
    public ServerFigures pollNow() throws InterruptedException {
        return combine(pollNowPerNode());
    }

    /** Reads every page now and returns each node's figures. */
    public List<ServerFigures> pollNowPerNode() throws InterruptedException {
        List<ServerFigures> each = new ArrayList<>(nodes.size());
        for (MetricsPoller p : nodes) {
            each.add(p.pollNow());
        }
        track(combine(each));
        return each;
    }

    /** Each node's figures as last read. */
    public List<ServerFigures> latestPerNode() {
        return nodes.stream().map(MetricsPoller::latest).toList();
    }

    public ServerFigures latest() {
        return combine(latestPerNode());
    }

    public ServerFigures max() {
        return nodes.size() == 1 ? nodes.get(0).max() : max.get();
    }

    public void resetMax() {
        nodes.forEach(MetricsPoller::resetMax);
        max.set(latest());
    }

    /** The pages' URLs, comma-separated, or {@code null} when none is read. */
    public String urls() {
        return nodes.isEmpty() ? null : String.join(",", nodes.stream().map(p -> p.url().toString()).toList());
    }

    /** Why the last read of some page failed ({@code <url>: <reason>}, several joined by "; "), or {@code null}. */
    public String lastError() {
        List<String> errors = new ArrayList<>();
        for (MetricsPoller p : nodes) {
            if (p.lastError() != null) {
                errors.add(nodes.size() == 1 ? p.lastError() : p.url() + ": " + p.lastError());
            }
        }
        return errors.isEmpty() ? null : String.join("; ", errors);
    }

    private ServerFigures track(ServerFigures f) {
        max.updateAndGet(m -> m.max(f));
        return f;
    }

    private static ServerFigures combine(List<ServerFigures> each) {
        return each.isEmpty() ? ServerFigures.NONE : ServerFigures.combine(each);
    }
}
