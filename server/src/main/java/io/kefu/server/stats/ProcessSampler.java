package io.kefu.server.stats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples what the JVM does not report about the process, from Linux's {@code /proc/self}: resident
 * memory and open file descriptors. Reading {@code /proc} is file I/O, so it happens on the
 * {@code kefu-sampler} thread and the gauges only read the last sample; a {@code /metrics} scrape on an
 * event loop never touches a file. Resident memory is read every second (one short file). Open descriptors
 * are counted every {@value #FDS_EVERY_SEC} seconds: the kernel builds an entry for each one as the directory is
 * listed, which with 12,000 connections cost 1.5 % of a core when done every second (issue 13's profile).
 * Elsewhere than Linux the gauges read NaN.
 */
public final class ProcessSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessSampler.class);
    public static final String RSS = "kefu.process.rss";
    public static final String OPEN_FDS = "kefu.process.fds.open";
    public static final String MAX_FDS = "kefu.process.fds.max";
    private static final long PAGE_SIZE = 4096;
    private static final Path PROC = Path.of("/proc/self");
    static final int FDS_EVERY_SEC = 10;

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kefu-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile double rssBytes = Double.NaN;
    private volatile double openFds = Double.NaN;
    private final double maxFds;
    private int samples; // sampler thread only

    public ProcessSampler(MeterRegistry registry) {
        this.maxFds = softFdLimit().map(Long::doubleValue).orElse(Double.NaN);
        Gauge.builder(RSS, this, s -> s.rssBytes).baseUnit("bytes")
                .description("Resident set size of the server process").register(registry);
        Gauge.builder(OPEN_FDS, this, s -> s.openFds)
                .description("Open file descriptors (sockets included)").register(registry);
        Gauge.builder(MAX_FDS, this, s -> s.maxFds)
                .description("Soft limit on open file descriptors").register(registry);
        if (Files.isDirectory(PROC)) {
            sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
        }
    }

    private void sample() {
        try {
            List<String> statm = Files.readAllLines(PROC.resolve("statm"));
            rssBytes = Long.parseLong(statm.get(0).split(" ")[1]) * PAGE_SIZE;
            if (samples++ % FDS_EVERY_SEC != 0) {
                return;
            }
            long fds = 0;
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC.resolve("fd"))) {
                for (Path ignored : dir) {
                    fds++;
                }
            }
            openFds = fds;
        } catch (IOException | RuntimeException e) {
            log.debug("process sample failed: {}", e.toString());
        }
    }

    /** The soft {@code Max open files} limit of this process, when the platform tells. */
    public static Optional<Long> softFdLimit() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Optional.of(Long.MAX_VALUE) : Optional.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read the file descriptor limit: {}", e.toString());
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
