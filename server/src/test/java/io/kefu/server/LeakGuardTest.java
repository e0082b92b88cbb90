package io.kefu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guard the fuzz tests rely on sees a leak, and only leaks: otherwise "0 leaks" would prove nothing. */
@Timeout(60)
class LeakGuardTest {

    @Test
    void aBufferNeverReleasedIsReportedWithItsLastAccess() {
        try (LeakGuard guard = LeakGuard.start()) {
            leak("left unreleased by LeakGuardTest");

            assertThat(guard.leaks()).singleElement().asString().contains("left unreleased by LeakGuardTest");
        }
    }

    @Test
    void releasedBuffersAreNoLeak() {
        try (LeakGuard guard = LeakGuard.start()) {
            for (int i = 0; i < 100; i++) {
                ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
                buf.writeInt(i);
                buf.release();
            }

            assertThat(guard.leaks()).isEmpty();
        }
    }

    private static void leak(String hint) {
        ByteBufAllocator.DEFAULT.buffer(16).writeLong(7).touch(hint);
    }
}
