package io.kefu.load.report;

import java.util.List;
import java.util.Map;

/**
 * The result of driving one target. {@code passed}: no normal message lost, duplicated, out of order,
 * refused or out of sequence, and no connection dropped. {@code valid}: the run did what the scenario
 * asked (everything connected, every conversation assigned, the generator kept to its schedule), so its
 * figures describe the server. {@code problems} says what broke either. {@code knee}: the highest step it kept
 * up with ({@link Knee}).
 */
public record RunReport(String target, String url, String verdict, boolean passed, boolean valid,
                        List<String> problems, double setupSeconds, ConnectionReport connections,
                        List<StepReport> steps, MessageCounts messages, SlowReport slowConsumers,
                        Map<String, Long> errors, ServerReport server, Knee knee) {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";
    public static final String INVALID = "INVALID";

    /** 0 passed and valid, 1 failed (whatever its validity), 2 invalid. */
    public int exitCode() {
        return !passed ? 1 : valid ? 0 : 2;
    }
}
