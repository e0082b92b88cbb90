package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import io.kefu.server.routing.LiveView;
import io.kefu.server.stats.kpi.KpiReports;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The numbers of contract §11: KPI reports from the rollups ({@code GET .../stats}, JSON or CSV) and the live view
 * from the shop's router ({@code GET .../live}). Checks run on the calling event loop; the report on the store
 * executor, the live view on the shop's router lane.
 */
final class KpiEndpoints {
    private final ApiServices s;

    KpiEndpoints(ApiServices services) {
        this.s = services;
    }

    /** Managers see every row; an agent of the shop sees only their own (whatever {@code by} cuts it into). */
    CompletableFuture<Object> stats(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String agentOnly = Permissions.allows(who, Permission.ALL_STATS_ROWS, shopId) ? null : who.userId();
        KpiReports.By by = KpiReports.By.of(query(r, "by", 8));
        String format = query(r, "format", 8);
        boolean csv = "csv".equalsIgnoreCase(format);
        if (format != null && !format.isEmpty() && !csv && !"json".equalsIgnoreCase(format)) {
            throw KefuException.badRequest("query parameter 'format' must be json or csv, was '" + format + "'");
        }
        return s.kpis().report(shopId, query(r, "from", 40), query(r, "to", 40), by, agentOnly)
                .thenApply(report -> {
                    if (csv) {
                        s.audit().record(shopId, AdminAudit.EXPORT_STATS, who, shopId, "by=" + report.by().name()
                                .toLowerCase(java.util.Locale.ROOT) + " from=" + report.from() + " to=" + report.to(),
                                r.client());
                        return csv(shopId, report);
                    }
                    return json(report);
                });
    }

    CompletableFuture<Object> live(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return s.routing().live(shopId).thenApply(KpiEndpoints::liveJson);
    }

    static ObjectNode json(KpiReports.Report report) {
        ObjectNode out = ApiJson.object().put("from", report.from()).put("to", report.to())
                .put("zone", report.zone().getId()).put("by", report.by().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode rows = out.putArray("rows");
        for (KpiReports.Row row : report.rows()) {
            ObjectNode o = rows.addObject().put("key", row.key());
            for (Map.Entry<String, Number> f : row.figures().entrySet()) {
                Number v = f.getValue();
                if (v == null) {
                    o.putNull(f.getKey());
                } else if (v instanceof Double d) {
                    o.put(f.getKey(), d);
                } else {
                    o.put(f.getKey(), v.longValue());
                }
            }
        }
        return out;
    }

    /** One header line (key and the figure names), one line per row; a figure without a value is empty. */
    static ApiFile csv(String shopId, KpiReports.Report report) {
        StringBuilder b = new StringBuilder("key");
        List<String> names = KpiReports.figureNames();
        names.forEach(n -> b.append(',').append(n));
        b.append("\r\n");
        for (KpiReports.Row row : report.rows()) {
            b.append(csvField(row.key()));
            for (String n : names) {
                Number v = row.figures().get(n);
                b.append(',').append(v == null ? "" : v.toString());
            }
            b.append("\r\n");
        }
        String name = "kpis-" + shopId.replaceAll("[^A-Za-z0-9_-]", "_") + "-"
                + report.by().name().toLowerCase(java.util.Locale.ROOT) + ".csv";
        return new ApiFile("text/csv; charset=utf-8", name, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Keys are ids, dates and times; quoted when they hold a comma or quote, and never read as a formula. */
    private static String csvField(String v) {
        String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return safe.contains(",") || safe.contains("\"") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    static ObjectNode liveJson(LiveView view) {
        ObjectNode out = ApiJson.object().put("ts", view.ts());
        ArrayNode convs = out.putArray("conversations");
        for (LiveView.Conversation c : view.conversations()) {
            ObjectNode o = convs.addObject().put("conv", c.conv()).put("state", c.state()).put("group", c.group())
                    .put("agent", c.agent()).put("buyer", c.buyer());
            if (c.waitingSinceTs() == null) {
                o.putNull("waitingSinceTs");
            } else {
                o.put("waitingSinceTs", c.waitingSinceTs());
            }
            o.put("unansweredSec", c.unansweredSec());
        }
        ArrayNode agents = out.putArray("agents");
        for (LiveView.Agent a : view.agents()) {
            agents.addObject().put("id", a.id()).put("name", a.name()).put("status", a.status())
                    .put("active", a.active()).put("maxConcurrent", a.maxConcurrent()).put("unanswered", a.unanswered());
        }
        return out;
    }

    private static String query(ApiRequest r, String name, int maxChars) {
        return r.queryText(name, maxChars);
    }
}
