package io.kefu.server.bot;

import io.kefu.server.base.Fields;
import io.kefu.server.base.KefuException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One question the bot can answer (contract §7). {@link #check} tidies a draft and enforces the limits;
 * every refusal is a {@code bad_frame} naming the field. The limits are constants: a FAQ list is a shop's
 * hand-written answers, far below them.
 *
 * @param id       the FAQ's id ({@code null} in a draft)
 * @param question what buyers ask, as the shop phrases it: what the bot matches against
 * @param answer   what the bot replies
 * @param keywords words or phrases that point at this FAQ: a message that contains one is boosted to it
 */
public record Faq(String id, String question, String answer, List<String> keywords) {
    public static final int MAX_QUESTION = 200;
    public static final int MAX_ANSWER = 2_000;
    public static final int MAX_KEYWORDS = 20;
    public static final int MAX_KEYWORD = 30;
    /** FAQs of one shop. */
    public static final int MAX_PER_SHOP = 2_000;

    public Faq {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        keywords = List.copyOf(keywords);
    }

    public static Faq draft(String question, String answer, List<String> keywords) {
        return new Faq(null, question, answer, keywords);
    }

    public Faq withId(String value) {
        return new Faq(value, question, answer, keywords);
    }

    /** The FAQ with its text fields stripped and duplicate keywords dropped, or {@code bad_frame}. */
    public Faq check() {
        return new Faq(id, text("question", question, MAX_QUESTION), text("answer", answer, MAX_ANSWER),
                keywords(keywords));
    }

    private static String text(String field, String raw, int max) {
        return Fields.requiredText(field, raw, max);
    }

    private static List<String> keywords(List<String> raw) {
        if (raw.size() > MAX_KEYWORDS) {
            throw KefuException.badRequest("field 'keywords' may hold at most " + MAX_KEYWORDS + " keywords, was "
                    + raw.size());
        }
        List<String> out = new ArrayList<>(raw.size());
        for (String k : raw) {
            String s = k.strip();
            if (s.isEmpty() || s.length() > MAX_KEYWORD || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw KefuException.badRequest("field 'keywords' must hold one-line keywords of 1.." + MAX_KEYWORD
                        + " characters, found '" + k + "'");
            }
            if (FaqText.compact(s).isEmpty()) {
                throw KefuException.badRequest("field 'keywords' must hold keywords with a letter, digit or Chinese"
                        + " character, found '" + s + "'");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
