package io.kefu.server.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void idsAreUniqueAndIncreasingEvenInABurst() {
        IdGenerator ids = new IdGenerator(7);
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 20_000; i++) {
            long id = ids.nextLong();
            assertThat(id).isGreaterThan(last);
            last = id;
            seen.add(id);
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void twoNodesNeverCollide() {
        IdGenerator a = new IdGenerator(1);
        IdGenerator b = new IdGenerator(2);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            assertThat(seen.add(a.nextLong())).isTrue();
            assertThat(seen.add(b.nextLong())).isTrue();
        }
    }

    @Test
    void nodeIdsOutsideTenBitsAreRefused() {
        assertThatThrownBy(() -> new IdGenerator(1024)).hasMessageContaining("0..1023");
    }
}
