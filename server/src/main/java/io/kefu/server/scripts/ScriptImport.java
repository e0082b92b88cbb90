package io.kefu.server.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an import file (contract §6) into checked shop-script drafts and per-row errors: JSON
 * {@code {scripts: [...]}} (a row's "line" is its index + 1) or CSV with the {@link ScriptCsv#HEADER}
 * columns (its physical line). A bad row becomes an {@link ImportError} and the others go on; only a file
 * that cannot be read at all (not UTF-8, not JSON, no header, too many rows) fails as a whole. Stateless;
 * any thread (parsing is CPU work bounded by the HTTP body limit).
 */
public final class ScriptImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptImport() {
    }

    /** The formats an import or export may use. */
    public enum Format {
        JSON, CSV;

        public static Format of(String raw) {
            return switch (raw == null ? "json" : raw.strip().toLowerCase(Locale.ROOT)) {
                case "", "json" -> JSON;
                case "csv" -> CSV;
                default -> throw KefuException.badRequest("query parameter 'format' must be json or csv, was '"
                        + raw + "'");
            };
        }
    }

    /** A row that was refused, by its line (CSV) or position (JSON, from 1). */
    public record ImportError(int line, String message) {
    }

    /** A checked draft and where it came from. */
    public record Row(int line, Script draft) {
    }

    /** The drafts worth storing and the rows already refused. */
    public record Parsed(List<Row> rows, List<ImportError> errors) {
        public Parsed {
            rows = List.copyOf(rows);
            errors = List.copyOf(errors);
        }
    }

    /** What an import did: rows stored, rows skipped as duplicates, rows refused (by line). */
    public record Result(int imported, int skipped, List<ImportError> errors) {
        public Result {
            errors = errors.stream().sorted(Comparator.comparingInt(ImportError::line)).toList();
        }
    }

    public static Parsed parse(Format format, byte[] body, String shopId, ScriptLimits limits) {
        return format == Format.CSV ? csv(body, shopId, limits) : json(body, shopId, limits);
    }

    static Parsed csv(byte[] body, String shopId, ScriptLimits limits) {
        List<ScriptCsv.Record> records = ScriptCsv.read(ScriptCsv.utf8(body));
        if (records.isEmpty()) {
            throw KefuException.badRequest("the CSV file is empty; its first line must be the header "
                    + String.join(",", ScriptCsv.HEADER));
        }
        Map<String, Integer> columns = header(records.get(0));
        checkRowCount(records.size() - 1, limits);
        List<Row> rows = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        for (ScriptCsv.Record r : records.subList(1, records.size())) {
            if (r.error() != null) {
                errors.add(new ImportError(r.line(), r.error()));
            } else if (r.fields().size() != columns.size()) {
                errors.add(new ImportError(r.line(), "the row has " + r.fields().size() + " fields; the header has "
                        + columns.size()));
            } else {
                row(r.line(), shopId, limits, rows, errors, column -> r.fields().get(columns.get(column)));
            }
        }
        return new Parsed(rows, errors);
    }

    static Parsed json(byte[] body, String shopId, ScriptLimits limits) {
        JsonNode scripts = scriptsArray(body);
        checkRowCount(scripts.size(), limits);
        List<Row> rows = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            JsonNode item = scripts.get(i);
            int line = i + 1;
            if (!item.isObject()) {
                errors.add(new ImportError(line, "scripts[" + i + "] must be an object"));
                continue;
            }
            row(line, shopId, limits, rows, errors, field -> text(item, field));
        }
        return new Parsed(rows, errors);
    }

    private interface Fields {
        String get(String name);
    }

    private static void row(int line, String shopId, ScriptLimits limits, List<Row> rows, List<ImportError> errors,
                            Fields f) {
        try {
            String scope = f.get("scope");
            if (scope != null && !scope.isBlank() && !ScriptScope.SHOP.wire().equalsIgnoreCase(scope.strip())) {
                throw KefuException.badRequest("field 'scope' must be shop (only shop scripts are imported), was '"
                        + scope.strip() + "'");
            }
            Script draft = Script.shopDraft(shopId, orEmpty(f.get("category")), orEmpty(f.get("title")),
                    f.get("shortcut"), orEmpty(f.get("body")));
            rows.add(new Row(line, ScriptRules.check(draft, limits)));
        } catch (KefuException e) {
            errors.add(new ImportError(line, e.getMessage()));
        }
    }

    private static Map<String, Integer> header(ScriptCsv.Record first) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < first.fields().size(); i++) {
            columns.put(first.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        if (first.error() != null || columns.size() != ScriptCsv.HEADER.size() || first.fields().size() != columns.size()
                || !columns.keySet().containsAll(ScriptCsv.HEADER)) {
            throw KefuException.badRequest("line " + first.line() + " of the CSV file must be the header "
                    + String.join(",", ScriptCsv.HEADER) + " (in any order), was '"
                    + String.join(",", first.fields()) + "'");
        }
        return columns;
    }

    private static JsonNode scriptsArray(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw KefuException.badRequest("the file is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw KefuException.badRequest("the file cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("scripts").isArray()) {
            throw KefuException.badRequest("a JSON import must be an object {\"scripts\": [...]}");
        }
        return root.get("scripts");
    }

    private static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw KefuException.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static void checkRowCount(int rows, ScriptLimits limits) {
        if (rows > limits.maxPerImport()) {
            throw new KefuException(ErrorCode.TOO_LARGE, "the file has " + rows + " scripts; at most "
                    + limits.maxPerImport() + " may be imported at once");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
