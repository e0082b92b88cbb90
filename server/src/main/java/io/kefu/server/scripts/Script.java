package io.kefu.server.scripts;

import java.util.Objects;

/**
 * A quick reply. {@code ownerId} is the agent of a {@link ScriptScope#PERSONAL personal} script and
 * {@code null} for a shop script; {@code shortcut} is {@code null} when the script has none. A draft (not
 * yet stored) has a {@code null} id. {@code uses} counts how often it was sent; {@code updatedAt} is
 * epoch milliseconds. Immutable.
 */
public record Script(String id, String shopId, ScriptScope scope, String ownerId, String category, String title,
                     String shortcut, String body, long uses, long updatedAt) {

    public Script {
        Objects.requireNonNull(shopId, "shopId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        if ((scope == ScriptScope.PERSONAL) != (ownerId != null)) {
            throw new IllegalArgumentException("a personal script has an owner and a shop script none; was "
                    + scope.wire() + " owned by " + ownerId);
        }
    }

    /** A new shop script, not yet stored. */
    public static Script shopDraft(String shopId, String category, String title, String shortcut, String body) {
        return new Script(null, shopId, ScriptScope.SHOP, null, category, title, shortcut, body, 0, 0);
    }

    /** A new personal script of {@code ownerId}, not yet stored. */
    public static Script personalDraft(String shopId, String ownerId, String category, String title, String shortcut,
                                       String body) {
        return new Script(null, shopId, ScriptScope.PERSONAL, Objects.requireNonNull(ownerId, "ownerId"), category,
                title, shortcut, body, 0, 0);
    }

    /** Whether {@code viewerId} (a staff member of the shop, or {@code null} for nobody's) may see it. */
    public boolean visibleTo(String viewerId) {
        return scope == ScriptScope.SHOP || ownerId.equals(viewerId);
    }

    public Script withId(String newId, long newUpdatedAt) {
        return new Script(newId, shopId, scope, ownerId, category, title, shortcut, body, uses, newUpdatedAt);
    }

    public Script withUses(long newUses) {
        return new Script(id, shopId, scope, ownerId, category, title, shortcut, body, newUses, updatedAt);
    }

    public Script withCategory(String newCategory) {
        return new Script(id, shopId, scope, ownerId, newCategory, title, shortcut, body, uses, updatedAt);
    }

    public Script withTitle(String newTitle) {
        return new Script(id, shopId, scope, ownerId, category, newTitle, shortcut, body, uses, updatedAt);
    }

    /** {@code null} removes the shortcut. */
    public Script withShortcut(String newShortcut) {
        return new Script(id, shopId, scope, ownerId, category, title, newShortcut, body, uses, updatedAt);
    }

    public Script withBody(String newBody) {
        return new Script(id, shopId, scope, ownerId, category, title, shortcut, newBody, uses, updatedAt);
    }
}
