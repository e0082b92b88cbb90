package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.server.base.RetryLaterException;
import org.junit.jupiter.api.Test;

class UnknownUserHashesTest {

    @Test
    void pastTheBoundALoginIsRefusedUntilAHashEnds() {
        UnknownUserHashes hashes = new UnknownUserHashes(2);
        hashes.acquire();
        hashes.acquire();

        assertThatThrownBy(hashes::acquire).isInstanceOf(RetryLaterException.class)
                .hasMessageContaining("KEFU_LOGIN_UNKNOWN_HASHES=2");
        hashes.release();
        assertThatCode(hashes::acquire).doesNotThrowAnyException();
    }
}
