package io.kefu.load.report;

import java.util.Locale;

/** Number formatting shared by the progress line and the summary. */
public final class Units {
    private Units() {
    }

    /** Microseconds as milliseconds: {@code 0.042}, {@code 3.14}, {@code 1234}. */
    public static String ms(long micros) {
        double ms = micros / 1000.0;
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms)
                : ms < 100 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    /** Bytes in binary units, or {@code n/a}. */
    public static String bytes(Double b) {
        if (b == null) {
            return "n/a";
        }
        double v = b;
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /** Seconds as milliseconds, or {@code n/a}. */
    public static String secondsAsMs(Double s) {
        return s == null ? "n/a" : ms(Math.round(s * 1_000_000));
    }

    /** A count, or {@code n/a}. */
    public static String count(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.0f", d);
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond < 10 ? "%.1f" : "%.0f", perSecond);
    }
}
