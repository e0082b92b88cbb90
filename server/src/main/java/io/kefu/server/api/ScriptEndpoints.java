package io.kefu.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.server.base.KefuException;
import io.kefu.server.audit.AdminAudit;
import io.kefu.server.auth.Permission;
import io.kefu.server.auth.Permissions;
import io.kefu.server.auth.Principal;
import io.kefu.server.scripts.Script;
import io.kefu.server.scripts.ScriptCsv;
import io.kefu.server.scripts.ScriptImport;
import io.kefu.server.scripts.ScriptLibrary;
import io.kefu.server.scripts.ScriptLimits;
import io.kefu.server.scripts.ScriptScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Quick replies over HTTP (contract §6, and the category extensions in {@code docs/scripts.md}). Role
 * checks, body and query parsing (an import file included) run on the calling event loop; searches are
 * answered from the library's cached index, and everything that reads or writes the store runs on the
 * store executor (see {@link ScriptLibrary}).
 */
final class ScriptEndpoints {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY = 100;

    private final ScriptLibrary library;
    private final ScriptLimits limits;
    private final AdminAudit audit;

    ScriptEndpoints(ApiServices services) {
        this.library = services.scripts();
        this.audit = services.audit();
        this.limits = library.limits();
    }

    CompletableFuture<ObjectNode> search(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String q = query(r, "q", MAX_QUERY);
        String category = query(r, "category", limits.maxCategory());
        int limit = (int) r.queryLong("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return library.search(shopId, who, q, category, limit).thenApply(ScriptEndpoints::scriptsJson);
    }

    CompletableFuture<ObjectNode> create(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        ScriptScope scope = scope(b.string("scope", 16));
        Permissions.require(who, scope == ScriptScope.SHOP ? Permission.SHOP_SCRIPTS : Permission.PERSONAL_SCRIPTS,
                shopId);
        String category = b.string("category", limits.maxCategory());
        String title = b.string("title", limits.maxTitle());
        String shortcut = shortcut(b).orElse(null);
        String body = b.string("body", limits.maxBody());
        Script draft = scope == ScriptScope.SHOP ? Script.shopDraft(shopId, category, title, shortcut, body)
                : Script.personalDraft(shopId, who.userId(), category, title, shortcut, body);
        return library.create(draft, who).thenApply(s -> {
            audit.record(shopId, AdminAudit.SCRIPT_CREATE, who, s.id(), "scope=" + s.scope().wire(), r.client());
            return ApiJson.object().put("id", s.id());
        });
    }

    CompletableFuture<ObjectNode> update(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String scriptId = r.param("scriptId");
        JsonBody b = r.json();
        Optional<ScriptScope> scope = b.optionalString("scope", 16).map(ScriptEndpoints::scope);
        Optional<String> category = b.optionalString("category", limits.maxCategory());
        Optional<String> title = b.optionalString("title", limits.maxTitle());
        boolean shortcutGiven = b.node().has("shortcut");
        Optional<String> shortcut = shortcut(b);
        Optional<String> body = b.optionalString("body", limits.maxBody());
        if (category.isEmpty() && title.isEmpty() && !shortcutGiven && body.isEmpty()) {
            throw KefuException.badRequest("nothing to change: send at least one of 'category', 'title', 'shortcut',"
                    + " 'body'");
        }
        UnaryOperator<Script> edit = current -> {
            if (scope.isPresent() && scope.get() != current.scope()) {
                throw KefuException.badRequest("field 'scope' cannot change (script " + scriptId + " is "
                        + current.scope().wire() + "); create a new script instead");
            }
            Script s = current.withCategory(category.orElse(current.category())).withTitle(title.orElse(current.title()))
                    .withBody(body.orElse(current.body()));
            return shortcutGiven ? s.withShortcut(shortcut.orElse(null)) : s;
        };
        return library.update(shopId, scriptId, who, edit).thenApply(s -> {
            audit.record(shopId, AdminAudit.SCRIPT_CHANGE, who, s.id(), "fields=" + RoutingEndpoints.fields(b), r.client());
            return scriptJson(s);
        });
    }

    CompletableFuture<ObjectNode> delete(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        String scriptId = r.param("scriptId");
        return library.delete(shopId, scriptId, who)
                .whenComplete((ok, e) -> {
                    if (e == null) {
                        audit.record(shopId, AdminAudit.SCRIPT_DELETE, who, scriptId, null, r.client());
                    }
                })
                .thenApply(ignored -> ApiJson.object().put("id", scriptId).put("deleted", true));
    }

    CompletableFuture<ObjectNode> categories(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        return library.categories(shopId, who).thenApply(counts -> {
            ObjectNode out = ApiJson.object();
            ArrayNode list = out.putArray("categories");
            counts.forEach((name, count) -> list.addObject().put("name", name).put("count", count));
            return out;
        });
    }

    CompletableFuture<ObjectNode> renameCategory(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        JsonBody b = r.json();
        String from = b.string("from", limits.maxCategory());
        String to = b.string("to", limits.maxCategory());
        return library.renameCategory(shopId, from, to, who).thenApply(n -> {
            audit.record(shopId, AdminAudit.SCRIPT_RENAME_CATEGORY, who, to, "from=" + from + " renamed=" + n, r.client());
            return ApiJson.object().put("renamed", n);
        });
    }

    CompletableFuture<Object> export(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        ScriptImport.Format format = ScriptImport.Format.of(query(r, "format", 8));
        return library.shopScripts(shopId).whenComplete((list, e) -> {
            if (e == null) {
                audit.record(shopId, AdminAudit.EXPORT_SCRIPTS, who, shopId, "format=" + format.name().toLowerCase(
                        java.util.Locale.ROOT) + " scripts=" + list.size(), r.client());
            }
        }).thenApply(scripts -> format == ScriptImport.Format.CSV
                ? new ApiFile("text/csv; charset=utf-8", "scripts-" + shopId.replaceAll("[^A-Za-z0-9_-]", "_") + ".csv",
                        ScriptCsv.write(scripts).getBytes(StandardCharsets.UTF_8))
                : scriptsJson(scripts));
    }

    CompletableFuture<ObjectNode> importScripts(ApiRequest r, Principal who) {
        String shopId = r.param("shopId");
        ScriptImport.Format format = ScriptImport.Format.of(query(r, "format", 8));
        ScriptImport.Parsed parsed = ScriptImport.parse(format, r.body(), shopId, limits);
        return library.importShopScripts(shopId, parsed, who).thenApply(result -> {
            audit.record(shopId, AdminAudit.SCRIPT_IMPORT, who, shopId, "imported=" + result.imported() + " skipped="
                    + result.skipped(), r.client());
            ObjectNode out = ApiJson.object().put("imported", result.imported()).put("skipped", result.skipped());
            ArrayNode errors = out.putArray("errors");
            result.errors().forEach(e -> errors.addObject().put("line", e.line()).put("message", e.message()));
            return out;
        });
    }

    static ObjectNode scriptJson(Script s) {
        ObjectNode node = ApiJson.object().put("id", s.id()).put("scope", s.scope().wire())
                .put("category", s.category()).put("title", s.title());
        if (s.shortcut() == null) {
            node.putNull("shortcut");
        } else {
            node.put("shortcut", s.shortcut());
        }
        return node.put("body", s.body()).put("uses", s.uses()).put("updatedAt", s.updatedAt());
    }

    private static ObjectNode scriptsJson(List<Script> scripts) {
        return ApiJson.list("scripts", scripts, ScriptEndpoints::scriptJson);
    }

    /** A shortcut as sent: absent, JSON null or "" mean none. */
    private static Optional<String> shortcut(JsonBody b) {
        Optional<JsonNode> v = b.value("shortcut");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.get().isTextual()) {
            throw KefuException.badRequest("field 'shortcut' must be a string, was " + ApiJson.kind(v.get()));
        }
        return Optional.of(v.get().asText()).filter(s -> !s.isBlank());
    }

    private static ScriptScope scope(String raw) {
        return ScriptScope.fromWire(raw).orElseThrow(() -> KefuException.badRequest(
                "field 'scope' must be shop or personal, was '" + raw + "'"));
    }

    /** The first value of a query parameter, stripped; {@code null} when absent. */
    private static String query(ApiRequest r, String name, int maxChars) {
        return r.queryText(name, maxChars);
    }
}
