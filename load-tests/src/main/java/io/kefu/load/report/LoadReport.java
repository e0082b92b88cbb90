package io.kefu.load.report;

import java.util.List;

/**
 * The JSON report file: the scenario as run, one {@link RunReport} per target, and the exit code the
 * harness returned.
 */
public record LoadReport(String tool, int format, String startedAt, Object scenario, List<RunReport> runs,
                         int exitCode) {

    public static int exitCode(List<RunReport> runs) {
        int worst = 0;
        for (RunReport r : runs) {
            int code = r.exitCode();
            worst = worst == 1 || code == 1 ? 1 : Math.max(worst, code);
        }
        return worst;
    }
}
