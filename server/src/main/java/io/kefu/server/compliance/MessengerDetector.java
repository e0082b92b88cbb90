package io.kefu.server.compliance;

/**
 * WeChat and QQ: a messenger's name, in any of its spellings, that either gives an id or invites the reader
 * over. It fires when the name ({@code 微信}, {@code 威信}, {@code V信}, {@code vx}, {@code wx}, {@code weixin};
 * {@code QQ}, {@code 扣扣}, {@code 企鹅}...) is
 * <ul>
 *   <li>followed by an id, perhaps after {@code 号}, {@code 是} or a colon: for WeChat 6–20 letters and digits
 *       (an all-digit one only if it is 5–11 digits and not a date), for QQ 5–11 digits;</li>
 *   <li>or invited to: a trigger word shortly before ({@code 加我}, {@code 搜}, {@code 联系}, {@code 扫}, {@code +})
 *       that is not negated ({@code 不能加}, {@code 请勿添加}), or one shortly after ({@code 联系}, {@code 聊},
 *       {@code 同号}, {@code 多少}, {@code 群}) — unless a payment word is glued to the name
 *       ({@code 微信支付}, {@code QQ钱包}).</li>
 * </ul>
 * Short forms that are ordinary words or letters elsewhere ({@code v}, {@code 微}, {@code q}) count only right
 * after a trigger ({@code 加V}, {@code 加微 abc123}) or with a colon or {@code 号} before an id ({@code V：abc123});
 * {@code 企鹅} counts only with a number. Stateless;
 * safe on any thread.
 */
final class MessengerDetector {
    private static final WordSet PRE_TRIGGERS = new WordSet("加", "添加", "搜", "搜索", "联系", "私", "找", "扫", "留",
            "关注");
    private static final WordSet POST_TRIGGERS = new WordSet("加", "搜", "联系", "聊", "找", "私", "沟通", "详谈",
            "同号", "多少", "发你", "发给", "给你", "告诉", "群", "公众号", "小号");
    /** What may stand between a trigger and the name: 加[我的]微信, 加[一下]微信, 加[客服]微信. */
    private static final WordSet FILLERS = new WordSet("我", "的", "个", "一", "下", "您", "你", "他", "她", "人", "们",
            "上", "小", "客", "服", "老", "板", "店", "主", "本", "私");
    private static final WordSet NEGATIONS = new WordSet("不", "勿", "别", "没", "无", "禁", "莫", "免", "拒");
    private static final WordSet PAYMENT = new WordSet("支付", "付", "转账", "转", "红包", "钱包", "收款", "买单", "结账",
            "零钱", "提现", "扫码", "到账", "退款", "退回", "充值", "分付", "pay");
    private static final WordSet LEADS = new WordSet("号码", "号", "账号", "帐号", "id", "名");
    private static final WordSet COPULAS = new WordSet("是", "为", "叫", "就是");
    private static final WordSet PARTICLES = new WordSet("吧", "呀", "啊", "哦", "哈", "呢", "吗", "么", "哟", "噢",
            "嘛", "喔", "哇");
    private static final int PRE_WINDOW = 4;
    private static final int POST_WINDOW = 5;

    static final MessengerDetector WECHAT = new MessengerDetector(false,
            new WordSet("微信", "威信", "维信", "薇信", "徽信", "微心", "喂信", "魏信", "危信", "嶶信", "溦信", "徴信",
                    "v信", "vx", "wx", "weixin", "wechat", "微x", "wei信", "威x", "薇x", "v芯", "微芯"),
            new WordSet(),
            new WordSet("v", "微", "薇", "wei"));
    static final MessengerDetector QQ = new MessengerDetector(true,
            new WordSet("qq", "扣扣", "抠抠", "蔻蔻", "寇寇", "叩叩"),
            new WordSet("企鹅"),
            new WordSet("q", "扣"));

    private final boolean digitsOnly;
    private final WordSet names;
    private final WordSet numberOnlyNames;
    private final WordSet shortNames;

    private MessengerDetector(boolean digitsOnly, WordSet names, WordSet numberOnlyNames, WordSet shortNames) {
        this.digitsOnly = digitsOnly;
        this.names = names;
        this.numberOnlyNames = numberOnlyNames;
        this.shortNames = shortNames;
    }

    /** Finds the first id or invitation at or after skeleton index {@code from}. */
    boolean find(Skeleton sk, int from, ContactMatch m) {
        for (int k = from; k < sk.length; k++) {
            int len = names.at(sk, k);
            int kind = 0;
            if (len == 0 && (len = numberOnlyNames.at(sk, k)) > 0) {
                kind = 1;
            }
            if (len == 0 && (len = shortNames.at(sk, k)) > 0) {
                kind = 2;
            }
            if (len > 0 && asciiBounded(sk, k, k + len, kind == 2) && tryAt(sk, k, k + len, kind, m)) {
                return true;
            }
        }
        return false;
    }

    /** A name in Latin letters must not be the middle of a word: {@code usb}, {@code vip} are not names. */
    private static boolean asciiBounded(Skeleton sk, int start, int end, boolean shortName) {
        char first = sk.chars[start];
        if (TextNormalizer.isAlnum(first) && start > 0 && sk.gaps[start] == 0
                && TextNormalizer.isAlnum(sk.chars[start - 1])) {
            return false;
        }
        return !shortName || !TextNormalizer.isLetter(sk.chars[end - 1]) || end >= sk.length || sk.gaps[end] != 0
                || !TextNormalizer.isLetter(sk.chars[end]);
    }

    /** kind: 0 a full name, 1 a name that counts only with a number, 2 a short name that needs a trigger. */
    private boolean tryAt(Skeleton sk, int start, int nameEnd, int kind, ContactMatch m) {
        int lead = leadEnd(sk, nameEnd);
        boolean marked = lead > nameEnd || colonBefore(sk, lead);
        int trigger = preTrigger(sk, start);
        boolean invited = trigger >= 0 || plusBefore(sk, start);
        int tokenEnd = digitsOnly ? qqNumberEnd(sk, lead) : wechatIdEnd(sk, lead);
        boolean id = tokenEnd > 0 && (digitsOnly || marked || invited || hasDigit(sk, lead, tokenEnd));
        boolean payment = paymentGlued(sk, nameEnd);
        boolean hit = switch (kind) {
            case 0 -> id || (!payment && (invited || POST_TRIGGERS.startsWithin(sk, lead, POST_WINDOW)));
            case 1 -> id;
            default -> (id && marked) || (invited && (id || sentenceEnds(sk, nameEnd) || PARTICLES.at(sk, nameEnd) > 0
                    || (!payment && POST_TRIGGERS.startsWithin(sk, lead, POST_WINDOW))));
        };
        if (!hit) {
            return false;
        }
        int from = trigger >= 0 ? trigger : start;
        int to = id ? tokenEnd : Math.max(lead, nameEnd);
        int detailStart = id ? sk.startOf(lead) : sk.endOf(to - 1);
        int detailEnd = id ? sk.endOf(tokenEnd - 1) : detailStart;
        m.set(sk.startOf(from), sk.endOf(to - 1), detailStart, detailEnd, to);
        return true;
    }

    /** After the name: an optional 号 / 账号 / id, then an optional 是 / 为 — within the sentence. */
    private static int leadEnd(Skeleton sk, int p) {
        if (p < sk.length && (sk.gaps[p] & TextNormalizer.HARD) == 0) {
            p += LEADS.at(sk, p);
        }
        if (p < sk.length && (sk.gaps[p] & TextNormalizer.HARD) == 0) {
            p += COPULAS.at(sk, p);
        }
        return p;
    }

    /** A colon in the original text just before skeleton index {@code p}: {@code vx：abc123}. */
    private static boolean colonBefore(Skeleton sk, int p) {
        if (p == 0 || p >= sk.length) {
            return false;
        }
        for (int i = sk.endOf(p - 1); i < sk.startOf(p); i++) {
            char c = sk.text.charAt(i);
            if (c == ':' || c == '：') {
                return true;
            }
        }
        return false;
    }

    /**
     * The start of a trigger word that ends at most {@link #PRE_WINDOW} filler chars before the name, in the
     * same sentence and not negated; -1 if there is none.
     */
    private static int preTrigger(Skeleton sk, int nameStart) {
        for (int end = nameStart; end >= Math.max(1, nameStart - PRE_WINDOW); end--) {
            if (end < nameStart && !FILLERS.containsChar(sk.chars[end])) {
                return -1;
            }
            int len = PRE_TRIGGERS.endingAt(sk, end);
            if (len > 0) {
                int s = end - len;
                return sk.anyGap(s + 1, nameStart, TextNormalizer.HARD) || negated(sk, s) ? -1 : s;
            }
        }
        return -1;
    }

    /** 不能加, 请勿添加, 不可以加: a negation glued to the trigger, up to three chars before it. */
    private static boolean negated(Skeleton sk, int triggerStart) {
        for (int k = triggerStart - 1; k >= Math.max(0, triggerStart - 3); k--) {
            if (sk.gaps[k + 1] != 0) {
                return false;
            }
            if (NEGATIONS.containsChar(sk.chars[k])) {
                return true;
            }
        }
        return false;
    }

    /** A {@code +} right before the name in the original text: {@code +V}, {@code +vx}. */
    private static boolean plusBefore(Skeleton sk, int nameStart) {
        for (int i = sk.startOf(nameStart) - 1; i >= 0 && i >= sk.startOf(nameStart) - 4; i--) {
            char c = sk.text.charAt(i);
            if (c == '+' || c == '＋') {
                return true;
            }
            if (!TextNormalizer.isBlank(c)) {
                return false;
            }
        }
        return false;
    }

    /** 微信支付, 微信转账, QQ钱包: a payment word glued to the name (up to two chars after it, no gap). */
    private static boolean paymentGlued(Skeleton sk, int nameEnd) {
        for (int k = nameEnd; k < nameEnd + 3 && k < sk.length; k++) {
            if (sk.gaps[k] != 0) {
                return false;
            }
            if (PAYMENT.at(sk, k) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean sentenceEnds(Skeleton sk, int p) {
        return p >= sk.length || (sk.gaps[p] & TextNormalizer.HARD) != 0;
    }

    private static boolean hasDigit(Skeleton sk, int from, int to) {
        for (int k = from; k < to; k++) {
            if (TextNormalizer.isDigit(sk.chars[k])) {
                return true;
            }
        }
        return false;
    }

    /** The end of a QQ number (5–11 digits, a whole run) starting at {@code p}, or -1. */
    private static int qqNumberEnd(Skeleton sk, int p) {
        if (p >= sk.length || (sk.gaps[p] & TextNormalizer.HARD) != 0 || !TextNormalizer.isDigit(sk.chars[p])) {
            return -1;
        }
        int j = runEnd(sk, p, true);
        int len = j - p;
        boolean gluedLetters = j < sk.length && sk.gaps[j] == 0 && TextNormalizer.isLetter(sk.chars[j]);
        return len >= 5 && len <= 11 && !gluedLetters ? j : -1;
    }

    /**
     * The end of a WeChat id starting at {@code p}, or -1: 6–20 letters and digits (spaces and dashes between
     * them dropped); when the run is longer, its first word if that has 6–20; an all-digit one must have 5–11
     * digits and not read as a date.
     */
    private static int wechatIdEnd(Skeleton sk, int p) {
        if (p >= sk.length || (sk.gaps[p] & TextNormalizer.HARD) != 0 || !TextNormalizer.isAlnum(sk.chars[p])) {
            return -1;
        }
        int j = runEnd(sk, p, false);
        if (j - p > 20) {
            j = p + 1;
            while (j < sk.length && sk.gaps[j] == 0 && TextNormalizer.isAlnum(sk.chars[j])) {
                j++;
            }
        }
        int len = j - p;
        if (len < 5 || len > 20) {
            return -1;
        }
        boolean allDigits = !hasLetter(sk, p, j);
        if (allDigits) {
            return len <= 11 && !looksLikeDate(sk, p, len) ? j : -1;
        }
        return len >= 6 ? j : -1;
    }

    /** The end of a run of letters and digits (digits only if asked) across soft gaps, from {@code p}. */
    private static int runEnd(Skeleton sk, int p, boolean digits) {
        int j = p + 1;
        int stop = TextNormalizer.HARD | TextNormalizer.NUMBER_BREAK;
        while (j < sk.length && (sk.gaps[j] & stop) == 0
                && (digits ? TextNormalizer.isDigit(sk.chars[j]) : TextNormalizer.isAlnum(sk.chars[j]))) {
            j++;
        }
        return j;
    }

    private static boolean hasLetter(Skeleton sk, int from, int to) {
        for (int k = from; k < to; k++) {
            if (TextNormalizer.isLetter(sk.chars[k])) {
                return true;
            }
        }
        return false;
    }

    /** 20261201, 19991231: eight digits of a year 19xx/20xx, a month and a day. */
    private static boolean looksLikeDate(Skeleton sk, int p, int len) {
        if (len != 8) {
            return false;
        }
        char[] c = sk.chars;
        boolean year = (c[p] == '1' && c[p + 1] == '9') || (c[p] == '2' && c[p + 1] == '0');
        int month = (c[p + 4] - '0') * 10 + (c[p + 5] - '0');
        int day = (c[p + 6] - '0') * 10 + (c[p + 7] - '0');
        return year && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
