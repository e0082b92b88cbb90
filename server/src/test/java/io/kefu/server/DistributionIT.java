package io.kefu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball {@code package} builds (target/kefu-VERSION.tar.gz) unpacks into a server that {@code bin/kefu}
 * starts with the settings it is given (environment, {@code conf/kefu.properties}, JAVA_HOME, JAVA_OPTS)
 * and that SIGTERM stops. Runs the launcher as a child process; unpacks with {@code tar}.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class DistributionIT {
    private static final String ADMIN_KEY = "dist-it-admin-key-0123456789";
    private static final String JVM_MARKER = "-Dkefu.dist.it=true";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process kefu;

    @TempDir
    Path dir;

    /** Descendants too: if bin/kefu ever stopped exec-ing, java would be a grandchild of this JVM. */
    @AfterEach
    void killTheServer() throws InterruptedException {
        if (kefu != null) {
            kefu.descendants().forEach(ProcessHandle::destroyForcibly);
            kefu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTarballHoldsTheLauncherJarConfigUnitAndLicense() throws Exception {
        Path home = unpack();

        assertThat(home.resolve("bin/kefu")).isExecutable();
        assertThat(home.resolve("lib/kefu-server.jar")).isRegularFile();
        assertThat(home.resolve("conf/kefu.properties.example")).isRegularFile();
        assertThat(home.resolve("conf/kefu.properties")).doesNotExist();
        assertThat(home.resolve("README.txt")).content().contains("bin/kefu").doesNotContain("${project.version}");
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004",
                "END OF TERMS AND CONDITIONS");
        assertThat(home.resolve("systemd/kefu.service")).content().contains("LimitNOFILE=1048576",
                "Restart=on-failure", "User=kefu", "EnvironmentFile=-", "WorkingDirectory=", "ExecStart=");
    }

    @Test
    void binKefuStartsTheServerWithItsSettingsAndSigtermStopsIt() throws Exception {
        Path home = unpack();
        Files.writeString(home.resolve("conf/kefu.properties"), "adminKey=" + ADMIN_KEY + "\n");
        Path data = Files.createDirectory(dir.resolve("state"));
        Path log = dir.resolve("kefu.log");
        int port = freePort();

        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kefu").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> name.startsWith("KEFU_") || name.equals("JAVA_OPTS"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_OPTS", "-Xmx256m " + JVM_MARKER);
        env.put("KEFU_HOST", "127.0.0.1");
        env.put("KEFU_PORT", Integer.toString(port));
        env.put("KEFU_DATA_DIR", data.toString());
        env.put("KEFU_DEMO", "false");
        kefu = pb.start();

        await("GET /health answers 200").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> healthStatus(port, log) == 200);

        // exec: the child is java itself (so SIGTERM reaches it), started from JAVA_HOME with JAVA_OPTS.
        ProcessHandle.Info info = kefu.info();
        assertThat(info.command()).hasValueSatisfying(c -> assertThat(c).endsWith("/bin/java"));
        assertThat(info.arguments()).hasValueSatisfying(a -> assertThat(a).contains(JVM_MARKER));
        // conf/kefu.properties was loaded: its admin key is the platform admin's.
        assertThat(mintBuyerToken(port, ADMIN_KEY)).as(logText(log)).isEqualTo(200);
        assertThat(mintBuyerToken(port, "not-the-admin-key-0123456789")).isEqualTo(401);
        // KEFU_DATA_DIR was passed through: the H2 file is there, not in ./data of the working directory.
        assertThat(data.resolve("kefu.mv.db")).exists();
        assertThat(dir.resolve("data")).doesNotExist();

        kefu.destroy(); // SIGTERM

        assertThat(kefu.waitFor(45, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(kefu.exitValue()).as(logText(log)).isEqualTo(128 + 15);
    }

    /** Unpacks the newest target/kefu-*.tar.gz into a folder of the temp dir; returns its single top folder. */
    private Path unpack() throws IOException, InterruptedException {
        Path tarball = newestTarball();
        Path into = Files.createDirectory(dir.resolve("dist"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar: %s", out).isZero();
        String top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        try (var entries = Files.list(into)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(top);
        }
        return into.resolve(top);
    }

    private static Path newestTarball() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("target"), "kefu-*.tar.gz")) {
            s.forEach(found::add);
        }
        assertThat(found).as("target/kefu-*.tar.gz (built by the package phase)").isNotEmpty();
        return found.stream().max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
    }

    /** The status of GET /health, or -1 while nothing listens; fails at once if the server has exited. */
    private int healthStatus(int port, Path log) throws InterruptedException {
        if (!kefu.isAlive()) {
            throw new AssertionError("bin/kefu exited with " + kefu.exitValue() + " before /health answered:\n"
                    + logText(log));
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private int mintBuyerToken(int port, String bearer) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/buyer"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"buyerId\":\"dist-it\"}")).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String logText(Path log) {
        try {
            return "server output:\n" + Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "server output unreadable: " + e;
        }
    }
}
