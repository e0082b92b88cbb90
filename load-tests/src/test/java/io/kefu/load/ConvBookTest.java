package io.kefu.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConvBookTest {
    private final Endpoint buyer = new Endpoint(Endpoint.Role.BUYER, 0, "b", null, false);
    private final Endpoint agent = new Endpoint(Endpoint.Role.AGENT, 0, "a", null, false);
    private final ConvTrack track = new ConvTrack(0, buyer);
    private final ConvBook book = new ConvBook(new ConvTrack[] {track});

    @Test
    void theBuyersOkThenTheAgentsAssignmentPairs() {
        book.opened(track, "c1");
        assertThat(track.ready()).isFalse();

        book.assigned("c1", agent);

        assertThat(track.ready()).isTrue();
        assertThat(track.agent()).isSameAs(agent);
        assertThat(book.ready()).isEqualTo(1);
        assertThat(book.byId("c1")).isSameAs(track);
    }

    @Test
    void anAssignmentBeforeTheBuyersOkPairsToo() {
        book.assigned("c1", agent);
        assertThat(book.ready()).isZero();

        book.opened(track, "c1");

        assertThat(track.agent()).isSameAs(agent);
        assertThat(book.ready()).isEqualTo(1);
    }

    @Test
    void aConversationIsCountedReadyOnce() {
        book.opened(track, "c1");
        book.assigned("c1", agent);
        book.assigned("c1", agent);

        assertThat(book.ready()).isEqualTo(1);
    }

    @Test
    void unknownIdsAndIndicesGiveNull() {
        assertThat(book.byId("nope")).isNull();
        assertThat(book.byId(null)).isNull();
        assertThat(book.get(5)).isNull();
        assertThat(book.get(-1)).isNull();
    }
}
