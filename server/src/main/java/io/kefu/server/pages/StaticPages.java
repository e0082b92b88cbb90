package io.kefu.server.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every file under {@code pages/} on the class path, read once at start and kept in memory (all of them
 * together are well under 200 KB), by the URL path that serves it. Immutable; any thread.
 */
public final class StaticPages {
    /** The resource folder on the class path. */
    static final String ROOT = "pages/";
    /** Pages by their URL path. */
    static final Map<String, String> PAGES = Map.of(
            "/", "index.html",
            "/widget", "widget.html",
            "/demo", "demo.html",
            "/console", "console.html",
            "/kefu.js", "kefu.js");
    /** Files served under {@code /assets/}: the pages' scripts, styles and icon. */
    static final List<String> ASSETS = List.of("i18n.js", "dom.js", "widget.js", "widget-page.js", "widget.css",
            "demo.js", "demo.css", "console.js", "console.css", "common.css", "favicon.svg");
    static final String ASSET_PREFIX = "/assets/";

    private final Map<String, StaticPage> byPath;

    private StaticPages(Map<String, StaticPage> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Reads every page and asset; a missing file stops start-up (the jar is broken). */
    public static StaticPages load() {
        ClassLoader loader = StaticPages.class.getClassLoader();
        Map<String, StaticPage> pages = new LinkedHashMap<>();
        PAGES.forEach((path, file) -> pages.put(path, read(loader, path, file)));
        for (String file : ASSETS) {
            pages.put(ASSET_PREFIX + file, read(loader, ASSET_PREFIX + file, file));
        }
        return new StaticPages(pages);
    }

    /** The file served at this decoded URL path. */
    public Optional<StaticPage> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Every file's uncompressed size added up, in bytes (the pages' budget is 200 KB). */
    public long totalBytes() {
        return byPath.values().stream().mapToLong(p -> p.body().length).sum();
    }

    private static StaticPage read(ClassLoader loader, String path, String file) {
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("page resource " + ROOT + file + " is missing from the class path");
            }
            byte[] body = in.readAllBytes();
            StaticPage.Kind kind = file.endsWith(".html") ? StaticPage.Kind.HTML : StaticPage.Kind.ASSET;
            return StaticPage.of(path, contentType(file), body, kind);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read page resource " + ROOT + file, e);
        }
    }

    static String contentType(String file) {
        String ext = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "json" -> "application/json; charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
