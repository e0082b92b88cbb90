package io.kefu.server.compliance;

import java.util.Map;

/**
 * Folds a text into the {@link Skeleton} the matchers read, seeing through the usual evasions:
 * <ul>
 *   <li>full-width letters and digits ({@code ＡＢ１２}) become ASCII, and letters lower case;</li>
 *   <li>digits in any form become ASCII digits: Chinese ({@code 一二三}, {@code 零〇}, {@code 幺}), financial
 *       ({@code 壹贰叁}), circled or parenthesised ({@code ①⑴⒈❶➀}), other scripts' decimal digits and the
 *       mathematical bold and double-struck ones;</li>
 *   <li>circled and squared letters, mathematical alphanumerics and the Cyrillic and Greek letters that look
 *       like Latin ones become ASCII letters;</li>
 *   <li>spaces, punctuation, symbols, emoji and invisible characters are dropped, and only remembered as a
 *       gap before the next kept char: {@link #SOFT} for any of them, {@link #HARD} for a line break or the
 *       end of a sentence ({@code 。！？!?;}), {@link #NUMBER_BREAK} for what separates two numbers in ordinary
 *       text rather than the digits of one (a currency sign, {@code %}, a time's {@code :}, a decimal point
 *       followed by one or two digits).</li>
 * </ul>
 * Ideographs and other letters are kept as they are. The tables are built once and never written again;
 * every method is stateless and safe on any thread.
 */
final class TextNormalizer {
    /** Spaces, punctuation, symbols or emoji were skipped. */
    static final byte SOFT = 1;
    /** A line break or a sentence end was skipped. */
    static final byte HARD = 2;
    /** Something that ends a number in ordinary text (price, time, percentage) was skipped. */
    static final byte NUMBER_BREAK = 4;

    /** The folded char of every BMP char, or 0 where the char is dropped. */
    private static final char[] FOLD = new char[65_536];
    /** For a dropped char, the gap flags it leaves. */
    private static final byte[] GAP = new byte[65_536];

    private static final Map<Character, Character> CHINESE_DIGITS = Map.ofEntries(
            Map.entry('零', '0'), Map.entry('〇', '0'),
            Map.entry('一', '1'), Map.entry('幺', '1'), Map.entry('壹', '1'), Map.entry('弌', '1'),
            Map.entry('二', '2'), Map.entry('贰', '2'), Map.entry('貳', '2'), Map.entry('弍', '2'),
            Map.entry('三', '3'), Map.entry('叁', '3'), Map.entry('參', '3'), Map.entry('弎', '3'),
            Map.entry('四', '4'), Map.entry('肆', '4'),
            Map.entry('五', '5'), Map.entry('伍', '5'),
            Map.entry('六', '6'), Map.entry('陆', '6'), Map.entry('陸', '6'),
            Map.entry('七', '7'), Map.entry('柒', '7'),
            Map.entry('八', '8'), Map.entry('捌', '8'),
            Map.entry('九', '9'), Map.entry('玖', '9'));

    /** Cyrillic and Greek letters drawn like Latin ones. */
    private static final String LOOKALIKES_FROM = "аеорсухіјѕԁԛԝАВЕКМНОРСТХУІЈЅοαντкмвнΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
    private static final String LOOKALIKES_TO = "aeopcyxijsdqwabekmhopctxyijsoavtkmbhabezhikmnoptyx";

    static {
        for (int c = 0; c < FOLD.length; c++) {
            classify((char) c);
        }
    }

    private TextNormalizer() {
    }

    /** Fills {@code out} with the skeleton of {@code text}; {@code out} must hold {@code text.length()} chars. */
    static void normalize(String text, Skeleton out) {
        char[] chars = out.chars;
        int[] origin = out.origin;
        byte[] gaps = out.gaps;
        int n = 0;
        int gap = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            char f = FOLD[c];
            int at = i;
            if (f == 0 && Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                f = foldAstral(Character.toCodePoint(c, text.charAt(i + 1)));
                i++;
            }
            if (f == 0) {
                gap |= GAP[c];
                if ((c == '.' || c == '．') && n > 0 && isDigit(chars[n - 1]) && decimalFollows(text, i + 1)) {
                    gap |= NUMBER_BREAK;
                }
                continue;
            }
            chars[n] = f;
            origin[n] = at;
            gaps[n] = (byte) gap;
            gap = 0;
            n++;
        }
        out.text = text;
        out.length = n;
    }

    /** The folded form of a pattern, a trigger word or an alias: its skeleton chars as a string. */
    static String fold(String s) {
        Skeleton sk = new Skeleton(s.length());
        normalize(s, sk);
        return new String(sk.chars, 0, sk.length);
    }

    /**
     * The light fold the e-mail and link detectors read the original text with: full-width ASCII as ASCII,
     * letters lower case, the ideographic full stops as {@code '.'}; every other char as it is.
     */
    static char light(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (c >= 0xFF01 && c <= 0xFF5E) {
            return light((char) (c - 0xFEE0));
        }
        return c == '。' || c == '｡' ? '.' : c;
    }

    /** Whether the light fold skips this char between the parts of an address: spaces and invisible chars. */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u200C'
                || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
    }

    /** Whether the skeleton keeps this char (a letter, digit or ideograph in any form). */
    static boolean keeps(char c) {
        return FOLD[c] != 0;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** A folded ASCII letter or digit. */
    static boolean isAlnum(char c) {
        return isDigit(c) || isLetter(c);
    }

    /** One or two digits after a point, then no more: the point is a decimal point (¥19.90, 3.5). */
    private static boolean decimalFollows(String text, int from) {
        int digits = 0;
        int i = from;
        while (i < text.length() && isDigit(FOLD[text.charAt(i)]) && digits < 3) {
            digits++;
            i++;
        }
        return digits >= 1 && digits <= 2;
    }

    private static void classify(char c) {
        if (Character.isSurrogate(c)) {
            drop(c, SOFT); // emoji and other symbols beyond the BMP; letters and digits there are folded apart
            return;
        }
        char a = c >= 0xFF01 && c <= 0xFF5E ? (char) (c - 0xFEE0) : c;
        if (a < 0x80) {
            classifyAscii(c, a);
            return;
        }
        Character digit = CHINESE_DIGITS.get(a);
        int type = Character.getType(a);
        int lookalike = LOOKALIKES_FROM.indexOf(a);
        if (digit != null) {
            keep(c, digit);
        } else if (type == Character.DECIMAL_DIGIT_NUMBER || type == Character.OTHER_NUMBER) {
            int v = Character.getNumericValue(a);
            if (v >= 0 && v <= 9) {
                keep(c, (char) ('0' + v));
            } else {
                drop(c, SOFT);
            }
        } else if (a >= 'Ⓐ' && a <= 'Ⓩ') {
            keep(c, (char) ('a' + (a - 'Ⓐ')));
        } else if (a >= 'ⓐ' && a <= 'ⓩ') {
            keep(c, (char) ('a' + (a - 'ⓐ')));
        } else if (lookalike >= 0) {
            keep(c, LOOKALIKES_TO.charAt(lookalike));
        } else if (a == '。' || a == '｡' || a == '\u2028' || a == '\u2029' || a == '\u0085') {
            drop(c, HARD);
        } else if (a == '¥' || a == '￥' || a == '€' || a == '£' || a == '‰' || a == '﹪' || a == '﹕') {
            drop(c, (byte) (SOFT | NUMBER_BREAK));
        } else if (Character.isLetter(a) || Character.isIdeographic(a)) {
            keep(c, Character.toLowerCase(a));
        } else {
            drop(c, SOFT); // spaces, punctuation, symbols, marks, emoji, invisible format chars
        }
    }

    private static void classifyAscii(char c, char a) {
        if (a >= 'A' && a <= 'Z') {
            keep(c, (char) (a + 32));
        } else if (isLetter(a) || isDigit(a)) {
            keep(c, a);
        } else if (a == '\n' || a == '\r' || a == '!' || a == '?' || a == ';') {
            drop(c, HARD);
        } else if (a == ':' || a == '$' || a == '%') {
            drop(c, (byte) (SOFT | NUMBER_BREAK));
        } else {
            drop(c, SOFT);
        }
    }

    private static void keep(char c, char folded) {
        FOLD[c] = folded;
    }

    private static void drop(char c, byte gap) {
        FOLD[c] = 0;
        GAP[c] = gap;
    }

    /** Letters and digits beyond the BMP that spell Latin: mathematical alphanumerics, squared and circled letters. */
    static char foldAstral(int cp) {
        if (cp >= 0x1D7CE && cp <= 0x1D7FF) {
            return (char) ('0' + (cp - 0x1D7CE) % 10);
        }
        if (cp >= 0x1D400 && cp <= 0x1D6A3) {
            int k = (cp - 0x1D400) % 52;
            return (char) ('a' + (k < 26 ? k : k - 26));
        }
        if (cp >= 0x1F130 && cp <= 0x1F149) {
            return (char) ('a' + (cp - 0x1F130));
        }
        if (cp >= 0x1F150 && cp <= 0x1F169) {
            return (char) ('a' + (cp - 0x1F150));
        }
        if (cp >= 0x1F170 && cp <= 0x1F189) {
            return (char) ('a' + (cp - 0x1F170));
        }
        if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            return (char) ('a' + (cp - 0x1F1E6));
        }
        return 0;
    }
}
