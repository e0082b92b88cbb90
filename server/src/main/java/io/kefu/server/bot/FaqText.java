package io.kefu.server.bot;

import java.util.Arrays;

/**
 * How the bot reads text. Folding: full-width forms ({@code ＡＢＣ１２３？}) become half-width, the ideographic
 * space a space, letters lower case; every run of spaces, punctuation, symbols and emoji becomes one
 * separator. Terms, from the folded text: for Chinese (and other scripts written without spaces: kana,
 * hangul) every character and every pair of neighbouring characters; for Latin text every word, a final
 * plural {@code s} dropped. Each term is a {@code long} key (a character pair exactly, a word by a 56-bit
 * hash), so a query is analysed without making strings.
 *
 * <p>Terms differ in worth before any statistics: a pair of characters weighs {@value #PAIR}, one
 * character {@value #SINGLE} (it lets {@code 怎么退货} meet {@code 如何退换货}, which share no pair), a word
 * {@value #WORD}; particles, pronouns and greetings ({@code 的 吗 您好 请问 the is please}) weigh
 * {@value #FILLER} of that. The tables are built once and never written again; every method is stateless
 * and safe on any thread.
 */
final class FaqText {
    static final char SEPARATOR = ' ';
    static final byte SKIP = 0;
    static final byte CJK = 1;
    static final byte LATIN = 2;

    static final double PAIR = 1.0;
    static final double SINGLE = 0.4;
    static final double WORD = 1.0;
    static final double FILLER = 0.15;

    private static final long KIND_SINGLE = 1L << 56;
    private static final long KIND_PAIR = 2L << 56;
    private static final long KIND_WORD = 3L << 56;
    private static final long HASH_BITS = (1L << 56) - 1;

    /** The folded char of every BMP char. */
    private static final char[] FOLD = new char[65_536];
    /** {@link #SKIP}, {@link #CJK} or {@link #LATIN} for every folded char. */
    private static final byte[] KIND = new byte[65_536];

    private static final String FILLER_CHARS = "的了吗呢吧啊呀哦嗯么我你您他她它是在有这那个和就都也还要请问一下能可以会想亲好谢哈";
    private static final String[] FILLER_PAIRS = {"你好", "您好", "请问", "一下", "谢谢", "在吗", "我想", "想问", "问一",
        "亲亲", "麻烦", "我的", "你们", "我们", "可以", "怎么", "如何", "什么", "是不", "不是", "能不", "不能", "一个", "这个"};
    private static final String[] FILLER_WORDS = {"a", "an", "the", "i", "me", "my", "we", "our", "you", "your", "it",
        "its", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "can",
        "could", "would", "should", "will", "to", "of", "in", "on", "at", "for", "from", "by", "with", "about",
        "and", "or", "so", "this", "that", "there", "here", "please", "hi", "hello", "hey", "thank", "thanks", "ok",
        "okay", "just", "want", "need", "get", "u"};
    /** Sorted keys of the filler terms. */
    private static final long[] FILLERS;

    static {
        for (int c = 0; c < FOLD.length; c++) {
            char f = foldChar((char) c);
            FOLD[c] = f;
            KIND[c] = kindOf(f);
        }
        long[] keys = new long[FILLER_CHARS.length() + FILLER_PAIRS.length + FILLER_WORDS.length];
        int n = 0;
        for (int i = 0; i < FILLER_CHARS.length(); i++) {
            keys[n++] = single(FILLER_CHARS.charAt(i));
        }
        for (String p : FILLER_PAIRS) {
            keys[n++] = pair(p.charAt(0), p.charAt(1));
        }
        for (String w : FILLER_WORDS) {
            keys[n++] = word(w.toCharArray(), 0, w.length());
        }
        Arrays.sort(keys);
        FILLERS = keys;
    }

    /** Receives the terms of a text, repeats included. */
    interface TermSink {
        void term(long key);
    }

    private FaqText() {
    }

    /** The folded text with separators collapsed to single spaces and none at either end. */
    static String compact(String text) {
        char[] out = new char[text.length()];
        return new String(out, 0, compactInto(text, text.length(), out));
    }

    /**
     * Writes the compact folded form of at most {@code maxChars} chars of {@code text} into {@code out}
     * (at least {@code maxChars} long); returns its length.
     */
    static int compactInto(String text, int maxChars, char[] out) {
        int n = 0;
        int len = Math.min(text.length(), maxChars);
        boolean gap = false;
        for (int i = 0; i < len; i++) {
            char f = FOLD[text.charAt(i)];
            if (KIND[f] == SKIP) {
                gap = n > 0;
                continue;
            }
            if (gap) {
                out[n++] = SEPARATOR;
                gap = false;
            }
            out[n++] = f;
        }
        return n;
    }

    static byte kind(char folded) {
        return KIND[folded];
    }

    /** Sends every term of a compact text to {@code sink}, in order, repeats included. */
    static void terms(char[] text, int len, TermSink sink) {
        int i = 0;
        while (i < len) {
            byte k = KIND[text[i]];
            int end = i + 1;
            while (end < len && KIND[text[end]] == k) {
                end++;
            }
            if (k == CJK) {
                for (int j = i; j < end; j++) {
                    sink.term(single(text[j]));
                    if (j + 1 < end) {
                        sink.term(pair(text[j], text[j + 1]));
                    }
                }
            } else if (k == LATIN) {
                sink.term(word(text, i, end));
            }
            i = end;
        }
    }

    /** A term's worth before statistics: {@link #PAIR}, {@link #SINGLE} or {@link #WORD}, or a share for fillers. */
    static double base(long key) {
        long kind = key & ~HASH_BITS;
        double base = kind == KIND_PAIR ? PAIR : kind == KIND_SINGLE ? SINGLE : WORD;
        return Arrays.binarySearch(FILLERS, key) >= 0 ? base * FILLER : base;
    }

    /** Whether the term is a particle, pronoun or greeting ({@link #FILLER} of its kind's worth). */
    static boolean isFiller(long key) {
        return Arrays.binarySearch(FILLERS, key) >= 0;
    }

    static long single(char c) {
        return KIND_SINGLE | c;
    }

    static long pair(char a, char b) {
        return KIND_PAIR | ((long) a << 16) | b;
    }

    /** A word's key: FNV-1a over its chars, without a plural {@code s} (refunds = refund, but not address). */
    static long word(char[] text, int from, int to) {
        int end = to;
        if (end - from > 3 && text[end - 1] == 's' && text[end - 2] != 's') {
            end--;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < end; i++) {
            h ^= text[i];
            h *= 0x100000001b3L;
        }
        return KIND_WORD | (h & HASH_BITS);
    }

    private static char foldChar(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        } else if (c == '\u3000') {
            return SEPARATOR;
        }
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.isSurrogate(c) ? c : Character.toLowerCase(c);
    }

    private static byte kindOf(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? LATIN : SKIP;
        }
        if (Character.isSurrogate(c)) {
            return SKIP; // emoji and rare ideographs beyond the BMP
        }
        if (Character.isIdeographic(c)) {
            return CJK;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL) {
            return Character.isLetter(c) ? CJK : SKIP;
        }
        return Character.isLetterOrDigit(c) ? LATIN : SKIP;
    }
}
