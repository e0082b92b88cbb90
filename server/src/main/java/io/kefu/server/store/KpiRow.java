package io.kefu.server.store;

/**
 * One KPI rollup: the counters ({@link KpiColumn} order) of {@code shopId} in one {@code minute} (epoch minutes,
 * UTC) for one group and agent ({@code ""} for none). A sum of rows uses the same type with the key fields it was
 * grouped by. {@code values} is owned by the row.
 */
public record KpiRow(String shopId, long minute, String groupId, String agentId, long[] values) {
    /**
     * The group and agent of a shop's total row: every figure is also added to the minute's row of the whole shop,
     * so that reports by shop, day and hour read one row a minute whatever the number of agents.
     */
    public static final String ALL = "*";

    public boolean isTotal() {
        return ALL.equals(groupId) && ALL.equals(agentId);
    }

    public long get(KpiColumn c) {
        return values[c.ordinal()];
    }
}
