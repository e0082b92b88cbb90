package io.kefu.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.load.Stamp;
import io.kefu.server.base.IdGenerator;
import io.kefu.server.compliance.AuditWriter;
import io.kefu.server.compliance.ComplianceFilter;
import io.kefu.server.compliance.Sender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness's messages pass Kefu's built-in compliance rules however long a run lasts: a soak used to have
 * its agents' messages refused as phone numbers from about 500 s on ({@code n} 13–19 next to a 9-digit time).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StampComplianceTest {
    private static final String SHOP = "stamp-shop";

    private AuditWriter audit;
    private ComplianceFilter filter;

    @BeforeEach
    void setUp() {
        ComplianceBenchmark.ListStore store = new ComplianceBenchmark.ListStore(List.of());
        audit = new AuditWriter(store, AuditWriter.Settings.DEFAULT);
        filter = new ComplianceFilter(store, new ComplianceBenchmark.InlineExecutor(), audit, new IdGenerator(1),
                Clock.systemUTC());
        filter.prepare(SHOP).join();
    }

    @AfterEach
    void tearDown() {
        audit.close();
    }

    @Test
    void theFilterStillBlocksAPhoneNumberAfterAnUnpaddedStamp() {
        assertThat(filter.check(SHOP, Sender.AGENT, "L|17|a|13|412345678|....").blocked())
                .as("the old stamp: message 13 at 412 s reads as 134 1234 5678").isTrue();
    }

    @Test
    void noStampOfAWeekLongRunIsBlocked() {
        List<String> blocked = new ArrayList<>();
        long[] times = {0, 7, 99_999, 412_345_678L, 999_999_999L, 1_345_678_901L, 3_456_789_012L,
                13_456_789_012L, 604_800_000_000L};
        for (long at : times) {
            for (long n = 1; n <= 2_000; n++) {
                for (int conv : new int[] {0, 86, 13_800, 99_999}) {
                    String text = new Stamp(conv, n % 2 == 0 ? Stamp.FROM_AGENT : Stamp.FROM_BUYER, n, at).text(200);
                    if (!filter.check(SHOP, Sender.AGENT, text).passed()) {
                        blocked.add(text.substring(0, text.indexOf("|.")));
                    }
                }
            }
        }

        assertThat(blocked).isEmpty();
    }
}
