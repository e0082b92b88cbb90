package io.kefu.load.report;

import java.util.List;

/**
 * The JSON report file: the scenario as run, one {@link RunReport} per target, Kefu's knee as a fraction of the
 * relay's when both ran ({@link #kneeFraction}), and the exit code the harness returned.
 */
public record LoadReport(String tool, int format, String startedAt, Object scenario, List<RunReport> runs,
                         Double kefuKneeOfRelay, int exitCode) {

    /**
     * Kefu's knee over the relay's, when one run drove both and each has a knee; else {@code null}. A knee that
     * was not reached (every step held) is a lower bound, so the fraction is only as exact as both knees.
     */
    public static Double kneeFraction(List<RunReport> runs) {
        Knee kefu = knee(runs, "kefu");
        Knee relay = knee(runs, "relay");
        return kefu == null ? null : kefu.fractionOf(relay);
    }

    private static Knee knee(List<RunReport> runs, String target) {
        return runs.stream().filter(r -> target.equals(r.target())).map(RunReport::knee).findFirst().orElse(null);
    }

    public static int exitCode(List<RunReport> runs) {
        int worst = 0;
        for (RunReport r : runs) {
            int code = r.exitCode();
            worst = worst == 1 || code == 1 ? 1 : Math.max(worst, code);
        }
        return worst;
    }
}
