package io.kefu.server.store;

import io.kefu.server.base.KefuException;
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

    @Override
    public Optional<ShopBuyerRecord> findShopBuyer(String shopId, String buyerId) {
        return jdbc.queryOne("find shop buyer", "SELECT tags, note FROM shop_buyers WHERE shop_id = ? AND buyer_id = ?",
                rs -> new ShopBuyerRecord(shopId, buyerId, splitTags(rs.getString("tags")), rs.getString("note")),
                shopId, buyerId);
    }

    @Override
    public ShopBuyerRecord saveShopBuyer(String shopId, String buyerId, Optional<List<String>> tags,
                                         Optional<String> note) {
        try {
            return writeShopBuyer(shopId, buyerId, tags, note);
        } catch (StoreException e) {
            // Two first saves at once: both saw no row and one insert lost; the row is there now.
            if (!e.isUniqueViolation()) {
                throw e;
            }
            return writeShopBuyer(shopId, buyerId, tags, note);
        }
    }

    private ShopBuyerRecord writeShopBuyer(String shopId, String buyerId, Optional<List<String>> tags,
                                           Optional<String> note) {
        return jdbc.inTransaction("save shop buyer", c -> {
            if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ?", rs -> rs.getString(1), shopId).isEmpty()) {
                throw KefuException.notFound("shop '" + shopId + "' not found");
            }
            List<ShopBuyerRecord> found = Jdbc.query(c, "SELECT tags, note FROM shop_buyers"
                            + " WHERE shop_id = ? AND buyer_id = ? FOR UPDATE",
                    rs -> new ShopBuyerRecord(shopId, buyerId, splitTags(rs.getString("tags")), rs.getString("note")),
                    shopId, buyerId);
            ShopBuyerRecord before = found.isEmpty() ? new ShopBuyerRecord(shopId, buyerId, List.of(), null) : found.get(0);
            ShopBuyerRecord after = new ShopBuyerRecord(shopId, buyerId, tags.orElse(before.tags()),
                    note.isPresent() ? note.get() : before.note());
            long now = System.currentTimeMillis();
            if (found.isEmpty()) {
                Jdbc.update(c, "INSERT INTO shop_buyers (shop_id, buyer_id, tags, note, updated_at) VALUES (?, ?, ?, ?, ?)",
                        shopId, buyerId, String.join(",", after.tags()), after.note(), now);
            } else {
                Jdbc.update(c, "UPDATE shop_buyers SET tags = ?, note = ?, updated_at = ? WHERE shop_id = ? AND buyer_id = ?",
                        String.join(",", after.tags()), after.note(), now, shopId, buyerId);
            }
            return after;
        });
    }

    private static List<String> splitTags(String tags) {
        return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
    }
}
