package io.kefu.load.report;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in microseconds, plus the histogram itself ({@code hdr}: the
 * HdrHistogram compressed encoding in Base64) so reports of several runs can be merged or re-plotted.
 */
public record LatencySummary(long count, long minUs, long p50Us, long p90Us, long p99Us, long p999Us,
                             long p9999Us, long maxUs, double meanUs, String hdr) {

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        }
        return new LatencySummary(h.getTotalCount(), h.getMinValue(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getValueAtPercentile(99.99), h.getMaxValue(), Math.round(h.getMean() * 10) / 10.0, encode(h));
    }

    private static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[length];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
