package io.kefu.server.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseAutomatonTest {

    private static List<String> matches(PhraseAutomaton a, String text) {
        Skeleton sk = new Skeleton(text.length());
        TextNormalizer.normalize(text, sk);
        List<String> found = new ArrayList<>();
        a.scan(sk, (id, start, end) -> found.add(id + "@" + start + "-" + end));
        return found;
    }

    @Test
    void findsOverlappingAndNestedPatternsInOnePass() {
        PhraseAutomaton a = new PhraseAutomaton.Builder().add("he", 0).add("she", 1).add("his", 2).add("hers", 3)
                .build();

        assertThat(matches(a, "ushers")).containsExactly("1@1-4", "0@2-4", "3@2-6");
        assertThat(matches(a, "ahishers")).containsExactly("2@1-4", "1@3-6", "0@4-6", "3@4-8");
    }

    @Test
    void aPatternSharedByTwoRulesReportsBoth() {
        PhraseAutomaton a = new PhraseAutomaton.Builder().add("假货", 0).add("假货", 1).add("货", 2).build();

        assertThat(matches(a, "是假货吗")).containsExactly("0@1-3", "1@1-3", "2@2-3");
    }

    @Test
    void noPatternsMatchNothing() {
        assertThat(PhraseAutomaton.EMPTY.isEmpty()).isTrue();
        assertThat(matches(PhraseAutomaton.EMPTY, "anything")).isEmpty();
    }
}
