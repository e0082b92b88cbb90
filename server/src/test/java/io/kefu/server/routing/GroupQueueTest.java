package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.store.GroupRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupQueueTest {

    @Test
    void firstComeFirstServedWithPositionsFromOne() {
        GroupQueue q = new GroupQueue(new GroupRecord("g1", "s1", "pre", true, List.of(), null, 0));
        q.add("c1");
        q.add("c2");
        q.addFirst("c0");

        assertThat(q.positionOf("c0")).isEqualTo(1);
        assertThat(q.positionOf("c2")).isEqualTo(3);
        assertThat(q.positionOf("nope")).isZero();
        assertThat(q.remove("c1")).isTrue();
        assertThat(q.positionOf("c2")).isEqualTo(2);
        assertThat(q.poll()).isEqualTo("c0");
        assertThat(q.size()).isEqualTo(1);
    }
}
