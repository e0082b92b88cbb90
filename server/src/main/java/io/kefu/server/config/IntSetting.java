package io.kefu.server.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An integer setting of {@link KefuConfig}, read from its component's {@link Int} annotation: environment
 * name, properties key, default and allowed range. The builder's validation and the loader's parse errors say the
 * same thing because they both come from here.
 */
record IntSetting(String env, String property, int defaultValue, int min, int max) {

    /** Every integer setting, in the order of {@link KefuConfig}'s components. */
    private static final List<IntSetting> ALL = readAll();
    private static final Map<String, IntSetting> BY_PROPERTY = byProperty();

    static List<IntSetting> all() {
        return ALL;
    }

    /** The setting with properties key {@code property} ({@code storeTimeoutMs}). */
    static IntSetting named(String property) {
        IntSetting s = BY_PROPERTY.get(property);
        if (s == null) {
            throw new IllegalArgumentException("no integer setting '" + property + "'; known: " + BY_PROPERTY.keySet());
        }
        return s;
    }

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

    /** The default for this configuration: a number, or the processors, or what the database wants. */
    int defaultFor(String dbUrl) {
        if (defaultValue == Int.CORES) {
            return Math.max(2, Runtime.getRuntime().availableProcessors());
        }
        if (defaultValue == Int.BY_DATABASE) {
            return KefuConfig.defaultByDatabase(property, dbUrl);
        }
        return defaultValue;
    }

    /** Whether the default depends on the machine or the database (so a copied config keeps it derived). */
    boolean derived() {
        return defaultValue == Int.CORES || defaultValue == Int.BY_DATABASE;
    }

    private ConfigException invalid(String name, String raw) {
        return new ConfigException(name + " must be an integer " + min + ".." + max + ", was '" + raw + "'");
    }

    /** {@code storeTimeoutMs} → {@code KEFU_STORE_TIMEOUT_MS}. */
    static String envName(String property) {
        return "KEFU_" + property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static List<IntSetting> readAll() {
        List<IntSetting> all = new ArrayList<>();
        for (RecordComponent c : KefuConfig.class.getRecordComponents()) {
            Int a = c.getAnnotation(Int.class);
            if (a != null) {
                all.add(new IntSetting(envName(c.getName()), c.getName(), a.value(), a.min(), a.max()));
            } else if (c.getType() == int.class) {
                throw new IllegalStateException("KefuConfig." + c.getName() + " is an int without @Int");
            }
        }
        return Collections.unmodifiableList(all);
    }

    private static Map<String, IntSetting> byProperty() {
        Map<String, IntSetting> m = new LinkedHashMap<>();
        ALL.forEach(s -> m.put(s.property(), s));
        return Collections.unmodifiableMap(m);
    }
}
