package io.kefu.server.store;

import io.kefu.server.scripts.Script;
import io.kefu.server.scripts.ScriptLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quick replies (contract §6): a shop's scripts and its agents' personal ones. Every call is scoped by
 * shop, so an id of another shop's script is simply not found. Writes to one shop's scripts are
 * serialised on the shop row, which keeps the shortcut and count checks true. Runs on store threads only.
 */
public interface ScriptStore {

    /** What became of each row of an import. */
    enum ImportOutcome {
        IMPORTED,
        /** The shop already has a shop script with the same category, title, shortcut and body. */
        DUPLICATE,
        /** Another shop script has the row's shortcut. */
        SHORTCUT_TAKEN,
        /** The shop holds {@link ScriptLimits#maxPerShop()} scripts. */
        SHOP_FULL
    }

    /** Every script of the shop, both scopes; {@code not_found} for an unknown shop. */
    List<Script> shopScripts(String shopId);

    Optional<Script> find(String shopId, String scriptId);

    /**
     * Stores a new script (the draft's id, uses and time are ignored) and returns it as stored.
     * {@code invalid_state} when its shortcut is taken in its scope (the shop's, or its owner's personal
     * scripts) or a count limit is reached; {@code not_found} for an unknown shop.
     */
    Script create(Script draft, ScriptLimits limits);

    /**
     * Replaces a script's category, title, shortcut and body (scope, owner and uses stay) and returns it
     * as stored. {@code not_found} when the shop has no such script; {@code invalid_state} when the new
     * shortcut is taken.
     */
    Script update(Script script);

    /** {@code false} when the shop has no such script. */
    boolean delete(String shopId, String scriptId);

    /** Stores the drafts that are new, in order, in one transaction; one outcome per draft. */
    List<ImportOutcome> importShopScripts(String shopId, List<Script> drafts, ScriptLimits limits);

    /** Moves the shop scripts of category {@code from} to {@code to}; how many moved. */
    int renameCategory(String shopId, String from, String to);

    /** Adds to the use counts of these scripts (by id; ids that are gone are ignored), in one transaction. */
    void addUses(Map<String, Long> usesById);
}
