package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.routing.policy.LeastBusyStrategy;
import io.kefu.server.routing.policy.Priority;
import io.kefu.server.routing.policy.RoundRobinStrategy;
import io.kefu.server.routing.policy.Strategies;
import io.kefu.server.settings.GroupStrategy;
import io.kefu.server.store.GroupRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupQueueTest {
    private static GroupRecord group(GroupStrategy s) {
        return new GroupRecord("g1", "s1", "pre", true, List.of(), null, 0, s);
    }

    @Test
    void urgentBeforeVipBeforeNormalAndFirstComeFirstServedInside() {
        GroupQueue q = new GroupQueue(group(GroupStrategy.LEAST_BUSY));
        q.add("n1", Priority.NORMAL);
        q.add("v1", Priority.VIP);
        q.add("n2", Priority.NORMAL);
        q.add("u1", Priority.URGENT);
        q.addFirst("back", Priority.NORMAL);

        assertThat(q.waiting()).containsExactly("u1", "v1", "back", "n1", "n2");
        assertThat(q.positionOf("n1")).isEqualTo(4);
        assertThat(q.positionOf("nope")).isZero();
        assertThat(q.remove("v1")).isTrue();
        assertThat(q.positionOf("n1")).isEqualTo(3);
        assertThat(q.poll()).isEqualTo("u1");
        assertThat(q.size()).isEqualTo(3);
    }

    @Test
    void theStrategyFollowsTheGroupAndIsKeptWhileUnchanged() {
        GroupQueue q = new GroupQueue(group(GroupStrategy.ROUND_ROBIN));
        var roundRobin = q.strategy();

        q.update(new GroupRecord("g1", "s1", "renamed", true, List.of(), null, 0, GroupStrategy.ROUND_ROBIN));
        assertThat(q.strategy()).isSameAs(roundRobin).isInstanceOf(RoundRobinStrategy.class);

        q.update(group(GroupStrategy.LEAST_BUSY));
        assertThat(q.strategy()).isInstanceOf(LeastBusyStrategy.class);

        q.update(group(GroupStrategy.MANUAL));
        assertThat(q.strategy()).isSameAs(Strategies.MANUAL);
        assertThat(q.manual()).isTrue();
    }
}
