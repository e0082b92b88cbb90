package io.kefu.server.scripts;

/**
 * The bounds of the script library, named in the errors that enforce them. Lengths are in UTF-16 code
 * units (what JavaScript's {@code length} counts), which the database columns (characters) always hold.
 *
 * @param maxBody            characters of a body
 * @param maxTitle           characters of a title
 * @param maxShortcut        characters of a shortcut (no spaces)
 * @param maxCategory        characters of a category name
 * @param maxPerShop         scripts of a shop, both scopes together
 * @param maxPersonalPerAgent personal scripts of one agent
 * @param maxPerImport       rows of one import file
 */
public record ScriptLimits(int maxBody, int maxTitle, int maxShortcut, int maxCategory, int maxPerShop,
                           int maxPersonalPerAgent, int maxPerImport) {
    public static final ScriptLimits DEFAULT = new ScriptLimits(2_000, 100, 32, 50, 10_000, 1_000, 10_000);

    public ScriptLimits {
        if (maxBody < 1 || maxTitle < 1 || maxShortcut < 1 || maxCategory < 1 || maxPerShop < 1
                || maxPersonalPerAgent < 1 || maxPerImport < 1) {
            throw new IllegalArgumentException("every script limit must be at least 1");
        }
    }

    public ScriptLimits withMaxPerShop(int value) {
        return new ScriptLimits(maxBody, maxTitle, maxShortcut, maxCategory, value, maxPersonalPerAgent, maxPerImport);
    }

    public ScriptLimits withMaxPerImport(int value) {
        return new ScriptLimits(maxBody, maxTitle, maxShortcut, maxCategory, maxPerShop, maxPersonalPerAgent, value);
    }
}
