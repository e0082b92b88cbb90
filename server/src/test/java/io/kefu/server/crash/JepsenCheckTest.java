package io.kefu.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.protocol.Body;
import io.kefu.protocol.Msg;
import io.kefu.protocol.Party;
import io.kefu.protocol.PartyType;
import io.kefu.server.crash.JepsenCheck.Verdict;
import io.kefu.server.crash.Ledger.ConvHistory;
import io.kefu.server.crash.Ledger.OpKind;
import io.kefu.server.crash.Ledger.Outcome;
import io.kefu.server.crash.Ledger.SentMessage;
import io.kefu.server.crash.Ledger.StateOp;
import io.kefu.server.store.Database;
import io.kefu.server.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The crash test's check finds each kind of damage it is there to find, and nothing in a clean history. */
class JepsenCheckTest {
    private Database db;
    private Ledger ledger;
    private ConvHistory conv;

    @BeforeEach
    void given_a_conversation_with_two_acknowledged_messages() throws SQLException {
        db = TestDatabases.h2();
        ledger = new Ledger();
        exec("INSERT INTO shops (id, name, created_at) VALUES ('s1', 'shop', 0)");
        exec("INSERT INTO conversations (id, shop_id, buyer_id, state, agent_id, created_at, rating, rating_comment)"
                + " VALUES ('c1', 's1', 'b1', 'closed', 'a2', 0, 4, 'good')");
        conv = ledger.conversation("c1", "s1", "b1");
        send("b1", "m1", 1, true);
        send("a1", "m2", 2, true);
        ledger.record(conv, new StateOp(OpKind.TRANSFER, "a2", null, Outcome.ACKED, "ok"));
        ledger.record(conv, new StateOp(OpKind.CLOSE, "b1", null, Outcome.ACKED, "ok"));
        ledger.record(conv, new StateOp(OpKind.RATE, "4", "good", Outcome.ACKED, "ok"));
        ledger.delivered("crash-buyer-b1", msg(1, "m1"));
        ledger.delivered("crash-buyer-b1", msg(2, "m2"));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void a_clean_history_passes() {
        Verdict v = JepsenCheck.run(db, ledger);
        assertThat(v.problems()).isEmpty();
        assertThat(v.clean()).isTrue();
        assertThat(v.acked()).isEqualTo(2);
        assertThat(v.closesAcked()).isEqualTo(1);
    }

    @Test
    void an_acknowledged_message_missing_is_lost_and_leaves_a_gap() throws SQLException {
        send("b1", "m3", 3, true);
        store("b1", "m4", 4);
        SentMessage m4 = ledger.sending("c1", "b1", "m4", "b1 m4");
        ledger.acked(m4, 4, 4);
        Verdict v = JepsenCheck.run(db, ledger);
        assertThat(v.lost()).isEqualTo(0);
        exec("DELETE FROM messages WHERE cmid = 'm3'");
        v = JepsenCheck.run(db, ledger);
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.gaps()).isEqualTo(1);
        assertThat(v.clean()).isFalse();
    }

    @Test
    void a_message_nobody_sent_is_unexpected() throws SQLException {
        store("b1", "m9", 3);
        assertThat(JepsenCheck.run(db, ledger).unexpected()).isEqualTo(1);
    }

    @Test
    void a_message_stored_twice_is_a_duplicate() throws SQLException {
        exec("INSERT INTO messages (conv_id, seq, sender_type, sender_id, kind, body, ts, cmid)"
                + " VALUES ('c1', 3, 'buyer', 'b1x', 'text', '{\"text\":\"b1 m1\"}', 1, 'm1')");
        Verdict v = JepsenCheck.run(db, ledger);
        assertThat(v.duplicates()).isEqualTo(1);
        assertThat(v.clean()).isFalse();
    }

    @Test
    void reverted_transfer_close_and_rating_are_found() throws SQLException {
        exec("UPDATE conversations SET state = 'assigned', agent_id = 'a1', rating = NULL WHERE id = 'c1'");
        Verdict v = JepsenCheck.run(db, ledger);
        assertThat(v.transfersLost()).isEqualTo(1);
        assertThat(v.closesLost()).isEqualTo(1);
        assertThat(v.ratingsLost()).isEqualTo(1);
    }

    @Test
    void a_transfer_followed_by_one_without_answer_is_not_judged() throws SQLException {
        ledger.record(conv, new StateOp(OpKind.TRANSFER, "a1", null, Outcome.UNKNOWN, "ConnectionClosedException"));
        assertThat(JepsenCheck.run(db, ledger).transfersLost()).isZero();
    }

    @Test
    void a_client_delivered_out_of_order_or_with_a_gap_or_unlike_the_store_is_found() {
        ledger.delivered("crash-buyer-b1", msg(1, "m1"));
        ledger.delivered("crash-buyer-b2", msg(1, "m1"));
        ledger.delivered("crash-buyer-b2", msg(3, "m3"));
        ledger.delivered("crash-buyer-b3", msg(2, "other"));
        Verdict v = JepsenCheck.run(db, ledger);
        assertThat(v.clientOrder()).isEqualTo(1);
        assertThat(v.clientGaps()).isEqualTo(1);
        assertThat(v.clientMismatch()).isEqualTo(2);
    }

    @Test
    void an_opened_conversation_missing_is_lost() {
        ledger.conversation("c2", "s1", "b2");
        assertThat(JepsenCheck.run(db, ledger).conversationsLost()).isEqualTo(1);
    }

    private void send(String sender, String cmid, long seq, boolean stored) throws SQLException {
        SentMessage m = ledger.sending("c1", sender, cmid, sender + " " + cmid);
        ledger.acked(m, seq, seq);
        if (stored) {
            store(sender, cmid, seq);
        }
    }

    private void store(String sender, String cmid, long seq) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO messages (conv_id, seq, sender_type, sender_id, kind, body, ts, cmid)"
                        + " VALUES ('c1', ?, 'buyer', ?, 'text', ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, sender);
            ps.setString(3, "{\"text\":\"" + sender + " " + cmid + "\"}");
            ps.setLong(4, seq);
            ps.setString(5, cmid);
            ps.executeUpdate();
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Msg msg(long seq, String cmid) {
        return new Msg("c1", seq, new Party(PartyType.BUYER, "b1"), "text", Body.text("x"), seq, cmid);
    }
}
