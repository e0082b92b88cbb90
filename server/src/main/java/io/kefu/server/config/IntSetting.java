package io.kefu.server.config;

/**
 * An integer setting with its allowed range: the one place the range is written, so the builder's
 * validation and the loader's parse errors say the same thing.
 */
record IntSetting(String env, int min, int max) {

    /** {@code value} when it is in range; otherwise a {@link ConfigException} naming the setting. */
    int check(int value) {
        if (value < min || value > max) {
            throw invalid(env, Integer.toString(value));
        }
        return value;
    }

    /** Parses a raw value; {@code name} is how the error names the setting (env name or file key). */
    int parse(String raw, String name) {
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the same message as an out-of-range value
        }
        throw invalid(name, raw);
    }

    private ConfigException invalid(String name, String raw) {
        return new ConfigException(name + " must be an integer " + min + ".." + max + ", was '" + raw + "'");
    }
}
