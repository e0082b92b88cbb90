package io.kefu.server.store;

import java.sql.SQLException;

/** Reading and logging {@link SQLException}s without leaking row values. */
final class SqlErrors {
    /** Same code in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /**
     * The SQLState of the exception or of the first exception chained to it (a
     * {@link java.sql.BatchUpdateException} may carry the state only on its next exception or cause).
     */
    static String sqlState(SQLException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** Class 22 (data exception) or 23 (integrity constraint violation): the row itself is bad. */
    static boolean isDataError(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }

    /**
     * A description safe to log and to show: SQLState and vendor code always, the driver's message
     * only when it cannot quote row values (not a data error).
     */
    static String describe(SQLException e) {
        String state = sqlState(e);
        String text = "SQLState " + state + ", vendor code " + e.getErrorCode();
        if (isDataError(state)) {
            return text;
        }
        return text + ", " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The first {@link SQLException} in the cause chain of {@code t}, or {@code null}. */
    static SQLException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != s) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
