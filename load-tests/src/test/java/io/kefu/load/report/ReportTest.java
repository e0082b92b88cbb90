package io.kefu.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.load.metrics.ServerFigures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static LatencySummary latencies(long... micros) {
        Histogram h = new Histogram(1, 60_000_000, 3);
        for (long m : micros) {
            h.recordValue(m);
        }
        return LatencySummary.of(h);
    }

    private static RunReport run(boolean passed, boolean valid) {
        LatencySummary l = latencies(100, 200, 300);
        ConnectionReport c = new ConnectionReport(10, 10, 0, 0, 0, 0, 5, 5, l, l, 1, null);
        StepReport step = new StepReport(1, 100, 10, 1000, 1000, 100, 100, l, l, l, l, latencies(), latencies(),
                StepCpu.NONE);
        ServerReport server = new ServerReport("http://x/metrics", ServerFigures.NONE, ServerFigures.NONE,
                ServerFigures.NONE, null, null, null, null, null, List.of());
        return new RunReport("kefu", "ws://x/ws", passed ? valid ? RunReport.PASS : RunReport.INVALID : RunReport.FAIL,
                passed, valid, List.of(), 1.5, c, List.of(step), MessageCounts.of(1000, 1000, 0, 1000, 0, 0, 0, 0),
                new SlowReport(0, 0, 0, MessageCounts.NONE), Map.of(), server,
                Knee.of(List.of(step), passed, 20, 25));
    }

    @Test
    void summariesArePercentilesInMicrosecondsWithTheHistogramAttached() throws Exception {
        LatencySummary s = latencies(100, 200, 300, 400, 10_000);

        assertThat(s.count()).isEqualTo(5);
        assertThat(s.minUs()).isEqualTo(100);
        assertThat(s.p50Us()).isEqualTo(300);
        assertThat(s.maxUs()).isBetween(9_990L, 10_010L);
        Histogram back = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(s.hdr())), 0);
        assertThat(back.getTotalCount()).isEqualTo(5);
        assertThat(latencies().count()).isZero();
        assertThat(latencies().hdr()).isNull();
    }

    @Test
    void exitCodeIsOneForAFailureTwoForAnInvalidRunZeroOtherwise() {
        assertThat(LoadReport.exitCode(List.of(run(true, true)))).isZero();
        assertThat(LoadReport.exitCode(List.of(run(true, false)))).isEqualTo(2);
        assertThat(LoadReport.exitCode(List.of(run(false, false)))).isEqualTo(1);
        assertThat(LoadReport.exitCode(List.of(run(true, false), run(false, true)))).isEqualTo(1);
        assertThat(LoadReport.exitCode(List.of(run(false, true), run(true, false)))).isEqualTo(1);
    }

    @Test
    void theJsonReportHasTheRunsStepsAndCounts() throws Exception {
        LoadReport report = new LoadReport("kefu-load", 1, "2024-06-10T00:00:00Z", Map.of("buyers", 10),
                List.of(run(true, true)), null, 0);

        JsonNode json = new ObjectMapper().readTree(new ReportWriter().toJson(report));

        assertThat(json.path("runs").get(0).path("verdict").asText()).isEqualTo("PASS");
        assertThat(json.path("runs").get(0).path("messages").path("unaccounted").asLong()).isZero();
        assertThat(json.path("runs").get(0).path("steps").get(0).path("buyerToAgent").path("p99Us").asLong())
                .isEqualTo(300);
        assertThat(json.path("runs").get(0).has("exitCode")).as("not a record component").isFalse();
        assertThat(json.path("scenario").path("buyers").asInt()).isEqualTo(10);
    }

    @Test
    void theSummaryNamesTheVerdictAndShowsMissingFiguresAsNa() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryPrinter printer = new SummaryPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        printer.print(run(true, true));
        printer.compare(List.of(run(true, true), run(true, true)));

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("== kefu ws://x/ws: PASS ==", "buyer→agent p50 0.20", "LOST 0", "rss n/a",
                "== comparison (ms) ==", "knee         over 100 msg/s (delivery p99 <= 20");
    }
}
