package io.kefu.load.report;

import java.util.List;

/**
 * The servers' CPU over one step's measured window, from their process CPU time read at its start and end:
 * {@code cores} used (all nodes together; 1.0 = one core busy), {@code usPerMessage} CPU microseconds per
 * message sent in the window, and {@code nodeCores} each node's cores (in {@code --server} order). A figure
 * is {@code null} when the servers do not expose their CPU time. The harness's own CPU is not in it.
 */
public record StepCpu(Double cores, Double usPerMessage, List<Double> nodeCores) {

    public static final StepCpu NONE = new StepCpu(null, null, List.of());
}
