package io.kefu.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KefuConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        KefuConfig c = KefuConfig.DEFAULT;

        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.adminKey()).isEmpty();
        assertThat(c.jwtSecret()).isEmpty();
        assertThat(c.dbUrl()).isEqualTo(io.kefu.server.store.Database.DEFAULT_H2_URL);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.demo()).isTrue();
        assertThat(c.heartbeatSec()).isEqualTo(30);
        assertThat(c.helloTimeoutSec()).isEqualTo(10);
        assertThat(c.maxFrameBytes()).isEqualTo(65_536);
        assertThat(c.allowedOrigins()).isEmpty();
        assertThat(c.passwordIterations()).isGreaterThanOrEqualTo(200_000);
        assertThat(c.writeLowWater()).isLessThan(c.writeHighWater());
    }

    @Test
    void builderMakesATestConfig() {
        KefuConfig c = KefuConfig.builder().port(0).dbUrl("jdbc:h2:mem:t1;DB_CLOSE_DELAY=-1")
                .passwordIterations(1_000).demo(false).build();

        assertThat(c.port()).isZero();
        assertThat(c.dbUrl()).isEqualTo("jdbc:h2:mem:t1;DB_CLOSE_DELAY=-1");
        assertThat(c.demo()).isFalse();
    }

    @Test
    void toBuilderRoundTripsAndKeepsADerivedUrlDerived() {
        KefuConfig c = KefuConfig.builder().port(9000).adminKey("0123456789abcdef-admin").build();

        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().dataDir(Path.of("/var/kefu")).build().dbUrl())
                .isEqualTo("jdbc:h2:file:/var/kefu/kefu" + io.kefu.server.store.Database.H2_FILE_OPTIONS);
    }

    @Test
    void writerLanesDefaultToOneOnH2AndFourOnPostgresUnlessSet() {
        String pg = "jdbc:postgresql://db:5432/kefu";
        assertThat(KefuConfig.DEFAULT.writerLanes()).isEqualTo(1);
        assertThat(KefuConfig.builder().dbUrl(pg).build().writerLanes()).isEqualTo(4);
        assertThat(KefuConfig.builder().dbUrl(pg).writerLanes(2).build().writerLanes()).isEqualTo(2);
        assertThat(KefuConfig.builder().writerLanes(3).build().writerLanes()).isEqualTo(3);
        // A derived count follows the database; a chosen one stays.
        assertThat(KefuConfig.DEFAULT.toBuilder().dbUrl(pg).build().writerLanes()).isEqualTo(4);
        assertThat(KefuConfig.builder().writerLanes(3).build().toBuilder().dbUrl(pg).build().writerLanes())
                .isEqualTo(3);
    }

    @Test
    void onPostgresOneWriterLaneCommitsAtATimeUnlessSet() {
        String pg = "jdbc:postgresql://db:5432/kefu";
        assertThat(KefuConfig.DEFAULT.writerCommitsAtOnce()).isZero();
        assertThat(KefuConfig.builder().dbUrl(pg).build().writerCommitsAtOnce()).isEqualTo(1);
        assertThat(KefuConfig.builder().dbUrl(pg).writerCommitsAtOnce(0).build().writerCommitsAtOnce()).isZero();
        // A derived value follows the database; a chosen one stays.
        assertThat(KefuConfig.DEFAULT.toBuilder().dbUrl(pg).build().writerCommitsAtOnce()).isEqualTo(1);
        assertThat(KefuConfig.builder().writerCommitsAtOnce(3).build().toBuilder().dbUrl(pg).build()
                .writerCommitsAtOnce()).isEqualTo(3);
        assertThatThrownBy(() -> KefuConfig.builder().writerCommitsAtOnce(-1).build())
                .hasMessageContaining("KEFU_WRITER_COMMITS_AT_ONCE");
    }

    @Test
    void theWriterIsPacedOnAnH2FileAndNotOnPostgresOrInMemoryUnlessSet() {
        String pg = "jdbc:postgresql://db:5432/kefu";
        assertThat(KefuConfig.DEFAULT.writerPaceUs()).isEqualTo(KefuConfig.H2_WRITER_PACE_US).isPositive();
        assertThat(KefuConfig.builder().dbUrl(pg).build().writerPaceUs()).isZero();
        assertThat(KefuConfig.builder().dbUrl("jdbc:h2:mem:t").build().writerPaceUs()).isZero();
        assertThat(KefuConfig.builder().dbUrl(pg).writerPaceUs(500).build().writerPaceUs()).isEqualTo(500);
        assertThat(KefuConfig.builder().writerPaceUs(0).build().writerPaceUs()).isZero();
        // A derived pace follows the database; a chosen one stays.
        assertThat(KefuConfig.DEFAULT.toBuilder().dbUrl(pg).build().writerPaceUs()).isZero();
        assertThat(KefuConfig.builder().dbUrl(pg).build().toBuilder().dbUrl("jdbc:h2:file:./x/kefu").build()
                .writerPaceUs()).isEqualTo(KefuConfig.H2_WRITER_PACE_US);
        assertThat(KefuConfig.builder().writerPaceUs(700).build().toBuilder().dbUrl(pg).build().writerPaceUs())
                .isEqualTo(700);
        assertThatThrownBy(() -> KefuConfig.builder().writerPaceUs(-1).build())
                .hasMessageContaining("KEFU_WRITER_PACE_US");
    }

    @Test
    void h2UrlOfARelativeDirectoryIsExplicitlyRelative() {
        assertThat(KefuConfig.h2FileUrl(Path.of("data2"))).startsWith("jdbc:h2:file:./data2/kefu;");
        assertThat(KefuConfig.h2FileUrl(Path.of("../x"))).startsWith("jdbc:h2:file:../x/kefu;");
        assertThat(KefuConfig.h2FileUrl(Path.of("/srv/kefu"))).startsWith("jdbc:h2:file:/srv/kefu/kefu;");
    }

    @Test
    void builderValidatesToo() {
        assertThatThrownBy(() -> KefuConfig.builder().port(-1).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("KEFU_PORT must be an integer 0..65535, was '-1'");
        assertThatThrownBy(() -> KefuConfig.builder().host(" ").build())
                .hasMessage("KEFU_HOST must not be empty");
    }

    @Test
    void waterMarksMustBeOrdered() {
        assertThatThrownBy(() -> KefuConfig.builder().writeLowWater(70_000).writeHighWater(65_536).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("KEFU_WRITE_LOW_WATER must be below KEFU_WRITE_HIGH_WATER");
        assertThatThrownBy(() -> KefuConfig.builder().maxOutboundBytes(40_000).build())
                .hasMessageContaining("KEFU_MAX_OUTBOUND_BYTES must be at least KEFU_WRITE_HIGH_WATER");
    }

    @Test
    void secretsAreValidatedWithoutBeingRepeated() {
        assertThatThrownBy(() -> KefuConfig.builder().jwtSecret("short-secret").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("KEFU_JWT_SECRET must be at least 32 bytes (UTF-8), was 12 bytes");
        assertThatThrownBy(() -> KefuConfig.builder().adminKey("hunter2").build())
                .hasMessageContaining("KEFU_ADMIN_KEY must be at least 16 characters")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> KefuConfig.builder().adminKey("has spaces in the admin key").build())
                .hasMessageContaining("without spaces");
    }

    @Test
    void onlyH2AndPostgresUrls() {
        assertThat(KefuConfig.builder().dbUrl("jdbc:postgresql://db/kefu").build().dbUrl())
                .isEqualTo("jdbc:postgresql://db/kefu");
        assertThatThrownBy(() -> KefuConfig.builder().dbUrl("jdbc:mysql://db/kefu").build())
                .hasMessage("KEFU_DB_URL must start with jdbc:h2: or jdbc:postgresql:, was 'jdbc:mysql://db/kefu'");
    }

    @Test
    void originsMustBeSchemeAndHost() {
        assertThat(KefuConfig.builder().allowedOrigins(List.of("https://a.example", "http://b:8080")).build()
                .originAllowed("http://b:8080")).isTrue();
        assertThatThrownBy(() -> KefuConfig.builder().allowedOrigins(List.of("a.example")).build())
                .hasMessageContaining("KEFU_ALLOWED_ORIGINS entries must be origins");
        assertThatThrownBy(() -> KefuConfig.builder().allowedOrigins(List.of("https://a.example/x")).build())
                .hasMessageContaining("was 'https://a.example/x'");
    }

    @Test
    void anEmptyOriginListAllowsAny() {
        assertThat(KefuConfig.DEFAULT.originAllowed("https://anything.example")).isTrue();
    }

    @Test
    void toStringNeverShowsSecrets() {
        String s = KefuConfig.builder().adminKey("admin-key-0123456789")
                .jwtSecret("jwt-secret-0123456789-0123456789-xx").dbPassword("db-pass").build().toString();

        assertThat(s).doesNotContain("admin-key-0123456789", "jwt-secret-0123456789", "db-pass")
                .contains("adminKey=<set>", "jwtSecret=<set>", "dbPassword=<set>", "port=8080");
    }
}
