package io.kefu.server.store;

import java.sql.SQLException;

/**
 * A database call of a repository failed: the unchecked carrier of its {@link SQLException}, which
 * {@link BoundedStoreExecutor} turns into {@code KefuException(INTERNAL)}. Its message never holds
 * the driver's message for a data error (SQLState class 22 or 23), which can quote row values.
 */
public final class StoreException extends RuntimeException {
    private final String sqlState;

    public StoreException(String what, SQLException cause) {
        super(what + ": " + SqlErrors.describe(cause), cause);
        this.sqlState = SqlErrors.sqlState(cause);
    }

    /** The SQLState of the failure (of the first chained exception that has one), or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** {@code true} when a row broke a constraint or held a bad value: retrying cannot help. */
    public boolean isDataError() {
        return SqlErrors.isDataError(sqlState);
    }

    /** {@code true} when a row duplicated a primary key or a unique constraint. */
    public boolean isUniqueViolation() {
        return SqlErrors.UNIQUE_VIOLATION.equals(sqlState);
    }
}
