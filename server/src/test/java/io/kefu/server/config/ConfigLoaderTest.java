package io.kefu.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileAndNoEnvironmentGivesTheDefaults() {
        assertThat(KefuConfig.load(null, Map.of())).isEqualTo(KefuConfig.DEFAULT);
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        Path file = write("port=9001\nheartbeatSec=15\ntokenTtlSec=3600\ndemo=false\n");

        KefuConfig c = KefuConfig.load(file, Map.of("KEFU_PORT", "9002", "KEFU_RATE_BURST", "7"));

        assertThat(c.port()).isEqualTo(9002);
        assertThat(c.heartbeatSec()).isEqualTo(15);
        assertThat(c.tokenTtlSec()).isEqualTo(3600);
        assertThat(c.demo()).isFalse();
        assertThat(c.rateBurst()).isEqualTo(7);
    }

    @Test
    void kefuConfigNamesTheFileWhenNoPathIsGiven() throws IOException {
        Path file = write("maxTextChars=100\n");

        KefuConfig c = KefuConfig.load(null, Map.of("KEFU_CONFIG", file.toString()));

        assertThat(c.maxTextChars()).isEqualTo(100);
    }

    @Test
    void everySettingHasAnEnvironmentName() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("KEFU_HOST", "127.0.0.1"), Map.entry("KEFU_PORT", "0"),
                Map.entry("KEFU_ADMIN_KEY", "admin-key-0123456789"),
                Map.entry("KEFU_JWT_SECRET", "0123456789abcdef0123456789abcdef"),
                Map.entry("KEFU_TOKEN_TTL_SEC", "120"), Map.entry("KEFU_DB_URL", "jdbc:postgresql://h/db"),
                Map.entry("KEFU_DB_USER", "kefu"), Map.entry("KEFU_DB_PASSWORD", " p w "),
                Map.entry("KEFU_DB_POOL_SIZE", "3"), Map.entry("KEFU_DATA_DIR", "/tmp/kd"),
                Map.entry("KEFU_DEMO", "FALSE"), Map.entry("KEFU_HEARTBEAT_SEC", "5"),
                Map.entry("KEFU_HELLO_TIMEOUT_SEC", "4"), Map.entry("KEFU_HELLO_BACKLOG", "3"), Map.entry("KEFU_MAX_FRAME_BYTES", "4096"),
                Map.entry("KEFU_MAX_HTTP_BODY_BYTES", "8192"), Map.entry("KEFU_RATE_PER_SEC", "9"),
                Map.entry("KEFU_RATE_BURST", "18"), Map.entry("KEFU_RATE_STRIKES", "2"),
                Map.entry("KEFU_MAX_CONNECTIONS", "77"), Map.entry("KEFU_WRITE_LOW_WATER", "2048"),
                Map.entry("KEFU_WRITE_HIGH_WATER", "4096"), Map.entry("KEFU_MAX_OUTBOUND_BYTES", "8192"),
                Map.entry("KEFU_ALLOWED_ORIGINS", " https://a.example, ,http://b:81 "),
                Map.entry("KEFU_STORE_THREADS", "2"), Map.entry("KEFU_STORE_QUEUE", "99"), Map.entry("KEFU_STORE_TIMEOUT_MS", "1500"),
                Map.entry("KEFU_WRITER_LANES", "3"), Map.entry("KEFU_WRITER_MAX_BATCH", "33"),
                Map.entry("KEFU_ROUTER_THREADS", "6"), Map.entry("KEFU_MAX_TEXT_CHARS", "500"),
                Map.entry("KEFU_WRITER_QUEUE", "44"), Map.entry("KEFU_WRITER_PACE_US", "45"),
                Map.entry("KEFU_WRITER_COMMITS_AT_ONCE", "2"), Map.entry("KEFU_ROUTER_QUEUE", "55"),
                Map.entry("KEFU_SHUTDOWN_GRACE_SEC", "0"), Map.entry("KEFU_PASSWORD_ITERATIONS", "10"),
                Map.entry("KEFU_NODE_ID", "1023"), Map.entry("KEFU_SCRIPT_CACHE_SHOPS", "12"),
                Map.entry("KEFU_MAX_CONNECTIONS_PER_ADDRESS", "13"), Map.entry("KEFU_HTTP_REQUEST_TIMEOUT_SEC", "14"),
                Map.entry("KEFU_TOKEN_GRACE_SEC", "0"), Map.entry("KEFU_AUTH_FAILURE_BURST", "16"),
                Map.entry("KEFU_AUTH_FAILURES_PER_MIN", "17"), Map.entry("KEFU_LOGIN_ACCOUNT_FAILURES", "18"),
                Map.entry("KEFU_LOGIN_UNKNOWN_HASHES", "19"), Map.entry("KEFU_WEBHOOK_QUEUE", "20"),
                Map.entry("KEFU_LIVE_PUSH_SEC", "21"), Map.entry("KEFU_KPI_FLUSH_SEC", "24"),
                Map.entry("KEFU_CLUSTER", "Redis"),
                Map.entry("KEFU_REDIS_URL", "redis://r:6380"), Map.entry("KEFU_LEASE_MS", "1500"),
                Map.entry("KEFU_BUS_TIMEOUT_MS", "220"), Map.entry("KEFU_BUS_MAX_IN_FLIGHT", "23"),
                Map.entry("KEFU_REBALANCE_SHOPS", "25"));

        KefuConfig c = KefuConfig.load(null, env);

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.adminKey()).hasValue("admin-key-0123456789");
        assertThat(c.jwtSecret()).hasValue("0123456789abcdef0123456789abcdef");
        assertThat(c.dbUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(c.dbUser()).isEqualTo("kefu");
        assertThat(c.dbPassword()).isEqualTo(" p w ");
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/kd"));
        assertThat(c.demo()).isFalse();
        assertThat(c.allowedOrigins()).containsExactly("https://a.example", "http://b:81");
        assertThat(c.cluster()).isEqualTo("redis");
        assertThat(c.clustered()).isTrue();
        assertThat(c.redisUrl()).isEqualTo("redis://r:6380");
        // every integer setting: the test lists all of them, and each took its value
        assertThat(IntSetting.all()).allSatisfy(s -> assertThat(env).containsKey(s.env()));
        for (IntSetting s : IntSetting.all()) {
            assertThat(intValue(c, s)).as(s.env()).isEqualTo(Integer.parseInt(env.get(s.env())));
        }
    }

    private static int intValue(KefuConfig c, IntSetting s) {
        try {
            return (int) KefuConfig.class.getMethod(s.property()).invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyIntegerSettingCanBeSetByNameAndKeepsItsDefaultOtherwise() {
        for (IntSetting s : IntSetting.all()) {
            // one above the minimum; the water marks must also keep low < high <= max outbound
            int value = s.property().equals("maxOutboundBytes") ? s.max() - 1 : s.min() + 1;
            KefuConfig set = KefuConfig.builder().dbUrl("jdbc:h2:mem:x").writeLowWater(1_024).writeHighWater(2_048)
                    .maxOutboundBytes(1 << 30).set(s.property(), value).build();
            assertThat(intValue(set, s)).as(s.env()).isEqualTo(value);
            assertThat(intValue(KefuConfig.builder().dbUrl("jdbc:h2:mem:x").build(), s)).as(s.env())
                    .isEqualTo(s.defaultFor("jdbc:h2:mem:x"));
        }
    }

    @Test
    void propertyNamesAreLowerCamelEnvironmentNames() {
        assertThat(ConfigLoader.propertyName("KEFU_TOKEN_TTL_SEC")).isEqualTo("tokenTtlSec");
        assertThat(ConfigLoader.propertyName("KEFU_PORT")).isEqualTo("port");
        assertThat(ConfigLoader.propertyName("KEFU_MAX_HTTP_BODY_BYTES")).isEqualTo("maxHttpBodyBytes");
    }

    @Test
    void anEmptyValueMeansTheDefault() throws IOException {
        Path file = write("port=\n");

        assertThat(KefuConfig.load(file, Map.of("KEFU_HEARTBEAT_SEC", "")).port()).isEqualTo(8080);
        assertThat(KefuConfig.load(file, Map.of("KEFU_HEARTBEAT_SEC", "")).heartbeatSec()).isEqualTo(30);
    }

    @Test
    void theDatabaseFollowsTheDataDirectory() {
        assertThat(KefuConfig.load(null, Map.of("KEFU_DATA_DIR", "var/kefu")).dbUrl())
                .isEqualTo("jdbc:h2:file:./var/kefu/kefu" + io.kefu.server.store.Database.H2_FILE_OPTIONS);
    }

    @Test
    void unknownEnvironmentVariablesAreIgnored() {
        assertThat(KefuConfig.load(null, Map.of("KEFU_NOT_A_SETTING", "1", "PATH", "/bin")))
                .isEqualTo(KefuConfig.DEFAULT);
    }

    @Test
    void anUnknownKeyInTheFileIsATypo() throws IOException {
        Path file = write("prot=9000\n");

        assertThatThrownBy(() -> KefuConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown setting 'prot' in " + file)
                .hasMessageContaining("known settings: host, port,");
    }

    @Test
    void aNamedFileThatDoesNotExistStopsStartUp() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> KefuConfig.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config file " + missing + " does not exist");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_CONFIG", missing.toString())))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aBadPortSaysWhatIsAllowed() {
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_PORT", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("KEFU_PORT must be an integer 0..65535, was 'abc'");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_PORT", "65536")))
                .hasMessage("KEFU_PORT must be an integer 0..65535, was '65536'");
    }

    @Test
    void aBadValueInTheFileNamesTheKeyAndTheFile() throws IOException {
        Path file = write("heartbeatSec=soon\n");

        assertThatThrownBy(() -> KefuConfig.load(file, Map.of()))
                .hasMessage("heartbeatSec (in " + file + ") must be an integer 1..3600, was 'soon'");
    }

    static Stream<IntSetting> intSettings() {
        return IntSetting.all().stream();
    }

    @ParameterizedTest
    @MethodSource("intSettings")
    void everyIntegerSettingRejectsTextAndOutOfRange(IntSetting s) {
        String allowed = s.env() + " must be an integer " + s.min() + ".." + s.max();
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of(s.env(), "12x")))
                .isInstanceOf(ConfigException.class).hasMessage(allowed + ", was '12x'");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of(s.env(), Long.toString(s.min() - 1L))))
                .hasMessage(allowed + ", was '" + (s.min() - 1L) + "'");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of(s.env(), Long.toString(s.max() + 1L))))
                .hasMessage(allowed + ", was '" + (s.max() + 1L) + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "maybe"})
    void demoIsTrueOrFalse(String raw) {
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_DEMO", raw)))
                .hasMessage("KEFU_DEMO must be true or false, was '" + raw + "'");
    }

    @Test
    void badStringsNameTheirSetting() {
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_DB_URL", "jdbc:sqlite:x")))
                .hasMessageStartingWith("KEFU_DB_URL must start with");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_JWT_SECRET", "too-short")))
                .hasMessageStartingWith("KEFU_JWT_SECRET must be at least 32 bytes");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_ADMIN_KEY", "short")))
                .hasMessageStartingWith("KEFU_ADMIN_KEY must be at least 16 characters");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_ALLOWED_ORIGINS", "https://ok.example,bad")))
                .hasMessageStartingWith("KEFU_ALLOWED_ORIGINS entries must be origins");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_DATA_DIR", "bad\0path")))
                .hasMessageStartingWith("KEFU_DATA_DIR must be a file system path");
        assertThatThrownBy(() -> KefuConfig.load(null, Map.of("KEFU_WRITE_LOW_WATER", "65536")))
                .hasMessageStartingWith("KEFU_WRITE_LOW_WATER must be below KEFU_WRITE_HIGH_WATER");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("kefu.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
