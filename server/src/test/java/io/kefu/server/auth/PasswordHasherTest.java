package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("correct horse 电池");

        assertThat(hasher.verify("correct horse 电池", hash)).isTrue();
        assertThat(hasher.verify("correct horse", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void theEncodingDescribesItselfAndSaltsEachPassword() {
        String a = hasher.hash("pw");
        String b = hasher.hash("pw");

        assertThat(a).startsWith("pbkdf2-sha256$1000$").doesNotContain("pw$").isNotEqualTo(b);
        assertThat(a.split("\\$")).hasSize(4);
    }

    @Test
    void aHashKeepsVerifyingAfterTheIterationCountChanges() {
        String old = hasher.hash("pw");
        PasswordHasher stronger = new PasswordHasher(2_000);

        assertThat(stronger.verify("pw", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(old)).isFalse();
    }

    @Test
    void anUnknownUserCostsAHashAndNeverMatches() {
        assertThat(hasher.verify("pw", Optional.empty())).isFalse();
        assertThat(hasher.verify("pw", Optional.of(hasher.hash("pw")))).isTrue();
    }

    @Test
    void aCorruptStoredHashIsAnErrorNotAWrongPassword() {
        assertThatThrownBy(() -> hasher.verify("pw", "plaintext")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored password hash is not in pbkdf2-sha256 format");
        assertThatThrownBy(() -> hasher.verify("pw", "pbkdf2-sha256$many$AA$AA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.verify("pw", "pbkdf2-sha256$0$AA$AA"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void productionStrengthIsTheDefault() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
        assertThatThrownBy(() -> new PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
