package io.kefu.server.store;

import io.kefu.server.base.IdGenerator;
import io.kefu.server.base.KefuException;
import io.kefu.server.bot.BotSettings;
import io.kefu.server.bot.BotSettingsJson;
import io.kefu.server.bot.Faq;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@link BotStore} over JDBC: the settings in {@code shops.bot} (JSON; empty for the defaults),
 * the FAQs in {@code faqs} with their keywords one per line. Runs on store threads only (it blocks on the
 * database).
 */
public final class JdbcBotStore implements BotStore {
    private static final String COLUMNS = "id, question, answer, keywords";
    private static final String ORDER = " ORDER BY created_at, id";

    private final Jdbc jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    public JdbcBotStore(Database database, IdGenerator ids, Clock clock) {
        this(database.dataSource(), ids, clock);
    }

    public JdbcBotStore(DataSource dataSource, IdGenerator ids, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public ShopBot load(String shopId) {
        return jdbc.withConnection("load bot", c -> new ShopBot(settings(c, shopId, false),
                Jdbc.query(c, "SELECT " + COLUMNS + " FROM faqs WHERE shop_id = ?" + ORDER, JdbcBotStore::faq,
                        shopId)));
    }

    @Override
    public BotSettings settings(String shopId) {
        return jdbc.withConnection("read bot settings", c -> settings(c, shopId, false));
    }

    @Override
    public BotSettings updateSettings(String shopId, UnaryOperator<BotSettings> change) {
        return jdbc.inTransaction("save bot settings", c -> {
            BotSettings changed = change.apply(settings(c, shopId, true));
            Jdbc.update(c, "UPDATE shops SET bot = ? WHERE id = ?", BotSettingsJson.toStored(changed), shopId);
            return changed;
        });
    }

    @Override
    public List<Faq> faqs(String shopId) {
        return jdbc.withConnection("list faqs", c -> {
            requireShop(c, shopId, false);
            return Jdbc.query(c, "SELECT " + COLUMNS + " FROM faqs WHERE shop_id = ?" + ORDER, JdbcBotStore::faq,
                    shopId);
        });
    }

    @Override
    public Optional<Faq> find(String shopId, String faqId) {
        return jdbc.queryOne("find faq", "SELECT " + COLUMNS + " FROM faqs WHERE id = ? AND shop_id = ?",
                JdbcBotStore::faq, faqId, shopId);
    }

    @Override
    public Faq create(String shopId, Faq draft, int maxPerShop) {
        return jdbc.inTransaction("create faq", c -> {
            requireShop(c, shopId, true);
            long count = Jdbc.query(c, "SELECT COUNT(*) FROM faqs WHERE shop_id = ?", rs -> rs.getLong(1), shopId)
                    .get(0);
            if (count >= maxPerShop) {
                throw KefuException.invalidState("shop " + shopId + " has " + count + " FAQs, the most it may have ("
                        + maxPerShop + "); delete some first");
            }
            Faq stored = draft.withId(ids.next());
            long now = clock.millis();
            Jdbc.update(c, "INSERT INTO faqs (" + COLUMNS + ", shop_id, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", stored.id(), stored.question(), stored.answer(),
                    String.join("\n", stored.keywords()), shopId, now, now);
            return stored;
        });
    }

    @Override
    public Optional<Faq> update(String shopId, Faq faq) {
        int rows = jdbc.update("update faq", "UPDATE faqs SET question = ?, answer = ?, keywords = ?, updated_at = ?"
                + " WHERE id = ? AND shop_id = ?", faq.question(), faq.answer(), String.join("\n", faq.keywords()),
                clock.millis(), faq.id(), shopId);
        return rows == 0 ? Optional.empty() : Optional.of(faq);
    }

    @Override
    public boolean delete(String shopId, String faqId) {
        return jdbc.update("delete faq", "DELETE FROM faqs WHERE id = ? AND shop_id = ?", faqId, shopId) > 0;
    }

    private static BotSettings settings(Connection c, String shopId, boolean lock) throws SQLException {
        return Jdbc.query(c, "SELECT bot FROM shops WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                        rs -> BotSettingsJson.fromStored(rs.getString(1)), shopId).stream().findFirst()
                .orElseThrow(() -> KefuException.notFound("shop '" + shopId + "' not found"));
    }

    private static void requireShop(Connection c, String shopId, boolean lock) throws SQLException {
        if (Jdbc.query(c, "SELECT id FROM shops WHERE id = ?" + (lock ? " FOR UPDATE" : ""), rs -> rs.getString(1),
                shopId).isEmpty()) {
            throw KefuException.notFound("shop '" + shopId + "' not found");
        }
    }

    private static Faq faq(ResultSet rs) throws SQLException {
        String keywords = rs.getString("keywords");
        return new Faq(rs.getString("id"), rs.getString("question"), rs.getString("answer"),
                keywords.isEmpty() ? List.of() : List.of(keywords.split("\n")));
    }
}
