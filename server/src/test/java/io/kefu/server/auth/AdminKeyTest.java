package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminKeyTest {

    @Test
    void onlyTheExactKeyMatches() {
        AdminKey key = AdminKey.of("admin-key-0123456789");

        assertThat(key.matches("admin-key-0123456789")).isTrue();
        assertThat(key.matches("admin-key-012345678")).isFalse();
        assertThat(key.matches("admin-key-01234567890")).isFalse();
        assertThat(key.matches("")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void aGeneratedKeyIsLongRandomAndMarked() {
        AdminKey a = AdminKey.fromConfig(Optional.empty());
        AdminKey b = AdminKey.generate();

        assertThat(a.generated()).isTrue();
        assertThat(a.reveal()).hasSize(43).isNotEqualTo(b.reveal());
        assertThat(AdminKey.fromConfig(Optional.of("configured-key-0123")).generated()).isFalse();
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(AdminKey.of("admin-key-0123456789").toString()).doesNotContain("admin-key");
    }
}
