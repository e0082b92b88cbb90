package io.kefu.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.store.ConversationFailures.Failure;
import org.junit.jupiter.api.Test;

class ConversationFailuresTest {
    private final ConversationFailures failures = new ConversationFailures();

    @Test
    void a_failure_dooms_the_later_seqs_of_older_epochs_and_the_router_renumbers_from_it() {
        failures.record("c", 0, 5);

        assertThat(failures.dooms("c", 0, 4)).as("numbered before it: still written").isFalse();
        assertThat(failures.dooms("c", 0, 5)).isTrue();
        assertThat(failures.dooms("c", 0, 9)).isTrue();
        assertThat(failures.renumbering("c", 0)).isEqualTo(new Failure(1, 5));
        assertThat(failures.dooms("c", 1, 5)).as("renumbered").isFalse();
        assertThat(failures.renumbering("c", 1)).isNull();
        assertThat(failures.dooms("other", 0, 5)).isFalse();
    }

    @Test
    void a_message_already_doomed_adds_no_epoch() {
        failures.record("c", 0, 5);
        failures.record("c", 0, 6);
        failures.record("c", 0, 7);

        assertThat(failures.renumbering("c", 0)).isEqualTo(new Failure(1, 5));
        assertThat(failures.failedEpoch("c")).isEqualTo(1);
    }

    @Test
    void an_older_seq_failing_late_dooms_what_was_renumbered_for_a_newer_one() {
        failures.record("c", 0, 5);
        // The router takes up epoch 1 and numbers 5, 6 in it; then seq 3 of epoch 0 fails.
        failures.record("c", 0, 3);

        assertThat(failures.dooms("c", 1, 5)).isTrue();
        assertThat(failures.dooms("c", 0, 2)).isFalse();
        assertThat(failures.renumbering("c", 1)).isEqualTo(new Failure(2, 3));
        assertThat(failures.renumbering("c", 0)).as("a router that saw neither").isEqualTo(new Failure(2, 3));
        assertThat(failures.dooms("c", 2, 3)).isFalse();
    }

    @Test
    void a_failure_in_the_renumbered_epoch_rewinds_only_to_its_own_seq() {
        failures.record("c", 0, 5);
        // Epoch 1 numbers 5 (written) and 6, which fails.
        failures.record("c", 1, 6);

        assertThat(failures.renumbering("c", 1)).isEqualTo(new Failure(2, 6));
        assertThat(failures.dooms("c", 1, 5)).isFalse();
        assertThat(failures.dooms("c", 0, 5)).as("the first failure still holds for epoch 0").isTrue();
    }

    @Test
    void forget_clears_the_conversation() {
        failures.record("c", 0, 1);
        failures.forget("c");

        assertThat(failures.dooms("c", 0, 1)).isFalse();
        assertThat(failures.renumbering("c", 0)).isNull();
        assertThat(failures.failedEpoch("c")).isEqualTo(-1);
    }
}
