package io.kefu.load;

import java.util.Arrays;

/**
 * The shaded jar's entry point: {@code java -jar kefu-load.jar [options]} runs the {@link LoadRunner};
 * {@code ... jmh [JMH options]} runs the JMH micro-benchmarks; {@code ... relay-server [options]} runs
 * the {@link BaselineRelay}; {@code ... kpi-reports [options]} the KPI report benchmark; {@code ... message-store
 * [options]} the message store benchmark.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        String first = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (first) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            case "relay-server" -> BaselineRelay.main(rest);
            case "kpi-reports" -> io.kefu.load.bench.KpiReportBenchmark.main(rest);
            case "message-store" -> io.kefu.load.bench.MessageStoreBenchmark.main(rest);
            default -> LoadRunner.main(args);
        }
    }
}
