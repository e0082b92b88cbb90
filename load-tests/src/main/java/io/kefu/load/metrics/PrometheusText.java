package io.kefu.load.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * A parsed Prometheus text page: samples of {@code name{label="value",...} value}. Comments, blank and
 * malformed lines are skipped. Immutable.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && l.charAt(0) != '#') {
                Sample s = parseLine(l);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return new PrometheusText(out);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of the named samples whose labels match, or empty when there is none. */
    public OptionalDouble sum(String name, Predicate<Map<String, String>> labels) {
        double total = 0;
        boolean any = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && labels.test(s.labels()) && !Double.isNaN(s.value())) {
                total += s.value();
                any = true;
            }
        }
        return any ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /** The largest of the named samples whose labels match, or empty when there is none. */
    public OptionalDouble max(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && labels.test(s.labels()))
                .mapToDouble(Sample::value).filter(v -> !Double.isNaN(v)).max();
    }

    public OptionalDouble sum(String name) {
        return sum(name, l -> true);
    }

    /** Matches samples carrying {@code key="value"}. */
    public static Predicate<Map<String, String>> label(String key, String value) {
        return l -> value.equals(l.get(key));
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return null;
        }
        Map<String, String> labels = Map.of();
        String name;
        String rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int[] end = {0};
            labels = labels(line, brace + 1, end);
            if (labels == null) {
                return null;
            }
            rest = line.substring(end[0]).strip();
        } else {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        }
        String value = rest.split("\\s+")[0];
        try {
            return new Sample(name, labels, Double.parseDouble(value.replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses {@code key="value",...}} from {@code i}; sets {@code end[0]} past the closing brace. */
    private static Map<String, String> labels(String line, int i, int[] end) {
        Map<String, String> out = new LinkedHashMap<>();
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                end[0] = i + 1;
                return out;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return null;
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char n = line.charAt(++j);
                    value.append(n == 'n' ? '\n' : n);
                } else {
                    value.append(v);
                }
                j++;
            }
            out.put(line.substring(i, eq).strip(), value.toString());
            i = j + 1;
        }
        return null;
    }
}
