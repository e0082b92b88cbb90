package io.kefu.server.compliance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The excerpt an audit entry keeps: the matched span with up to {@value #CONTEXT} chars either side, in
 * which every contact detail any detector finds, and every run of seven or more digits, is masked down to
 * its first two and last two letters or digits ({@code 加我微信 ab****89}). So the audit log shows what was
 * said without storing anybody's contact details. Stateless; runs on the caller's thread (only for
 * messages a rule matched).
 */
final class Excerpts {
    static final int CONTEXT = 20;
    static final int MAX_CHARS = 200;
    static final String MASK = "****";
    private static final int LONG_DIGIT_RUN = 7;
    /** Details shorter than this are masked whole. */
    private static final int SHOWN_FROM = 8;

    private Excerpts() {
    }

    /** The masked excerpt of {@code text} around {@code [start, end)}. */
    static String of(String text, int start, int end, ContactDetectors detectors, String shopId) {
        List<int[]> regions = merge(regions(text, detectors, shopId));
        int from = Math.max(0, start - CONTEXT);
        int to = Math.min(text.length(), end + CONTEXT);
        for (int[] r : regions) {
            if (r[0] < from && r[1] > from) {
                from = r[0];
            }
            if (r[0] < to && r[1] > to) {
                to = r[1];
            }
        }
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from--;
        }
        if (to < text.length() && to > 0 && Character.isHighSurrogate(text.charAt(to - 1))) {
            to++;
        }
        StringBuilder out = new StringBuilder(to - from + 8);
        if (from > 0) {
            out.append('…');
        }
        int i = from;
        int next = 0;
        while (i < to) {
            while (next < regions.size() && regions.get(next)[1] <= i) {
                next++;
            }
            if (next < regions.size() && regions.get(next)[0] <= i) {
                int[] r = regions.get(next);
                out.append(masked(text, r[0], r[1]));
                i = r[1];
            } else {
                out.append(text.charAt(i++));
            }
        }
        if (to < text.length()) {
            out.append('…');
        }
        return out.length() <= MAX_CHARS ? out.toString() : out.substring(0, MAX_CHARS - 1) + "…";
    }

    /**
     * {@code abc12389} → {@code ab****89}: the first two and last two letters or digits around a mask; a detail
     * of fewer than {@value #SHOWN_FROM} letters or digits is masked whole, as four would give most of it away.
     */
    static String masked(String text, int from, int to) {
        int[] kept = new int[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (TextNormalizer.isAlnum(TextNormalizer.light(text.charAt(i))) || TextNormalizer.keeps(text.charAt(i))) {
                kept[n++] = i;
            }
        }
        if (n < SHOWN_FROM) {
            return MASK;
        }
        return text.substring(kept[0], kept[1] + 1) + MASK + text.substring(kept[n - 2], kept[n - 1] + 1);
    }

    private static List<int[]> regions(String text, ContactDetectors detectors, String shopId) {
        Skeleton sk = new Skeleton(text.length());
        TextNormalizer.normalize(text, sk);
        List<int[]> regions = new ArrayList<>();
        ContactMatch m = new ContactMatch();
        for (ContactKind kind : ContactKind.values()) {
            int from = 0;
            while (detectors.find(kind, sk, from, m, shopId)) {
                if (m.detailEnd > m.detailStart) {
                    regions.add(new int[] {m.detailStart, m.detailEnd});
                }
                from = Math.max(m.resume, from + 1);
            }
        }
        longDigitRuns(sk, regions);
        return regions;
    }

    private static void longDigitRuns(Skeleton sk, List<int[]> regions) {
        int k = 0;
        while (k < sk.length) {
            if (!TextNormalizer.isDigit(sk.chars[k])) {
                k++;
                continue;
            }
            int j = k + 1;
            while (j < sk.length && TextNormalizer.isDigit(sk.chars[j]) && (sk.gaps[j] & TextNormalizer.HARD) == 0) {
                j++;
            }
            if (j - k >= LONG_DIGIT_RUN) {
                regions.add(new int[] {sk.startOf(k), sk.endOf(j - 1)});
            }
            k = j;
        }
    }

    private static List<int[]> merge(List<int[]> regions) {
        regions.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : regions) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        return merged;
    }
}
