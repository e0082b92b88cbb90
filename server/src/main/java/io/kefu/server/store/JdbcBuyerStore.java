package io.kefu.server.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link BuyerStore} over JDBC. Runs on store threads only (it blocks on the database). */
public final class JdbcBuyerStore implements BuyerStore {
    /** PostgreSQL 14 has no MERGE; H2 has no ON CONFLICT ... DO UPDATE. */
    private static final String UPSERT_POSTGRESQL = "INSERT INTO buyers (id, name, tags, created_at)"
            + " VALUES (?, ?, '', ?)"
            + " ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, buyers.name)";
    private static final String UPSERT_H2 = "MERGE INTO buyers b"
            + " USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(200)), CAST(? AS BIGINT)))"
            + " AS v (id, name, created_at) ON b.id = v.id"
            + " WHEN MATCHED AND v.name IS NOT NULL THEN UPDATE SET name = v.name"
            + " WHEN NOT MATCHED THEN INSERT (id, name, tags, created_at) VALUES (v.id, v.name, '', v.created_at)";

    private final Jdbc jdbc;
    private final String upsertSql;

    public JdbcBuyerStore(Database database) {
        this(database.dataSource(), database.dialect());
    }

    public JdbcBuyerStore(DataSource dataSource, Database.Dialect dialect) {
        this.jdbc = new Jdbc(dataSource);
        this.upsertSql = dialect == Database.Dialect.POSTGRESQL ? UPSERT_POSTGRESQL : UPSERT_H2;
    }

    @Override
    public void upsertBuyer(String buyerId, String name) {
        try {
            jdbc.update("upsert buyer", upsertSql, buyerId, name, System.currentTimeMillis());
        } catch (StoreException e) {
            // Two first logins of one buyer at once: both saw no row, one insert lost. The row is
            // there now, so the second attempt updates it.
            if (!e.isUniqueViolation()) {
                throw e;
            }
            jdbc.update("upsert buyer", upsertSql, buyerId, name, System.currentTimeMillis());
        }
    }

    @Override
    public Optional<BuyerRecord> findBuyer(String buyerId) {
        return jdbc.queryOne("find buyer", "SELECT id, name, tags FROM buyers WHERE id = ?", rs -> {
            String tags = rs.getString("tags");
            List<String> tagList = tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
            return new BuyerRecord(rs.getString("id"), rs.getString("name"), tagList);
        }, buyerId);
    }
}
