package io.kefu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.OkResult.SendResult;
import io.kefu.protocol.RuleRef;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CmidMemoryTest {
    private static final long NO_HORIZON = Long.MIN_VALUE;

    @Test
    void answersAreFoundByTheirKeyAcrossGrowthAndWrapAroundAndTheOldestGoFirst() {
        CmidMemory m = new CmidMemory(20);
        for (int i = 1; i <= 53; i++) { // grows 8 → 16 → 20, then wraps around twice
            m.remember("b1\0m" + i, new SendResult("c1", i, 1_000 + i), NO_HORIZON);
        }

        assertThat(m.size()).isEqualTo(20);
        for (int i = 34; i <= 53; i++) {
            assertThat(m.find("b1\0m" + i, "c1")).isEqualTo(new SendResult("c1", i, 1_000 + i));
        }
        assertThat(m.find("b1\0m33", "c1")).isNull();
        assertThat(m.find("b2\0m53", "c1")).as("another sender's id").isNull();
    }

    @Test
    void theArraysGrowWhileTheRingHasWrappedAroundKeepingTheOldestFirst() {
        CmidMemory m = new CmidMemory(100);
        for (int i = 1; i <= 6; i++) {
            m.remember("b1\0m" + i, new SendResult("c1", i, i * 10L), NO_HORIZON);
        }
        m.remember("b1\0m7", new SendResult("c1", 7, 70), 45); // forgets 1..4: the ring starts at slot 4
        m.remember("b1\0w", new SendResult("c1", 8, 80, "kept whole", null), 45);
        for (int i = 9; i <= 20; i++) { // wraps around, then grows 8 -> 16 with the ring's start mid-array
            m.remember("b1\0m" + i, new SendResult("c1", i, i * 10L), 45);
        }

        assertThat(m.size()).isEqualTo(16);
        for (int i = 5; i <= 20; i++) {
            String key = i == 8 ? "b1\0w" : "b1\0m" + i;
            assertThat(m.find(key, "c1").seq()).as(key).isEqualTo(i);
        }
        assertThat(m.find("b1\0w", "c1").text()).isEqualTo("kept whole");
        m.remember("b1\0m21", new SendResult("c1", 21, 210), 95); // forgets 5..9, the whole one among them
        assertThat(m.find("b1\0w", "c1")).isNull();
        assertThat(m.find("b1\0m10", "c1").seq()).isEqualTo(10);
    }

    @Test
    void answersOlderThanTheHorizonAreForgottenFromTheOldestOn() {
        CmidMemory m = new CmidMemory(100);
        for (int i = 1; i <= 12; i++) {
            m.remember("b1\0m" + i, new SendResult("c1", i, i * 10L), NO_HORIZON);
        }

        m.remember("b1\0m13", new SendResult("c1", 13, 130), 95); // forgets ts 10..90

        assertThat(m.size()).isEqualTo(4);
        assertThat(m.find("b1\0m9", "c1")).isNull();
        assertThat(m.find("b1\0m10", "c1").seq()).isEqualTo(10);
        assertThat(m.find("b1\0m13", "c1").seq()).isEqualTo(13);
    }

    @Test
    void anAnswerWithATextOrAWarningIsAnsweredWhole() {
        CmidMemory m = new CmidMemory(4);
        SendResult script = new SendResult("c1", 1, 10, "亲，已为您查询", null);
        SendResult warned = new SendResult("c1", 2, 20, null, new RuleRef("r1", "contact"));
        m.remember("a1\0s", script, NO_HORIZON);
        m.remember("a1\0w", warned, NO_HORIZON);
        for (int i = 3; i <= 9; i++) { // wraps past both, and grows nothing (capacity 4)
            m.remember("a1\0m" + i, new SendResult("c1", i, i * 10L), NO_HORIZON);
        }
        m.remember("a1\0s2", script.with("again", null), NO_HORIZON);

        assertThat(m.find("a1\0s", "c1")).isNull();
        assertThat(m.find("a1\0s2", "c1").text()).isEqualTo("again");
        assertThat(m.find("a1\0m9", "c1")).as("a plain answer in a slot that held a whole one")
                .isEqualTo(new SendResult("c1", 9, 90));
    }

    @Test
    void aKeyRememberedTwiceIsAnsweredWithItsNewestAnswer() {
        CmidMemory m = new CmidMemory(10);
        m.remember("b1\0m", new SendResult("c1", 1, 10), NO_HORIZON);
        m.remember("b1\0m", new SendResult("c1", 7, 70), NO_HORIZON);

        assertThat(m.find("b1\0m", "c1").seq()).isEqualTo(7);
    }

    @Test
    void manyDifferentIdsNeverAnswerForOneAnother() {
        CmidMemory m = new CmidMemory(1_000);
        SplittableRandom random = new SplittableRandom(7);
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String key = "buyer-" + random.nextInt(50) + "\0" + java.util.UUID.randomUUID();
            kept.add(key);
            m.remember(key, new SendResult("c1", i, i), NO_HORIZON);
        }
        int falseHits = 0;
        for (int i = 0; i < 200_000; i++) {
            // near misses: one character changed, ids that differ only at the end, short numeric ids
            String key = switch (i % 3) {
                case 0 -> "buyer-" + random.nextInt(50) + "\0" + java.util.UUID.randomUUID();
                case 1 -> "buyer-1\0m" + i;
                default -> "b\0" + i;
            };
            if (!kept.contains(key) && m.find(key, "c1") != null) {
                falseHits++;
            }
        }
        assertThat(falseHits).isZero();
        assertThat(kept).allSatisfy(k -> assertThat(m.find(k, "c1")).isNotNull());
    }

    @Test
    void aSenderAndCmidHashAsTheirJoinedKeyWithoutMakingIt() {
        String[][] pairs = {{"b1", "m1"}, {"", ""}, {"612093978112188416", "0000012345678-17a42"}, {"a", "😀\0x"}};
        for (String[] p : pairs) {
            String key = p[0] + '\0' + p[1];
            assertThat(CmidMemory.hash(p[0], p[1], 7, 0xBF58476D1CE4E5B9L)).isEqualTo(
                    CmidMemory.hash(key, 7, 0xBF58476D1CE4E5B9L));
        }
        CmidMemory m = new CmidMemory(10);
        m.remember("b1", "m1", new SendResult("c1", 1, 10), NO_HORIZON);
        m.remember("b1\0m2", new SendResult("c1", 2, 20), NO_HORIZON);
        assertThat(m.find("b1\0m1", "c1").seq()).isEqualTo(1);
        assertThat(m.find("b1", "m2", "c1").seq()).isEqualTo(2);
        assertThat(m.find("b1\0", "m2", "c1")).as("the separator is part of the key").isNull();
    }

    @Test
    void theTwoHashesOfAKeyDiffer() {
        String key = "b1\0m1";
        assertThat(CmidMemory.hash(key, 0x9E3779B97F4A7C15L, 0xBF58476D1CE4E5B9L))
                .isNotEqualTo(CmidMemory.hash(key, 0xC2B2AE3D27D4EB4FL, 0x94D049BB133111EBL));
        assertThat(CmidMemory.hash("b1\0m1", 1, 0xBF58476D1CE4E5B9L))
                .isNotEqualTo(CmidMemory.hash("b1\0m2", 1, 0xBF58476D1CE4E5B9L));
    }
}
