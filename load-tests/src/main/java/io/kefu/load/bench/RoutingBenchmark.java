package io.kefu.load.bench;

import io.kefu.server.routing.policy.AgentLoad;
import io.kefu.server.routing.policy.AssignmentStrategy;
import io.kefu.server.routing.policy.LeastBusyStrategy;
import io.kefu.server.routing.queue.WaitingLine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The routing core's two hot operations in one shop with {@code queued} conversations waiting in three
 * priorities and 1,000 agents: a routing decision (choose the least-busy of the agents with a free slot,
 * take the head of the line, and let a new conversation join so the line keeps its size) and a queue
 * position look-up (what a position push computes per buyer). Both must grow no faster than log n in
 * the number queued; the decision's agent scan is linear in agents, which this keeps fixed.
 *
 * <p>Single-threaded, like a router lane.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {
    private static final int AGENTS = 1_000;

    @Param({"100", "1000", "10000"})
    public int queued;

    private final AssignmentStrategy strategy = new LeastBusyStrategy();
    private final SplittableRandom random = new SplittableRandom(42);
    private WaitingLine line;
    private List<Agent> agents;
    private List<Agent> candidates;
    private String[] ids;
    private long next;

    /** An agent as a strategy sees it. */
    public record Agent(String id, int activeCount, long lastAssignedAt, int maxConcurrent) implements AgentLoad {
    }

    @Setup(Level.Trial)
    public void setUp() {
        line = new WaitingLine(3);
        ids = new String[queued];
        for (int i = 0; i < queued; i++) {
            ids[i] = "c" + i;
            line.addLast(ids[i], rank());
        }
        next = queued;
        agents = new ArrayList<>(AGENTS);
        for (int i = 0; i < AGENTS; i++) {
            agents.add(new Agent("a" + i, random.nextInt(6), random.nextLong(1_000_000), 5));
        }
        candidates = new ArrayList<>(AGENTS);
    }

    private int rank() {
        int r = random.nextInt(100);
        return r < 5 ? 0 : r < 20 ? 1 : 2;
    }

    /** Filter the agents with a free slot, choose one, serve the head, and a new buyer joins. */
    @Benchmark
    public Object decision() {
        candidates.clear();
        for (Agent a : agents) {
            if (a.activeCount() < a.maxConcurrent()) {
                candidates.add(a);
            }
        }
        Object chosen = strategy.choose(candidates).orElseThrow();
        String head = line.poll();
        String joining = "c" + next++;
        line.addLast(joining, rank());
        return head == null ? chosen : head;
    }

    /** Where one waiting buyer stands. */
    @Benchmark
    public int position() {
        return line.position(ids[random.nextInt(ids.length)]);
    }

    /** A conversation leaves from the middle (closed or picked) and another joins at the front (transfer). */
    @Benchmark
    public boolean removeAndAddFirst() {
        String id = ids[random.nextInt(ids.length)];
        boolean removed = line.remove(id);
        line.addFirst(id, rank());
        return removed;
    }
}
