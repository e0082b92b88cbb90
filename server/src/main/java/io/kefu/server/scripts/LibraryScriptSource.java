package io.kefu.server.scripts;

import io.kefu.server.auth.Principal;
import io.kefu.server.routing.spi.ScriptSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The script library as routing sees it: a script found by id in the cached index (loaded on the store
 * executor on a miss) and filled by {@link ScriptFiller}; a use counted per send. Thread-safe, never blocks.
 */
public final class LibraryScriptSource implements ScriptSource {
    private final ScriptLibrary library;

    public LibraryScriptSource(ScriptLibrary library) {
        this.library = library;
    }

    @Override
    public CompletableFuture<Optional<Filled>> fill(String shopId, String scriptId, Principal who,
                                                    Map<String, String> values) {
        return library.findAsync(shopId, scriptId, who).thenApply(found -> found.map(s -> fillText(s.body(), values)));
    }

    @Override
    public Filled fillText(String body, Map<String, String> values) {
        ScriptFiller.Filled f = ScriptFiller.fill(body, values);
        return new Filled(f.text(), f.missing());
    }

    @Override
    public void used(String shopId, String scriptId) {
        library.recordUse(shopId, scriptId);
    }
}
