package io.kefu.server;

import io.kefu.server.auth.Principal;
import io.kefu.server.demo.DemoInfo;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What an operator sees at start: where to connect, the admin key when it was generated, and in demo
 * mode the demo shop's groups, its logins with the groups each answers for, and a buyer token to try the
 * widget with. Printed to stdout, not logged, so secrets do not end up in log files.
 */
final class StartupBanner {
    private StartupBanner() {
    }

    static void print(KefuServer server, DemoInfo demo, PrintStream out) {
        var c = server.config();
        var s = server.services();
        String host = c.host().equals("0.0.0.0") ? "localhost" : c.host();
        String base = host + ":" + server.port();
        out.println();
        out.println("Kefu is up");
        out.println("  WebSocket  ws://" + base + "/ws   (sub-protocols kefu.v1.json, kefu.v1.bin)");
        out.println("  HTTP API   http://" + base + "/api/v1");
        out.println("  Health     http://" + base + "/health    Metrics http://" + base + "/metrics");
        out.println("  Console    http://" + base + "/console   (agents and supervisors log in here)");
        if (demo != null) {
            out.println("  Demo       http://" + base + "/demo      (a product page with the buyer's chat widget)");
        }
        out.println("  Database   " + s.database().dialect());
        if (s.adminKey().generated()) {
            out.println("  Admin key  " + s.adminKey().reveal() + "   (generated; set KEFU_ADMIN_KEY to keep one)");
        } else {
            out.println("  Admin key  (from KEFU_ADMIN_KEY)");
        }
        if (demo != null) {
            printDemo(demo, base, s.jwt().issue(Principal.buyer("demo-buyer", "Demo Buyer"), Duration.ofDays(1)), out);
        }
        out.println();
    }

    /** The demo shop: its groups, each login with the groups it answers for, a buyer token, a login command. */
    static void printDemo(DemoInfo demo, String base, String buyerToken, PrintStream out) {
        out.println("  Demo shop  " + demo.shopName() + "  id " + demo.shopId());
        for (DemoInfo.Group g : demo.groups()) {
            out.println("    group    " + g.name() + "  id " + g.id() + (g.isDefault() ? "  (default)" : "")
                    + "  entries " + g.entryTypes());
        }
        for (DemoInfo.Login l : demo.logins()) {
            out.println("    login    " + l.username() + " / " + l.password() + "  (" + l.role().wire() + ", "
                    + l.name() + ", id " + l.agentId() + ")  groups "
                    + (l.groupNames().isEmpty() ? "(none)" : String.join(", ", l.groupNames())));
        }
        out.println("  Buyer token for 'demo-buyer' (24 h):");
        out.println("    " + buyerToken);
        out.println("  Agent login: curl -s -XPOST http://" + base + "/api/v1/auth/agent -d '{\"shopId\":\""
                + demo.shopId() + "\",\"username\":\"" + demo.logins().get(0).username() + "\",\"password\":\""
                + demo.logins().get(0).password() + "\"}'");
    }
}
