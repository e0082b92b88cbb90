package io.kefu.server.aftersales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state machine of contract §10 as a table: every (type, state, callable action) triple, written out here from
 * the contract's words rather than taken from {@link Transitions}, is either the expected next state or
 * {@code invalid_state} naming the current state and exactly the actions it allows.
 */
class TransitionsTest {
    /** "type state action" → next state: the contract, spelled out. Everything else is illegal. */
    private static final Map<String, AfterSaleState> LEGAL = Map.ofEntries(
            Map.entry("refund requested approve", AfterSaleState.APPROVED),
            Map.entry("refund requested reject", AfterSaleState.REJECTED),
            Map.entry("refund approved refund", AfterSaleState.REFUNDED),
            Map.entry("refund rejected escalate", AfterSaleState.DISPUTED),
            Map.entry("refund disputed resolve", AfterSaleState.RESOLVED),
            Map.entry("return requested approve", AfterSaleState.APPROVED),
            Map.entry("return requested reject", AfterSaleState.REJECTED),
            Map.entry("return awaiting_return received", AfterSaleState.RECEIVED),
            Map.entry("return received refund", AfterSaleState.REFUNDED),
            Map.entry("return rejected escalate", AfterSaleState.DISPUTED),
            Map.entry("return disputed resolve", AfterSaleState.RESOLVED),
            Map.entry("exchange requested approve", AfterSaleState.APPROVED),
            Map.entry("exchange requested reject", AfterSaleState.REJECTED),
            Map.entry("exchange awaiting_return received", AfterSaleState.RECEIVED),
            Map.entry("exchange received resend", AfterSaleState.EXCHANGED),
            Map.entry("exchange rejected escalate", AfterSaleState.DISPUTED),
            Map.entry("exchange disputed resolve", AfterSaleState.RESOLVED));

    static Stream<Arguments> everyTriple() {
        List<Arguments> all = new ArrayList<>();
        for (AfterSaleType type : AfterSaleType.values()) {
            for (AfterSaleState state : AfterSaleState.values()) {
                for (AfterSaleAction action : AfterSaleAction.values()) {
                    all.add(Arguments.of(type, state, action));
                }
            }
        }
        return all.stream();
    }

    private static String key(AfterSaleType type, AfterSaleState state, AfterSaleAction action) {
        return type.wire() + " " + state.wire() + " " + action.wire();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyTriple")
    void everyTripleIsLegalExactlyWhenTheContractSaysSo(AfterSaleType type, AfterSaleState state,
                                                        AfterSaleAction action) {
        AfterSaleState expected = LEGAL.get(key(type, state, action));
        List<String> allowedHere = Arrays.stream(AfterSaleAction.values())
                .filter(a -> LEGAL.containsKey(key(type, state, a))).map(AfterSaleAction::wire).toList();

        if (expected != null) {
            assertThat(Transitions.next("t1", type, state, action)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> Transitions.next("t1", type, state, action))
                    .isInstanceOfSatisfying(KefuException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                        assertThat(e.getMessage()).contains("is " + state.wire() + ";", action.wire());
                        allowedHere.forEach(a -> assertThat(e.getMessage()).contains(a));
                        if (allowedHere.isEmpty()) {
                            assertThat(e.getMessage()).contains("final");
                        }
                    });
        }
        assertThat(Transitions.allowed(type, state)).extracting(AfterSaleAction::wire)
                .containsExactlyElementsOf(allowedHere);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndState")
    void onlyAnApprovedReturnOrExchangeMovesOnByItselfToAwaitingReturn(AfterSaleType type, AfterSaleState state) {
        Optional<AfterSaleState> expected = type != AfterSaleType.REFUND && state == AfterSaleState.APPROVED
                ? Optional.of(AfterSaleState.AWAITING_RETURN) : Optional.empty();

        assertThat(Transitions.automatic(type, state)).isEqualTo(expected);
    }

    static Stream<Arguments> everyTypeAndState() {
        return Arrays.stream(AfterSaleType.values()).flatMap(t -> Arrays.stream(AfterSaleState.values())
                .map(s -> Arguments.of(t, s)));
    }
}
