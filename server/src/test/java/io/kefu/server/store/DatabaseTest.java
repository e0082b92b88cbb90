package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.store.Database.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

    @Test
    void a_url_that_is_neither_h2_nor_postgresql_names_the_setting_without_its_parameters() {
        assertThatThrownBy(() -> new Database("jdbc:mysql://db:3306/kefu?password=secret", "u", "p", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEFU_DB_URL")
                .hasMessageContaining("jdbc:mysql://db:3306/kefu")
                .hasMessageNotContaining("secret");
    }

    @Test
    void the_dialect_follows_the_url() {
        assertThat(Database.dialectOf("jdbc:h2:mem:x")).isEqualTo(Dialect.H2);
        assertThat(Database.dialectOf("jdbc:postgresql://localhost/kefu")).isEqualTo(Dialect.POSTGRESQL);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_fresh_database_is_migrated(Dialect dialect) throws Exception {
        try (Database db = TestDatabases.of(dialect);
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM messages")) {
            assertThat(db.dialect()).isEqualTo(dialect);
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void the_recommended_h2_file_url_keeps_committed_rows_across_a_reopen(@TempDir Path dir) {
        String url = Database.DEFAULT_H2_URL.replace("./data/kefu", dir.resolve("kefu").toString());
        try (Database db = new Database(url, "sa", "", 2)) {
            new JdbcShopStore(db, new IdGenerator(1)).createShop("Tea House");
        }
        try (Database db = new Database(url, "sa", "", 2)) {
            assertThat(new Jdbc(db.dataSource()).query("count", "SELECT name FROM shops", rs -> rs.getString(1)))
                    .containsExactly("Tea House");
        }
    }

    @Test
    void a_second_process_cannot_open_the_h2_file_while_the_server_has_it_open(@TempDir Path dir) throws Exception {
        String url = Database.DEFAULT_H2_URL.replace("./data/kefu", dir.resolve("kefu").toString());
        try (Database db = new Database(url, "sa", "", 1)) {
            Process other = new ProcessBuilder(javaCommand(), "-cp", h2Jar(), "org.h2.tools.Shell",
                    "-url", url, "-user", "sa", "-password", "", "-sql", "INSERT INTO shops VALUES ('x', 'y', 0)")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor()).isNotZero();
            assertThat(output).contains("90020"); // DATABASE_ALREADY_OPEN
            assertThat(new Jdbc(db.dataSource()).query("count", "SELECT id FROM shops", rs -> rs.getString(1)))
                    .isEmpty();
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String h2Jar() throws Exception {
        return Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
