package io.kefu.server.bot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One shop's FAQs compiled for matching, with the settings they are matched under. Immutable: a change
 * compiles a new one.
 *
 * <p><b>Scoring</b> (0..1). Message and questions are cut into terms ({@link FaqText}); a term weighs its
 * worth times its rarity among the shop's questions, {@code 1 + ln((N + 1) / (df + 1))} for {@code N}
 * questions of which {@code df} have it (a term no question has counts as rarest). For a FAQ, let
 * {@code shared} be the weight of the terms the message and its question have in common: {@code covered =
 * shared / question's weight} says how much of the question the buyer said, {@code focus = shared /
 * message's weight} how much of the message is about it, and {@code similarity = covered^0.6 × focus^0.4}
 * (a chatty message costs less than a missing part of the question). When the message contains one of
 * the FAQ's keywords (all its terms), {@code score = similarity + (1 − similarity) × KEYWORD_BOOST × √share}
 * ({@link #KEYWORD_BOOST} = {@value #KEYWORD_BOOST}), where {@code share} is the part of the message's weight
 * that the keyword makes up: a message that is just a keyword is lifted far, one that mentions it in
 * passing a little.
 *
 * <p><b>Deciding</b>, with the shop's {@code threshold}: a hand-off word anywhere wins first; then the best
 * FAQ is answered when it scores at least the threshold and {@value #AMBIGUITY_MARGIN} more than the next;
 * otherwise FAQs scoring at least half the threshold are suggested, best first, at most
 * {@value #MAX_SUGGESTIONS}; when none does, it is a miss.
 *
 * <p>Only FAQs sharing a term other than a filler with the message are looked at (posting lists by term),
 * and only those whose upper bound can reach half the threshold and the third best so far are scored.
 * Thread-safe; a reply allocates only its result, given a {@link MatchScratch} of the calling thread.
 */
public final class FaqMatcher {
    public static final int MAX_SUGGESTIONS = 3;
    /** How far a keyword lifts a FAQ's score towards 1. */
    public static final double KEYWORD_BOOST = 0.6;
    /** How much better than the runner-up an answer must score. */
    public static final double AMBIGUITY_MARGIN = 0.05;
    /** What the bot says above its suggestions. */
    public static final String SUGGESTIONS_TEXT = "您是不是想问以下问题？请点击或回复问题查看答案。";
    private static final double COVERED_EXPONENT = 0.6;
    private static final double FOCUS_EXPONENT = 0.4;

    private final BotSettings settings;
    private final Faq[] faqs;
    private final Map<String, Faq> byId;
    private final HandoffWords handoff;
    private final TermTable table;
    /** By term id: its weight, and whether it is a filler (which finds no FAQ on its own). */
    private final double[] weight;
    private final boolean[] filler;
    /** Postings of term {@code t}: {@code postingFaq[postingStart[t] .. postingStart[t + 1])}. */
    private final int[] postingStart;
    private final int[] postingFaq;
    /** Whether the posting's FAQ has the term in its question (else only in a keyword). */
    private final boolean[] postingInQuestion;
    /** By FAQ: the weight of its question's terms, and its keywords' term ids. */
    private final double[] questionWeight;
    private final int[][][] keywordTerms;
    private final double unknownRarity;

    private FaqMatcher(BotSettings settings, List<Faq> faqs) {
        this.settings = settings;
        this.faqs = faqs.toArray(new Faq[0]);
        this.byId = new HashMap<>();
        faqs.forEach(f -> byId.put(f.id(), f));
        this.handoff = new HandoffWords(settings.handoffWords());
        int n = this.faqs.length;
        this.table = new TermTable(n * 32);
        List<Long> keys = new ArrayList<>();
        int[][] questionTerms = new int[n][];
        this.keywordTerms = new int[n][][];
        for (int f = 0; f < n; f++) {
            questionTerms[f] = ids(termsOf(this.faqs[f].question()), keys);
            List<String> kws = this.faqs[f].keywords();
            List<int[]> kwTerms = new ArrayList<>(kws.size());
            for (String k : kws) {
                int[] t = ids(termsOf(k), keys);
                if (t.length > 0) {
                    kwTerms.add(t);
                }
            }
            keywordTerms[f] = kwTerms.toArray(new int[0][]);
        }
        int terms = keys.size();
        int[] df = new int[terms];
        for (int[] q : questionTerms) {
            for (int t : q) {
                df[t]++;
            }
        }
        this.weight = new double[terms];
        this.filler = new boolean[terms];
        for (int t = 0; t < terms; t++) {
            weight[t] = FaqText.base(keys.get(t)) * (1 + Math.log((n + 1.0) / (df[t] + 1.0)));
            filler[t] = FaqText.isFiller(keys.get(t));
        }
        this.unknownRarity = 1 + Math.log(n + 1.0);
        this.questionWeight = new double[n];
        for (int f = 0; f < n; f++) {
            for (int t : questionTerms[f]) {
                questionWeight[f] += weight[t];
            }
        }
        this.postingStart = new int[terms + 1];
        List<int[]> perFaqAll = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            Set<Integer> all = new LinkedHashSet<>();
            for (int t : questionTerms[f]) {
                all.add(t);
            }
            for (int[] k : keywordTerms[f]) {
                for (int t : k) {
                    all.add(t);
                }
            }
            int[] a = all.stream().mapToInt(Integer::intValue).toArray();
            perFaqAll.add(a);
            for (int t : a) {
                postingStart[t + 1]++;
            }
        }
        for (int t = 0; t < terms; t++) {
            postingStart[t + 1] += postingStart[t];
        }
        this.postingFaq = new int[postingStart[terms]];
        this.postingInQuestion = new boolean[postingStart[terms]];
        int[] fill = Arrays.copyOf(postingStart, terms);
        for (int f = 0; f < n; f++) {
            int[] inQuestion = questionTerms[f].clone();
            Arrays.sort(inQuestion);
            for (int t : perFaqAll.get(f)) {
                int p = fill[t]++;
                postingFaq[p] = f;
                postingInQuestion[p] = Arrays.binarySearch(inQuestion, t) >= 0;
            }
        }
    }

    /** Compiles {@code faqs} (checked, with ids) under {@code settings}; order breaks ties (earlier first). */
    public static FaqMatcher compile(BotSettings settings, List<Faq> faqs) {
        return new FaqMatcher(settings, faqs);
    }

    public BotSettings settings() {
        return settings;
    }

    /** How many FAQs. */
    public int size() {
        return faqs.length;
    }

    public Optional<Faq> faq(String faqId) {
        return Optional.ofNullable(byId.get(faqId));
    }

    /** {@link #reply(String, MatchScratch)} with buffers of its own (tests; allocates them). */
    public BotReply reply(String text) {
        return reply(text, new MatchScratch());
    }

    /** What the bot makes of {@code text}; {@code scratch} must belong to the calling thread. */
    public BotReply reply(String text, MatchScratch s) {
        s.length = FaqText.compactInto(text, MatchScratch.MAX_QUERY_CHARS, s.text);
        if (s.length == 0) {
            return BotReply.MISS;
        }
        String word = handoff.find(s.text, s.length);
        if (word != null) {
            return new BotReply.Handoff(word);
        }
        if (faqs.length == 0) {
            return BotReply.MISS;
        }
        s.begin(this, weight.length, faqs.length);
        try {
            FaqText.terms(s.text, s.length, s);
            score(s);
            return decide(s);
        } finally {
            s.end();
        }
    }

    /** Called back for every term of the message, repeats included. */
    void queryTerm(MatchScratch s, long key) {
        int t = table.get(key);
        if (t >= 0) {
            if (s.termMark[t] != s.stamp) {
                s.termMark[t] = s.stamp;
                s.terms[s.termCount++] = t;
                s.queryWeight += weight[t];
            }
        } else if (s.firstUnknown(key)) {
            s.queryWeight += FaqText.base(key) * unknownRarity;
        }
    }

    /**
     * Sums the shared weight of every FAQ that shares a term with the message (fillers only add to FAQs
     * that another term found: a FAQ sharing nothing but {@code 的} or {@code please} is not a candidate),
     * then scores them, skipping those whose upper bound cannot reach the floor or the current third best.
     */
    private void score(MatchScratch s) {
        for (int pass = 0; pass < 2; pass++) {
            boolean fillers = pass == 1;
            for (int i = 0; i < s.termCount; i++) {
                int t = s.terms[i];
                if (filler[t] == fillers) {
                    addPostings(s, t, !fillers);
                }
            }
        }
        double floor = settings.suggestionFloor();
        for (int i = 0; i < s.touchedCount; i++) {
            int f = s.touched[i];
            double bar = s.bestCount == MAX_SUGGESTIONS ? Math.max(floor, s.bestScore[MAX_SUGGESTIONS - 1]) : floor;
            if (upperBound(s, f) >= bar) {
                s.offer(f, score(s, f));
            }
        }
    }

    private void addPostings(MatchScratch s, int t, boolean mayTouch) {
        double w = weight[t];
        for (int p = postingStart[t]; p < postingStart[t + 1]; p++) {
            int f = postingFaq[p];
            if (s.faqMark[f] != s.stamp) {
                if (!mayTouch) {
                    continue;
                }
                s.faqMark[f] = s.stamp;
                s.shared[f] = 0;
                s.touched[s.touchedCount++] = f;
            }
            if (postingInQuestion[p]) {
                s.shared[f] += w;
            }
        }
    }

    /** At least {@link #score(MatchScratch, int)}: the weighted mean bounds the weighted geometric mean. */
    private double upperBound(MatchScratch s, int f) {
        double shared = s.shared[f];
        double bound = questionWeight[f] > 0 && s.queryWeight > 0
                ? COVERED_EXPONENT * Math.min(1, shared / questionWeight[f])
                        + FOCUS_EXPONENT * Math.min(1, shared / s.queryWeight) : 0;
        return keywordTerms[f].length == 0 ? bound : bound + (1 - bound) * KEYWORD_BOOST;
    }

    private double score(MatchScratch s, int f) {
        double shared = s.shared[f];
        double similarity = 0;
        if (shared > 0 && questionWeight[f] > 0 && s.queryWeight > 0) {
            double covered = Math.min(1, shared / questionWeight[f]);
            double focus = Math.min(1, shared / s.queryWeight);
            similarity = Math.pow(covered, COVERED_EXPONENT) * Math.pow(focus, FOCUS_EXPONENT);
        }
        double keyword = keywordFocus(s, f);
        return keyword == 0 ? similarity : similarity + (1 - similarity) * KEYWORD_BOOST * Math.sqrt(keyword);
    }

    /** The largest share of the message's weight that one keyword of the FAQ in it makes up; 0 when none is. */
    private double keywordFocus(MatchScratch s, int f) {
        double most = 0;
        for (int[] keyword : keywordTerms[f]) {
            double w = 0;
            for (int t : keyword) {
                if (s.termMark[t] != s.stamp) {
                    w = 0;
                    break;
                }
                w += weight[t];
            }
            most = Math.max(most, w);
        }
        return s.queryWeight > 0 ? Math.min(1, most / s.queryWeight) : 0;
    }

    private BotReply decide(MatchScratch s) {
        double floor = settings.suggestionFloor();
        if (s.bestCount == 0 || s.bestScore[0] < floor || s.bestScore[0] == 0) {
            return BotReply.MISS;
        }
        double runnerUp = s.bestCount > 1 ? s.bestScore[1] : 0;
        if (s.bestScore[0] >= settings.threshold() && s.bestScore[0] - runnerUp >= AMBIGUITY_MARGIN) {
            Faq f = faqs[s.best[0]];
            return new BotReply.Answer(f.id(), f.question(), f.answer(), s.bestScore[0]);
        }
        List<BotReply.Item> items = new ArrayList<>(s.bestCount);
        for (int i = 0; i < s.bestCount && s.bestScore[i] >= floor; i++) {
            Faq f = faqs[s.best[i]];
            items.add(new BotReply.Item(f.id(), f.question()));
        }
        return new BotReply.Suggestions(SUGGESTIONS_TEXT, items);
    }

    /** The FAQ's score for {@code text} (0 when it shares no term), for tests and tuning. */
    double scoreOf(String text, String faqId, MatchScratch s) {
        s.length = FaqText.compactInto(text, MatchScratch.MAX_QUERY_CHARS, s.text);
        s.begin(this, weight.length, faqs.length);
        try {
            FaqText.terms(s.text, s.length, s);
            score(s);
            for (int i = 0; i < s.touchedCount; i++) {
                if (faqs[s.touched[i]].id().equals(faqId)) {
                    return score(s, s.touched[i]);
                }
            }
            return 0;
        } finally {
            s.end();
        }
    }

    private List<Long> termsOf(String text) {
        char[] buf = new char[text.length()];
        int len = FaqText.compactInto(text, text.length(), buf);
        Set<Long> keys = new LinkedHashSet<>();
        FaqText.terms(buf, len, keys::add);
        return new ArrayList<>(keys);
    }

    private int[] ids(List<Long> termKeys, List<Long> keys) {
        int[] ids = new int[termKeys.size()];
        for (int i = 0; i < ids.length; i++) {
            int before = table.size();
            ids[i] = table.add(termKeys.get(i));
            if (ids[i] == before) {
                keys.add(termKeys.get(i));
            }
        }
        return ids;
    }
}
