package io.kefu.server.bot;

import io.kefu.server.base.KefuException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A shop's bot settings (contract §7). Every refusal is a {@code bad_frame} naming the field.
 *
 * @param enabled             whether a conversation starts with the bot (default off)
 * @param greeting            what the bot says first, 1..{@value #MAX_GREETING} characters
 * @param handoffWords        a buyer message containing one of these goes to a person (0..{@value #MAX_HANDOFF_WORDS}
 *                            words of 1..{@value #MAX_HANDOFF_WORD} characters, compared folded: case and
 *                            full-width forms do not matter)
 * @param threshold           the score (0..1) from which the best FAQ is answered; below it, FAQs scoring at
 *                            least half of it are offered as suggestions (default {@value #DEFAULT_THRESHOLD})
 * @param missesBeforeHandoff misses in a row that hand the buyer to a person, 1..{@value #MAX_MISSES} (default 2)
 */
public record BotSettings(boolean enabled, String greeting, List<String> handoffWords, double threshold,
                          int missesBeforeHandoff) {
    public static final int MAX_GREETING = 500;
    public static final int MAX_HANDOFF_WORDS = 20;
    public static final int MAX_HANDOFF_WORD = 20;
    public static final int MAX_MISSES = 10;
    public static final double DEFAULT_THRESHOLD = 0.55;
    public static final String DEFAULT_GREETING =
            "您好，我是智能客服小助手，请问有什么可以帮您？直接输入您的问题即可；需要人工服务请回复“转人工”。";
    public static final List<String> DEFAULT_HANDOFF_WORDS = List.of("转人工", "人工", "人工客服", "human", "agent");
    public static final BotSettings DEFAULT = new BotSettings(false, DEFAULT_GREETING, DEFAULT_HANDOFF_WORDS,
            DEFAULT_THRESHOLD, 2);

    public BotSettings {
        Objects.requireNonNull(handoffWords, "handoffWords");
        greeting = checkGreeting(greeting);
        handoffWords = checkWords(handoffWords);
        if (Double.isNaN(threshold) || threshold < 0 || threshold > 1) {
            throw KefuException.badRequest("field 'threshold' must be a number 0..1, was " + threshold);
        }
        if (missesBeforeHandoff < 1 || missesBeforeHandoff > MAX_MISSES) {
            throw KefuException.badRequest("field 'missesBeforeHandoff' must be an integer 1.." + MAX_MISSES
                    + ", was " + missesBeforeHandoff);
        }
    }

    public BotSettings withEnabled(boolean value) {
        return new BotSettings(value, greeting, handoffWords, threshold, missesBeforeHandoff);
    }

    public BotSettings withThreshold(double value) {
        return new BotSettings(enabled, greeting, handoffWords, value, missesBeforeHandoff);
    }

    public BotSettings withHandoffWords(List<String> value) {
        return new BotSettings(enabled, greeting, value, threshold, missesBeforeHandoff);
    }

    /** The score from which FAQs are offered as suggestions: half the threshold. */
    public double suggestionFloor() {
        return threshold / 2;
    }

    private static String checkGreeting(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw KefuException.badRequest("field 'greeting' must not be empty");
        }
        if (s.length() > MAX_GREETING) {
            throw KefuException.badRequest("field 'greeting' must be at most " + MAX_GREETING + " characters, was "
                    + s.length());
        }
        return s;
    }

    private static List<String> checkWords(List<String> raw) {
        if (raw.size() > MAX_HANDOFF_WORDS) {
            throw KefuException.badRequest("field 'handoffWords' may hold at most " + MAX_HANDOFF_WORDS + " words, was "
                    + raw.size());
        }
        List<String> words = new ArrayList<>(raw.size());
        for (String w : raw) {
            String s = w == null ? "" : w.strip();
            if (s.isEmpty() || s.length() > MAX_HANDOFF_WORD) {
                throw KefuException.badRequest("field 'handoffWords' must hold words of 1.." + MAX_HANDOFF_WORD
                        + " characters, found '" + (w == null ? "null" : w) + "'");
            }
            if (FaqText.compact(s).isEmpty()) {
                throw KefuException.badRequest("field 'handoffWords' must hold words with a letter, digit or Chinese"
                        + " character, found '" + s + "'");
            }
            if (!words.contains(s)) {
                words.add(s);
            }
        }
        return List.copyOf(words);
    }
}
