package io.kefu.load;

import io.kefu.load.report.LoadReport;
import io.kefu.load.report.ReportWriter;
import io.kefu.load.report.RunReport;
import io.kefu.load.report.SummaryPrinter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load harness on the command line: reads the scenario, drives each target in turn (Kefu, the
 * relay, or both with the same scenario), prints a progress line every second and a summary at the
 * end, writes the JSON report, and exits 0 (passed and valid), 1 (something lost, duplicated, out of
 * order, refused or dropped), 2 (the run was invalid: set-up incomplete or the generator fell behind)
 * or 64 (bad options). Runs on the main thread; see {@link LoadRun}.
 */
@Command(name = "kefu-load", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = LoadRunner.EXIT_USAGE,
        description = "Drives Kefu (or any RELAY.md server) with simulated buyers and agents and reports latency, "
                + "throughput, loss and server figures.")
public final class LoadRunner implements Callable<Integer> {
    public static final int EXIT_USAGE = 64;

    @CommandLine.Mixin
    final LoadOptions options = new LoadOptions();

    private final PrintStream out;

    public LoadRunner() {
        this(System.out);
    }

    public LoadRunner(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /** Runs the harness with {@code args}; returns the exit code. */
    public static int run(PrintStream out, String... args) {
        CommandLine cli = new CommandLine(new LoadRunner(out)).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException ? EXIT_USAGE : 2);
        return cli.execute(args);
    }

    /** The scenario {@code args} describe (for tests and tooling); throws on bad options. */
    public static Scenario parse(String... args) {
        LoadRunner runner = new LoadRunner();
        new CommandLine(runner).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return runner.options.scenario();
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Scenario scenario;
        try {
            scenario = options.scenario();
            options.metricsUrls(List.of()); // validates --metrics-url before any work
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        String startedAt = Instant.now().toString();
        out.println("kefu-load run " + scenario.runId() + ": " + describe(scenario));
        if (scenario.nodes() > 1 && scenario.targets().contains(Scenario.Target.KEFU)) {
            out.println(scenario.nodes() + " Kefu nodes " + scenario.servers() + ": set-up through the first; "
                    + "buyers connect round robin from the first node, agents from the second");
        }
        out.printf(java.util.Locale.ROOT, "busiest connection sends about %.1f frames/s at the top rate (servers limit "
                + "this: Kefu's KEFU_RATE_PER_SEC, 20 by default)%n", scenario.busiestConnectionRate());
        List<RunReport> runs = new ArrayList<>();
        SummaryPrinter printer = new SummaryPrinter(out);
        for (Scenario.Target target : scenario.targets()) {
            RunReport report = runTarget(scenario.forTarget(target), target);
            printer.print(report);
            runs.add(report);
        }
        printer.compare(runs);
        int exit = LoadReport.exitCode(runs);
        Path file = scenario.report();
        new ReportWriter().write(new LoadReport("kefu-load", 1, startedAt, scenario.redacted(), runs,
                LoadReport.kneeFraction(runs), exit), file);
        out.println();
        out.println("report written to " + file.toAbsolutePath() + "; exit code " + exit);
        return exit;
    }

    private RunReport runTarget(Scenario s, Scenario.Target target) throws InterruptedException {
        out.println();
        out.println("-- target " + target.name().toLowerCase(java.util.Locale.ROOT) + " --");
        if (target == Scenario.Target.KEFU) {
            List<URI> metrics = options.metricsUrls(s.servers().stream().map(TargetAddress::metricsBeside).toList());
            return new LoadRun(s, TargetAddress.kefu(s.servers(), metrics), out).execute();
        }
        if (!Scenario.EMBEDDED_RELAY.equals(s.relay())) {
            URI ws = URI.create(s.relay());
            return new LoadRun(s, TargetAddress.relay(ws, options.relayMetricsUrl(TargetAddress.metricsBeside(ws))), out)
                    .execute();
        }
        try (BaselineRelay relay = BaselineRelay.start("127.0.0.1", 0, options.relayThreads(), 4 << 20)) {
            out.println("started the baseline relay in-process at " + relay.uri());
            URI metrics = options.relayMetricsUrl(TargetAddress.metricsBeside(relay.uri()));
            TargetAddress address = TargetAddress.relay(relay.uri(), metrics).withNote("embedded relay: memory "
                    + "figures are the harness JVM's own (relay and clients together); run it apart for its memory");
            return new LoadRun(s, address, out).execute();
        }
    }

    private static String describe(Scenario s) {
        return String.format(java.util.Locale.ROOT,
                "%d shops x %d agents (max %d), %d buyers, %d conversations, rate %s msg/s (%s), %d B %s, "
                        + "%ds warm-up + %ds per step%s, connect %.0f/s%s%s%s",
                s.shops(), s.agentsPerShop(), s.maxConcurrent(), s.buyers(), s.conversations(), s.rates(),
                s.schedule().name().toLowerCase(java.util.Locale.ROOT), s.messageSize(),
                s.encoding().name().toLowerCase(java.util.Locale.ROOT), s.warmupSec(), s.durationSec(),
                s.leadInSec() > 0 ? " (first warm-up " + (s.warmupSec() + s.leadInSec()) + "s)" : "", s.connectRate(),
                s.slowAgentCount() > 0 ? ", " + s.slowAgentCount() + " slow agents from step " + s.slowStep() : "",
                s.churnRate() > 0 ? ", churn " + s.churnRate() + "/s" : "",
                s.relayRates().isEmpty() ? "" : ", the relay's rate " + s.relayRates() + " msg/s");
    }
}
