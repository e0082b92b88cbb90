package io.kefu.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The client message ids the SDK makes: version 7 UUIDs, ordered by time as strings. */
class CmidTest {

    @Test
    void a_cmid_is_a_version_7_uuid_carrying_its_time() {
        UUID id = UUID.fromString(ConversationSession.newCmid(1_764_000_000_123L));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(1_764_000_000_123L);
    }

    @Test
    void later_cmids_sort_later_as_strings_and_never_repeat() {
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (long ms = 1_764_000_000_000L; ms < 1_764_000_000_000L + 5_000; ms += 7) {
            String a = ConversationSession.newCmid(ms);
            String b = ConversationSession.newCmid(ms);
            assertThat(a).isGreaterThan(previous);
            assertThat(b).isGreaterThan(previous);
            assertThat(seen.add(a)).isTrue();
            assertThat(seen.add(b)).isTrue();
            previous = a.compareTo(b) > 0 ? a : b;
        }
    }
}
