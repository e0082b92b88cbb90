package io.kefu.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxTest {
    @RegisterExtension
    final RecordingChannel recording = new RecordingChannel();
    private Channel channel;
    /** What reached the channel's outbound end, in order: "write:x" and "flush". */
    private List<String> seen;

    @BeforeEach
    void connect() {
        channel = recording.channel();
    }

    @AfterEach
    void closeThisThreadsOutbox() {
        Outbox.close();
    }

    private void settle() throws Exception {
        recording.settle();
        seen = recording.seen();
    }

    @Test
    void withoutAnOpenOutboxEachFrameIsWrittenAndFlushedAtOnce() throws Exception {
        Outbox.write(channel, channel, "a");
        Outbox.write(channel, channel, "b");
        settle();
        assertThat(seen).containsExactly("write:a", "flush", "write:b", "flush");
    }

    @Test
    void anOpenOutboxHoldsFramesUntilItClosesThenWritesThemInOrderWithOneFlush() throws Exception {
        Outbox.open();
        Outbox.write(channel, channel, "a");
        Outbox.write(channel, channel, "b");
        Outbox.write(channel, channel, "c");
        settle();
        assertThat(seen).isEmpty();

        Outbox.close();
        settle();
        assertThat(seen).containsExactly("write:a", "write:b", "write:c", "flush");
    }

    @Test
    void eachHandOverFlushesItsChannelsOnceEvenAfterAnEarlierOneOnTheSameLoop() throws Exception {
        for (String batch : new String[] {"a", "c"}) {
            Outbox.open();
            Outbox.write(channel, channel, batch + "1");
            Outbox.write(channel, channel, batch + "2");
            Outbox.close();
        }
        settle();
        assertThat(seen).containsExactly("write:a1", "write:a2", "flush", "write:c1", "write:c2", "flush");
    }

    @Test
    void closingTwiceWritesNothingTwice() throws Exception {
        Outbox.open();
        Outbox.write(channel, channel, "a");
        Outbox.close();
        Outbox.close();
        settle();
        assertThat(seen).containsExactly("write:a", "flush");
    }

    @Test
    void theEventLoopWritingToItsOwnChannelIsNeverHeld() throws Exception {
        List<String> whenWritten = new java.util.ArrayList<>();
        channel.eventLoop().submit(() -> {
            Outbox.open();
            try {
                Outbox.write(channel, channel, "a");
                whenWritten.addAll(recording.seen());
            } finally {
                Outbox.close();
            }
        }).sync();
        assertThat(whenWritten).containsExactly("write:a", "flush");
    }
}
