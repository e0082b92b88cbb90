package io.kefu.server.store;

import java.util.Collection;
import java.util.List;

/**
 * The KPI rollups (contract §11) at three grains: minutes ({@code kpi_minutes}, rows only ever added: a late correction
 * to a minute is one more row for it), and UTC hours and days ({@code kpi_hours}, {@code kpi_days}, one row per key
 * that each batch adds to), read as sums. Implementations block: call them on store threads or a writer thread only.
 */
public interface KpiStore {
    /** The tables, by the length of their cells in minutes; hours and days are UTC's. */
    enum Grain {
        MINUTE(1), HOUR(60), DAY(1_440);

        private final int minutes;

        Grain(int minutes) {
            this.minutes = minutes;
        }

        /** How many minutes one cell of this grain spans. */
        public int minutes() {
            return minutes;
        }
    }

    /**
     * How the sums are grouped. {@code TIME}: by the grain's cell; {@code QUARTER}: by quarter hour (minutes only), so
     * that any time zone's hours and days can be made from fewer rows.
     */
    enum GroupBy { SHOP, GROUP, AGENT, TIME, QUARTER }

    /**
     * Adds minute rows, and the same figures to their hours and days, in one transaction: a report reads the same sums
     * from any grain, whatever was written before or after.
     */
    void add(Collection<KpiRow> rows);

    /**
     * The sums of the shop's rows of {@code grain} in the minutes {@code fromMinute <= minute < toMinute} (both whole
     * cells of the grain, else {@link IllegalArgumentException}), grouped by {@code by}: for {@link GroupBy#SHOP},
     * {@link GroupBy#TIME} and {@link GroupBy#QUARTER} its total rows ({@link KpiRow#ALL}), else its detailed rows
     * (without the rows of no agent for {@link GroupBy#AGENT}); only the rows of {@code agentId} when it is not null.
     * The answer's key fields that are not grouped on are {@code ""} (shop kept; {@code minute} is the first minute of
     * the cell or quarter for {@code TIME} and {@code QUARTER}, else 0). {@code SHOP} answers one row, zeros when none
     * matched.
     */
    List<KpiRow> sums(String shopId, Grain grain, long fromMinute, long toMinute, GroupBy by, String agentId);
}
