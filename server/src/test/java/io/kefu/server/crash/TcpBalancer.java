package io.kefu.server.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer in front of cluster nodes, as a deployment has one: each new connection goes to the next node
 * that accepts it (round robin, skipping dead ones), and lives as long as both sides do. When a node dies, its
 * clients' connections drop and they reconnect through the balancer to another node. Plain blocking sockets, two
 * threads per connection: a test has a few dozen.
 */
final class TcpBalancer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<ChildServer> nodes;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TcpBalancer(List<ChildServer> nodes) throws IOException {
        this.nodes = List.copyOf(nodes);
        this.listener = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
        daemon("balancer-accept", this::accept).start();
    }

    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/ws");
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                daemon("balancer-connect", () -> connect(client)).start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        for (int i = 0; i < nodes.size(); i++) {
            ChildServer node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port()), 1_000);
            } catch (IOException refused) {
                closeQuietly(backend);
                continue;
            }
            open.add(client);
            open.add(backend);
            daemon("balancer-up", () -> pump(client, backend)).start();
            daemon("balancer-down", () -> pump(backend, client)).start();
            return;
        }
        closeQuietly(client);
    }

    /** Copies bytes from {@code from} to {@code to} until either side ends, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
