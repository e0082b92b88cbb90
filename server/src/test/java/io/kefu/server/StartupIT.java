package io.kefu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.server.config.KefuConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What start-up says when the server cannot listen: one line naming the address and the setting. */
@Timeout(60)
class StartupIT {
    @TempDir
    Path dataDir;

    @Test
    void aBusyPortIsOneLineNamingTheAddressAndKefuPort() throws Exception {
        try (ServerSocket taken = busyPort()) {
            int port = taken.getLocalPort();
            KefuConfig config = KefuConfig.builder().host("127.0.0.1").port(port).demo(false)
                    .adminKey(TestServer.ADMIN_KEY).dbUrl(memoryDb()).dataDir(dataDir).build();

            assertThatThrownBy(() -> KefuServer.start(config))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": the port is already in use (another Kefu,"
                            + " or another program?); stop it or set KEFU_PORT to a free port")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void mainPrintsTheLineAndExitsNonZero() throws Exception {
        try (ServerSocket taken = busyPort()) {
            int port = taken.getLocalPort();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = Main.run(new String[0], Map.of("KEFU_HOST", "127.0.0.1", "KEFU_PORT", String.valueOf(port),
                            "KEFU_DB_URL", memoryDb(), "KEFU_DATA_DIR", dataDir.toString(), "KEFU_DEMO", "false"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(Main.EXIT_CANNOT_START).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("kefu: cannot listen on 127.0.0.1:" + port
                    + ": the port is already in use (another Kefu, or another program?); stop it or set KEFU_PORT"
                    + " to a free port" + System.lineSeparator());
            assertThat(out.toString(StandardCharsets.UTF_8)).as("no banner").isEmpty();
        }
    }

    @Test
    void aBadSettingExitsWithItsOwnStatus() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(new String[0], Map.of("KEFU_PORT", "99999"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(Main.EXIT_BAD_SETTING);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("kefu: KEFU_PORT");
    }

    /** A port on loopback that something else holds (no SO_REUSEADDR sharing on Linux for a listening socket). */
    private static ServerSocket busyPort() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return socket;
    }

    private static String memoryDb() {
        return "jdbc:h2:mem:kefu-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
