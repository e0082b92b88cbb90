package io.kefu.server.store;

import java.util.Collection;
import java.util.List;

/**
 * The KPI rollups (contract §11): rows are only ever added (a late correction to a minute is one more row for it),
 * and read as sums. Implementations block: call them on store threads or a writer thread only.
 */
public interface KpiStore {
    /** How the sums are grouped. {@code QUARTER}: by quarter hour (so any time zone's hours and days can be made). */
    enum GroupBy { SHOP, GROUP, AGENT, QUARTER }

    /** Adds the rows in one transaction. */
    void add(Collection<KpiRow> rows);

    /**
     * The sums of the shop's rows with {@code fromMinute <= minute < toMinute}, grouped by {@code by}: for
     * {@link GroupBy#SHOP} and {@link GroupBy#QUARTER} its total rows ({@link KpiRow#ALL}), else its detailed rows
     * (without the rows of no agent for {@link GroupBy#AGENT}); only the rows of {@code agentId} when it is not null. The
     * answer's key fields that are not grouped on are {@code ""} (shop kept; {@code minute} is the quarter's first
     * minute for {@code QUARTER}, else 0).
     */
    List<KpiRow> sums(String shopId, long fromMinute, long toMinute, GroupBy by, String agentId);
}
