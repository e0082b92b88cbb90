package io.kefu.server.compliance;

/**
 * Chinese mobile numbers: eleven digits {@code 1[3-9]xxxxxxxxx}, optionally after {@code 86} or {@code 0086}
 * ({@code +86} reads the same once the {@code +} is dropped), written in any digits the
 * {@link TextNormalizer} folds and with anything but a {@link TextNormalizer#NUMBER_BREAK} between them. A
 * run of digits counts only as a whole: the eleven digits inside an 18-digit order number are not a phone
 * number, and neither is a run glued to letters before it ({@code SF13812345678}: a tracking number).
 * Landlines and 400 numbers are not detected. Stateless.
 */
final class PhoneDetector {
    private PhoneDetector() {
    }

    /** Finds the first number at or after skeleton index {@code from}. */
    static boolean find(Skeleton sk, int from, ContactMatch m) {
        char[] ch = sk.chars;
        byte[] gaps = sk.gaps;
        int n = sk.length;
        int i = from;
        while (i < n) {
            if (!TextNormalizer.isDigit(ch[i])) {
                i++;
                continue;
            }
            int start = i;
            int j = i + 1;
            while (j < n && TextNormalizer.isDigit(ch[j]) && (gaps[j] & TextNormalizer.NUMBER_BREAK) == 0) {
                j++;
            }
            if (isMobile(ch, start, j - start) && !gluedToLetters(sk, start)) {
                m.set(sk.startOf(start), sk.endOf(j - 1), sk.startOf(start), sk.endOf(j - 1), j);
                return true;
            }
            i = j;
        }
        return false;
    }

    private static boolean isMobile(char[] ch, int start, int length) {
        int at;
        if (length == 11) {
            at = start;
        } else if (length == 13 && ch[start] == '8' && ch[start + 1] == '6') {
            at = start + 2;
        } else if (length == 15 && ch[start] == '0' && ch[start + 1] == '0' && ch[start + 2] == '8'
                && ch[start + 3] == '6') {
            at = start + 4;
        } else {
            return false;
        }
        return ch[at] == '1' && ch[at + 1] >= '3' && ch[at + 1] <= '9';
    }

    private static boolean gluedToLetters(Skeleton sk, int start) {
        return start > 0 && sk.gaps[start] == 0 && TextNormalizer.isLetter(sk.chars[start - 1]);
    }
}
