package io.kefu.server.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server ({@code io.kefu.server.Main}) in a child JVM on the test's class path, configured only
 * through {@code KEFU_*} environment variables, on a fixed loopback port so that clients reconnect to the
 * same address after each restart. {@link #kill()} is {@code kill -9}: no shutdown hook, no drain, no
 * database close. The child's output is appended to one log file, whose tail a failed start reports.
 *
 * <p>Most of a start is loading classes, and the test starts the child dozens of times: the first start
 * writes a class-data sharing archive (AppCDS, {@code -XX:ArchiveClassesAtExit}, written when that child
 * is stopped normally, before any traffic) and later starts map it, which takes about a third off each.
 * That needs a class path of jars only, as under Failsafe (the test-classes directory is left out: the
 * child needs none of it); with class directories (an IDE), every start loads classes the slow way.
 * Used from the test thread only.
 */
final class ChildServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, String> settings;
    private final Path log;
    private final int port;
    private final List<String> classPath;
    private final Path archive;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;
    private int timedStarts;
    private long startNanos;
    private long slowestStartNanos;

    /** {@code settings}: the {@code KEFU_*} variables beyond host and port, which this class sets. */
    ChildServer(Map<String, String> settings, Path log) {
        this.settings = Map.copyOf(settings);
        this.log = log;
        this.port = freePort();
        this.classPath = childClassPath();
        this.archive = classPath.stream().allMatch(e -> e.endsWith(".jar"))
                ? log.resolveSibling("child-classes.jsa") : null;
    }

    /**
     * Starts the child once with {@code -XX:ArchiveClassesAtExit}, stops it normally (SIGTERM: the server
     * drains and the JVM writes the archive) and uses the archive from then on when it was written.
     * Returns whether it was; without it the child still runs, only starts slower.
     */
    boolean prepareClassArchive() {
        if (archive == null) {
            return false;
        }
        launch(List.of("-XX:ArchiveClassesAtExit=" + archive));
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
        timedStarts = 0;
        startNanos = 0;
        slowestStartNanos = 0;
        return Files.isRegularFile(archive);
    }

    /** Starts the child and returns once {@code /health} answers 200; fails with the log's tail if it dies. */
    void start() {
        launch(archive != null && Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of());
    }

    private void launch(List<String> extraOptions) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the child server is already running");
        }
        List<String> command = new ArrayList<>(List.of(javaCommand(),
                // Start-up speed over peak speed: the child lives a second or two between kills.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms64m", "-Xmx384m"));
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), "io.kefu.server.Main"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // What the test JVM was started with must not leak into the child's settings.
        pb.environment().keySet().removeIf(k -> k.startsWith("KEFU_") && !k.equals("KEFU_TEST_LOG_LEVEL"));
        pb.environment().putAll(settings);
        pb.environment().put("KEFU_HOST", "127.0.0.1");
        pb.environment().put("KEFU_PORT", Integer.toString(port));
        try {
            appendToLog("---- start " + (++starts) + " ----\n");
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child server", e);
        }
        Process p = process;
        long began = System.nanoTime();
        await("child server start " + starts).atMost(START_TIMEOUT).pollDelay(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(25)).until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("the child server exited with " + p.exitValue()
                                + " during start " + starts + "; its log ends:\n" + tail());
                    }
                    return healthy();
                });
        long took = System.nanoTime() - began;
        timedStarts++;
        startNanos += took;
        slowestStartNanos = Math.max(slowestStartNanos, took);
    }

    /** Mean and longest time from launch to a healthy server, in ms, for the summary line. */
    String startTimes() {
        return timedStarts == 0 ? "-" : TimeUnit.NANOSECONDS.toMillis(startNanos / timedStarts) + "/"
                + TimeUnit.NANOSECONDS.toMillis(slowestStartNanos);
    }

    /** {@code kill -9}, and waits until the process is gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child server did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    int port() {
        return port;
    }

    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The last lines of the child's log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean healthy() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendToLog(String line) throws IOException {
        Files.writeString(log, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** A port free now; the child binds it again on every restart (the server sets SO_REUSEADDR). */
    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test's class path without its test-classes directories, which hold nothing the server needs. */
    private static List<String> childClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank() && !Path.of(e).endsWith("test-classes"))
                .toList();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
