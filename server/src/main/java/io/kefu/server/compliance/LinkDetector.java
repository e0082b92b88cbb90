package io.kefu.server.compliance;

/**
 * E-mail addresses and outside links, read from the original text through {@link TextNormalizer#light} (the
 * punctuation that the skeleton drops is what these are made of). Links are {@code http(s)://...},
 * {@code www.} hosts, and domain-like tokens ending in a common top-level domain ({@code taobao.com},
 * {@code abc.top}); for the commonest TLDs also the spelled-out dot: {@code abc 点 com}, {@code abc(dot)com},
 * {@code abc 。com}, {@code abc . com}. A link to a host the {@link DomainAllowlist} allows is skipped.
 * Stateless; safe on any thread.
 */
final class LinkDetector {
    /** TLDs a domain-like token may end in. Not: cm, kg, ml, mm (units), wang (a surname), ltd (Co.Ltd). */
    private static final String[] TLDS = {"com", "cn", "net", "org", "top", "xyz", "cc", "vip", "shop",
            "info", "io", "me", "co", "tk", "club", "site", "online", "link", "app", "biz", "tv", "hk", "tw",
            "icu", "live", "fun", "store", "tech", "pub", "work", "mobi", "asia", "cloud", "space", "website", "life",
            "ink", "red", "kim", "pro", "ren", "sbs", "cyou", "bond", "xin", "jp", "kr", "ru", "de", "uk", "us", "fr",
            "sg", "mo", "edu", "gov"};
    /** TLDs common enough that a spelled-out or spaced dot before them still makes a link. */
    private static final String[] STRONG_TLDS = {"com", "cn", "net", "org", "top", "xyz", "vip", "cc"};

    private LinkDetector() {
    }

    /** Finds the first e-mail address at or after text index {@code from}. */
    static boolean findEmail(String text, int from, ContactMatch m) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '@' && c != '＠') {
                continue;
            }
            int localStart = localPartStart(text, skipBlanksBack(text, i - 1));
            int domainEnd = domainEnd(text, skipBlanks(text, i + 1));
            if (localStart >= 0 && domainEnd > 0) {
                m.set(localStart, domainEnd, localStart, domainEnd, domainEnd);
                return true;
            }
        }
        return false;
    }

    /** Finds the first link at or after text index {@code from} whose host {@code allow} does not allow. */
    static boolean findUrl(String text, int from, ContactMatch m, String shopId, DomainAllowlist allow) {
        int i = from;
        while (i < text.length()) {
            char c = TextNormalizer.light(text.charAt(i));
            boolean found = (c == 'h' && scheme(text, i, m)) || (c == 'w' && www(text, i, m))
                    || ((c == '.' || c == '点' || c == '(' || c == '[' || c == ' ') && dotted(text, i, m));
            if (found) {
                if (allow == DomainAllowlist.NONE || !allow.allows(shopId, host(text, m))) {
                    return true;
                }
                i = m.resume;
            } else {
                i++;
            }
        }
        return false;
    }

    /** {@code http://} or {@code https://}, spaces allowed between the letters, then everything up to a space. */
    private static boolean scheme(String text, int i, ContactMatch m) {
        if (i > 0 && isLabelChar(TextNormalizer.light(text.charAt(i - 1)))) {
            return false;
        }
        int p = expect(text, i, "http");
        if (p < 0) {
            return false;
        }
        int s = expect(text, skipBlanks(text, p), "s");
        p = expect(text, skipBlanks(text, s >= 0 ? s : p), "://");
        if (p < 0) {
            return false;
        }
        int hostStart = skipBlanks(text, p);
        int end = hostStart;
        while (end < text.length() && isUrlChar(TextNormalizer.light(text.charAt(end)))) {
            end++;
        }
        if (end == hostStart) {
            return false;
        }
        m.set(i, end, hostStart, end, end);
        return true;
    }

    /** {@code www.} followed by a host. */
    private static boolean www(String text, int i, ContactMatch m) {
        if (i > 0 && isLabelChar(TextNormalizer.light(text.charAt(i - 1)))) {
            return false;
        }
        int p = expect(text, i, "www");
        if (p < 0 || p >= text.length() || TextNormalizer.light(text.charAt(p)) != '.') {
            return false;
        }
        int end = p + 1;
        while (end < text.length() && isUrlChar(TextNormalizer.light(text.charAt(end)))) {
            end++;
        }
        if (end == p + 1) {
            return false;
        }
        m.set(i, end, i, end, end);
        return true;
    }

    /**
     * A dot (or a spelled-out one) at {@code i} with a label before it and a known TLD after it:
     * {@code abc.com}, {@code m.abc.com.cn/x}. A dot with blanks around it, an ideographic one or a spelled-out
     * one ({@code abc 点 com}) counts only before a {@link #STRONG_TLDS strong TLD} and after a label with a letter.
     */
    private static boolean dotted(String text, int i, ContactMatch m) {
        int dotEnd = dotEnd(text, i);
        if (dotEnd < 0) {
            return false;
        }
        int labelEnd = skipBlanksBack(text, i - 1) + 1;
        int tldStart = skipBlanks(text, dotEnd);
        char dot = text.charAt(i);
        boolean plain = (dot == '.' || dot == '．') && labelEnd == i && tldStart == dotEnd;
        int start = labelEnd;
        boolean letter = false;
        while (start > 0 && isLabelChar(TextNormalizer.light(text.charAt(start - 1)))) {
            letter |= TextNormalizer.isLetter(TextNormalizer.light(text.charAt(start - 1)));
            start--;
        }
        boolean afterAt = start > 0 && TextNormalizer.light(text.charAt(start - 1)) == '@';
        if (start == labelEnd || (!plain && !letter) || afterAt) {
            return false;
        }
        while (start > 1 && TextNormalizer.light(text.charAt(start - 1)) == '.'
                && isLabelChar(TextNormalizer.light(text.charAt(start - 2)))) {
            start -= 2;
            while (start > 0 && isLabelChar(TextNormalizer.light(text.charAt(start - 1)))) {
                start--;
            }
        }
        int tldEnd = tldStart;
        while (tldEnd < text.length() && TextNormalizer.isLetter(TextNormalizer.light(text.charAt(tldEnd)))) {
            tldEnd++;
        }
        if (tldEnd < text.length() && isLabelChar(TextNormalizer.light(text.charAt(tldEnd)))) {
            return false;
        }
        if (!inList(text, tldStart, tldEnd, plain ? TLDS : STRONG_TLDS)) {
            return false;
        }
        int end = tldEnd;
        while (end < text.length() && isUrlChar(TextNormalizer.light(text.charAt(end)))) {
            end++;
        }
        m.set(start, end, start, end, end);
        return true;
    }

    /** Whether {@code text[from, to)}, lower-cased, is one of {@code words}; allocates nothing. */
    private static boolean inList(String text, int from, int to, String[] words) {
        for (String w : words) {
            if (w.length() != to - from) {
                continue;
            }
            int k = 0;
            while (k < w.length() && TextNormalizer.light(text.charAt(from + k)) == w.charAt(k)) {
                k++;
            }
            if (k == w.length()) {
                return true;
            }
        }
        return false;
    }

    /** The end of a dot at {@code i}: {@code .}, {@code 。}, {@code 点}, {@code (dot)}, {@code [dot]}, {@code " dot "}. */
    private static int dotEnd(String text, int i) {
        char c = TextNormalizer.light(text.charAt(i));
        if (c == '.' || c == '点') {
            return i + 1;
        }
        int p = expect(text, i + 1, "dot");
        if (p < 0 || p >= text.length()) {
            return -1;
        }
        char close = TextNormalizer.light(text.charAt(p));
        boolean ok = (c == '(' && close == ')') || (c == '[' && close == ']') || (c == ' ' && close == ' ');
        return ok && text.charAt(i + 1) != ' ' ? p + 1 : -1;
    }

    /** The start of an e-mail local part ending at {@code end} (inclusive), or -1. */
    private static int localPartStart(String text, int end) {
        int s = end + 1;
        boolean alnum = false;
        while (s > 0) {
            char c = TextNormalizer.light(text.charAt(s - 1));
            if (!(TextNormalizer.isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%')) {
                break;
            }
            alnum |= TextNormalizer.isAlnum(c);
            s--;
        }
        return alnum ? s : -1;
    }

    /** The end of a domain {@code label(.label)+} starting at {@code p} whose last label is 2–10 letters, or -1. */
    private static int domainEnd(String text, int p) {
        int i = p;
        int labels = 0;
        int lastLabelStart = -1;
        while (true) {
            int s = i;
            while (i < text.length() && isLabelChar(TextNormalizer.light(text.charAt(i)))) {
                i++;
            }
            if (i == s) {
                break;
            }
            labels++;
            lastLabelStart = s;
            int next = skipBlanks(text, i);
            if (next < text.length() && TextNormalizer.light(text.charAt(next)) == '.') {
                int after = skipBlanks(text, next + 1);
                if (after < text.length() && isLabelChar(TextNormalizer.light(text.charAt(after)))) {
                    i = after;
                    continue;
                }
            }
            break;
        }
        if (labels < 2) {
            return -1;
        }
        boolean letters = i - lastLabelStart >= 2 && i - lastLabelStart <= 10;
        for (int k = lastLabelStart; k < i && letters; k++) {
            letters = TextNormalizer.isLetter(TextNormalizer.light(text.charAt(k)));
        }
        return letters ? i : -1;
    }

    /** The host of a found link, lower case, for the allowlist. */
    private static String host(String text, ContactMatch m) {
        StringBuilder b = new StringBuilder();
        for (int i = m.detailStart; i < m.detailEnd; i++) {
            char c = TextNormalizer.light(text.charAt(i));
            if (c == '/' || c == ':' || c == '?' || c == '#') {
                break;
            }
            if (!TextNormalizer.isBlank(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Matches {@code word} (lower case ASCII) at {@code i}, blanks allowed between its chars; the end, or -1. */
    private static int expect(String text, int i, String word) {
        int p = i;
        for (int k = 0; k < word.length(); k++) {
            if (k > 0) {
                p = skipBlanks(text, p);
            }
            if (p >= text.length() || TextNormalizer.light(text.charAt(p)) != word.charAt(k)) {
                return -1;
            }
            p++;
        }
        return p;
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && TextNormalizer.isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipBlanksBack(String text, int i) {
        while (i >= 0 && TextNormalizer.isBlank(text.charAt(i))) {
            i--;
        }
        return i;
    }

    private static boolean isLabelChar(char c) {
        return TextNormalizer.isAlnum(c) || c == '-';
    }

    private static boolean isUrlChar(char c) {
        return c > ' ' && c < 0x7F && c != '"' && c != '\'' && c != '<' && c != '>' && c != '(' && c != ')'
                && c != ',' && c != ';' && c != '!';
    }
}
