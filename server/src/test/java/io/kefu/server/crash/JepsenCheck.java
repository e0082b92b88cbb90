package io.kefu.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.server.crash.Ledger.ConvHistory;
import io.kefu.server.crash.Ledger.OpKind;
import io.kefu.server.crash.Ledger.Outcome;
import io.kefu.server.crash.Ledger.Seen;
import io.kefu.server.crash.Ledger.SentMessage;
import io.kefu.server.crash.Ledger.StateOp;
import io.kefu.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the {@link Ledger} with what the database holds once the server is dead, read with plain JDBC:
 * every acknowledged message stored once with its acknowledged {@code seq} and {@code ts}, nothing
 * stored that no client sent, no duplicate, {@code seq} without gaps, what each client was delivered in
 * order and as stored, and every acknowledged open, transfer, close and rating in the conversation's
 * record. Runs on the test thread.
 */
final class JepsenCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Examples kept per kind of problem, for the failure message. */
    private static final int EXAMPLES = 10;

    /** The findings; {@link #problems} has an example of each, naming the conversation and cmid. */
    record Verdict(long sent, long acked, long stored, int lost, int unexpected, int duplicates, int gaps,
                   int conversations, int conversationsLost, int clientOrder, int clientMismatch, int clientGaps,
                   int transfersAcked, int transfersLost, int closesAcked, int closesLost, int ratingsAcked,
                   int ratingsLost, List<String> problems) {
        boolean clean() {
            return lost == 0 && unexpected == 0 && duplicates == 0 && gaps == 0 && conversationsLost == 0
                    && clientOrder == 0 && clientMismatch == 0 && clientGaps == 0 && transfersLost == 0
                    && closesLost == 0 && ratingsLost == 0;
        }
    }

    private record Row(String conv, long seq, String senderType, String sender, String text, long ts, String cmid) {
    }

    private record Stored(String state, String agent, Integer rating, String comment) {
    }

    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> examples = new HashMap<>();

    private JepsenCheck() {
    }

    static Verdict run(Database db, Ledger ledger) {
        return new JepsenCheck().check(db, ledger);
    }

    private Verdict check(Database db, Ledger ledger) {
        List<Row> rows = messages(db);
        Map<String, Stored> convs = conversations(db);
        Map<String, SentMessage> sent = ledger.sent();

        Map<String, List<Row>> byCmid = new HashMap<>();
        Map<String, List<Long>> seqs = new HashMap<>();
        Map<String, Row> bySeq = new HashMap<>();
        for (Row r : rows) {
            seqs.computeIfAbsent(r.conv(), c -> new ArrayList<>()).add(r.seq());
            bySeq.put(r.conv() + "#" + r.seq(), r);
            if (r.cmid() != null) {
                byCmid.computeIfAbsent(r.cmid(), c -> new ArrayList<>()).add(r);
            }
        }
        int unexpected = 0;
        int duplicates = 0;
        for (Row r : rows) {
            SentMessage m = r.cmid() == null ? null : sent.get(r.cmid());
            if (m == null || !m.conv.equals(r.conv()) || !m.sender.equals(r.sender()) || !m.text.equals(r.text())) {
                unexpected++;
                problem("unexpected", "stored but not sent like this: " + r + (m == null ? "" : " (sent: conv "
                        + m.conv + ", sender " + m.sender + ", text '" + m.text + "')"));
            }
        }
        for (List<Row> same : byCmid.values()) {
            if (same.size() > 1) {
                duplicates += same.size() - 1;
                problem("duplicate", "cmid " + same.get(0).cmid() + " stored " + same.size() + " times: " + same);
            }
        }
        long acked = 0;
        int lost = 0;
        for (SentMessage m : sent.values()) {
            if (!m.acked()) {
                continue;
            }
            acked++;
            List<Row> stored = byCmid.getOrDefault(m.cmid, List.of());
            Row r = stored.isEmpty() ? null : stored.get(0);
            if (r == null || r.seq() != m.seq || r.ts() != m.ts || !r.conv().equals(m.conv)) {
                lost++;
                problem("lost", "acknowledged as " + m.conv + " seq " + m.seq + " ts " + m.ts + ", cmid " + m.cmid
                        + " from " + m.sender + ": " + (r == null ? "not stored" : "stored as " + r));
            }
        }
        int gaps = 0;
        for (Map.Entry<String, List<Long>> e : seqs.entrySet()) {
            List<Long> s = e.getValue();
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i) != i + 1) {
                    gaps++;
                    problem("gap", "conversation " + e.getKey() + " has seqs " + abbreviate(s));
                    break;
                }
            }
        }
        ClientFindings clients = clients(ledger, bySeq);
        return states(ledger, convs, rows.size(), sent.size(), acked, lost, unexpected, duplicates, gaps, clients);
    }

    private record ClientFindings(int order, int mismatch, int gaps) {
    }

    /** Per client and conversation: delivered in increasing seq, buyers without gaps, each as stored. */
    private ClientFindings clients(Ledger ledger, Map<String, Row> bySeq) {
        Map<String, Long> last = new HashMap<>();
        int order = 0;
        int mismatch = 0;
        int gaps = 0;
        for (Seen s : ledger.seen()) {
            String key = s.client() + " " + s.conv();
            Long before = last.put(key, s.seq());
            if (before != null && s.seq() <= before) {
                order++;
                problem("order", s.client() + " was delivered seq " + s.seq() + " of " + s.conv() + " after " + before);
            } else if (before != null && s.seq() != before + 1 && s.client().startsWith("crash-buyer-")) {
                gaps++;
                problem("client gap", s.client() + " was delivered seq " + s.seq() + " of " + s.conv() + " after "
                        + before);
            }
            Row r = bySeq.get(s.conv() + "#" + s.seq());
            if (r == null || !java.util.Objects.equals(r.cmid(), s.cmid())) {
                mismatch++;
                problem("delivered", s.client() + " was delivered " + s.conv() + " seq " + s.seq() + " cmid "
                        + s.cmid() + " but the database has " + r);
            }
        }
        return new ClientFindings(order, mismatch, gaps);
    }

    private Verdict states(Ledger ledger, Map<String, Stored> convs, long stored, long sentCount, long acked, int lost,
                           int unexpected, int duplicates, int gaps, ClientFindings clients) {
        int convLost = 0;
        int[] transfers = new int[2];
        int[] closes = new int[2];
        int[] ratings = new int[2];
        for (ConvHistory h : ledger.conversations().values()) {
            Stored s = convs.get(h.conv);
            if (s == null) {
                convLost++;
                problem("conversation", "opened (ok) but not stored: " + h.conv + " of buyer " + h.buyer);
                continue;
            }
            List<StateOp> ops = h.ops();
            StateOp lastTransfer = null;
            for (StateOp op : ops) {
                if (op.kind() == OpKind.TRANSFER && op.outcome() != Outcome.REFUSED) {
                    lastTransfer = op;
                }
                if (op.outcome() != Outcome.ACKED) {
                    continue;
                }
                if (op.kind() == OpKind.CLOSE) {
                    closes[0]++;
                    if (!"closed".equals(s.state())) {
                        closes[1]++;
                        problem("close", "close of " + h.conv + " acknowledged but the conversation is " + s.state()
                                + "; its history: " + ops);
                    }
                } else if (op.kind() == OpKind.RATE) {
                    ratings[0]++;
                    if (s.rating() == null || s.rating() != Integer.parseInt(op.target())
                            || !op.comment().equals(s.comment())) {
                        ratings[1]++;
                        problem("rating", "rating " + op.target() + " of " + h.conv + " acknowledged but stored is "
                                + s.rating() + " '" + s.comment() + "'");
                    }
                } else {
                    transfers[0]++;
                }
            }
            if (lastTransfer != null && lastTransfer.outcome() == Outcome.ACKED
                    && !lastTransfer.target().equals(s.agent())) {
                transfers[1]++;
                problem("transfer", "transfer of " + h.conv + " to " + lastTransfer.target()
                        + " acknowledged (and the last one tried) but its agent is " + s.agent() + "; its history: " + ops);
            }
        }
        return new Verdict(sentCount, acked, stored, lost, unexpected, duplicates, gaps,
                ledger.conversations().size(), convLost, clients.order(), clients.mismatch(), clients.gaps(),
                transfers[0], transfers[1], closes[0], closes[1], ratings[0], ratings[1], List.copyOf(problems));
    }

    private void problem(String kind, String text) {
        int n = examples.merge(kind, 1, Integer::sum);
        if (n <= EXAMPLES) {
            problems.add(kind + ": " + text);
        }
    }

    private static List<Row> messages(Database db) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT conv_id, seq, sender_type, sender_id, body, ts, cmid"
                     + " FROM messages ORDER BY conv_id, seq")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        text(rs.getString(5)), rs.getLong(6), rs.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the messages", e);
        }
        return rows;
    }

    private static Map<String, Stored> conversations(Database db) {
        Map<String, Stored> convs = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, state, agent_id, rating, rating_comment FROM conversations")) {
            while (rs.next()) {
                int score = rs.getInt(4);
                Integer rating = rs.wasNull() ? null : score; // at once: wasNull() is about the last column read
                convs.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3), rating, rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the conversations", e);
        }
        return convs;
    }

    private static String text(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("text").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored body is not JSON: " + body, e);
        }
    }

    private static String abbreviate(List<Long> seqs) {
        return seqs.size() <= 20 ? seqs.toString() : seqs.subList(0, 20) + "... (" + seqs.size() + ")";
    }
}
