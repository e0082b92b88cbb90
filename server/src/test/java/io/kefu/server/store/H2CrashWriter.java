package io.kefu.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.base.IdGenerator;
import java.util.List;

/**
 * Run in a child JVM by {@link H2FileTest}: writes through the real stores to an H2 file, prints what
 * was acknowledged, and dies at once without closing anything (no shutdown hooks, no H2 close), as a
 * killed server would.
 */
public final class H2CrashWriter {
    private H2CrashWriter() {
    }

    /**
     * {@code args}: the JDBC URL, the number of single-message commits, and optionally {@code committed-only}: the
     * messages committed to H2 outside the store (not journaled, as an attempt reported failed leaves them), then
     * made durable by {@link MessageStore#makeCommittedDurable} before they count as acknowledged.
     */
    public static void main(String[] args) throws java.sql.SQLException {
        String url = args[0];
        int messages = Integer.parseInt(args[1]);
        boolean committedOnly = args.length > 2 && "committed-only".equals(args[2]);
        Database db = new Database(url, "sa", "", 2);
        new JdbcShopStore(db, new IdGenerator(1)).createShop("Crash Tea House");
        MessageStore store = new JdbcMessageStore(db, new ObjectMapper());
        Party buyer = new Party(PartyType.BUYER, "b1");
        for (int seq = 1; seq <= messages; seq++) {
            if (!committedOnly) {
                store.insertBatch(List.of(new Msg("c1", seq, buyer, "text", Body.text("m" + seq), seq, "cm" + seq)));
                continue;
            }
            try (java.sql.Connection c = db.dataSource().getConnection();
                    java.sql.PreparedStatement insert = c.prepareStatement(JdbcMessageStore.INSERT)) {
                Jdbc.bind(insert, "c1", seq, "buyer", "b1", "text", "{\"text\":\"m" + seq + "\"}", seq, "cm" + seq);
                insert.executeUpdate();
            }
        }
        if (committedOnly) {
            store.makeCommittedDurable();
        }
        System.out.println("acknowledged " + messages);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
