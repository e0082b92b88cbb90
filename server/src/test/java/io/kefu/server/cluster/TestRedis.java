package io.kefu.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis server for cluster tests: Debian's {@code redis-server}, started on a free loopback port with no
 * persistence, stopped (or killed and started again on the same port) by the test. Skipped where there is no
 * {@code redis-server}, except under CI ({@code CI=true}), where that is a failure ({@code .ci/run} installs it).
 */
public final class TestRedis implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static TestRedis start() {
        String binary = "redis-server";
        boolean present = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("redis-server is missing; install it (apt-get install redis-server)");
            }
            Assumptions.abort("redis-server is not installed here");
        }
        try {
            TestRedis r = new TestRedis(freePort(), Files.createTempDirectory("kefu-redis"));
            r.launch(binary);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the server ({@code SIGKILL}): it loses everything, as no persistence is configured. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        kill();
        launch("redis-server");
    }

    /** Sends one command in Redis's inline protocol and returns the first line of the answer. */
    public String command(String inline) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = s.getInputStream().read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a command answered with a bulk string ({@code GET}, {@code HGET}), or null. */
    public String value(String inline) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String head = in.readLine();
            if (head == null || !head.startsWith("$") || head.equals("$-1")) {
                return null;
            }
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(String binary) {
        try {
            process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.awaitility.Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> command("PING").equals("+PONG"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
