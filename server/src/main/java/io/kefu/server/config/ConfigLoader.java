package io.kefu.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads defaults ← properties file ← environment into a {@link KefuConfig}. Runs once, on the main thread. */
final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    static final String CONFIG_ENV = "KEFU_CONFIG";

    /** Applies one raw value to the builder; {@code name} is how an error names the setting. */
    private interface Binding {
        void apply(KefuConfigBuilder builder, String raw, String name);
    }

    /** Keyed by environment name, in the order the settings are documented. */
    private static final Map<String, Binding> BINDINGS = bindings();

    /** KEFU_ variables read by something else: the config file's path, and the log level (logback.xml). */
    private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of(CONFIG_ENV, "KEFU_LOG_LEVEL");

    private ConfigLoader() {
    }

    static KefuConfig load(Path file, Map<String, String> env) {
        KefuConfigBuilder builder = KefuConfig.builder();
        Optional<Path> path = Optional.ofNullable(file)
                .or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).filter(s -> !s.isBlank()).map(ConfigLoader::path));
        if (path.isPresent()) {
            readFile(path.get()).forEach((key, raw) -> bindingForProperty(key, path.get())
                    .apply(builder, raw, key + " (in " + path.get() + ")"));
        }
        env.forEach((name, raw) -> {
            Binding binding = BINDINGS.get(name);
            if (binding != null && !raw.isEmpty()) {
                binding.apply(builder, raw, name);
            } else if (binding == null && name.startsWith("KEFU_") && !NOT_SETTINGS.contains(name)) {
                log.warn("Ignoring unknown environment variable {}", name);
            }
        });
        return builder.build();
    }

    /** {@code KEFU_TOKEN_TTL_SEC} → {@code tokenTtlSec}. */
    static String propertyName(String envName) {
        String[] words = envName.substring("KEFU_".length()).toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return sb.toString();
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist (named by --config or "
                    + CONFIG_ENV + ")");
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> {
            if (!props.getProperty(k).isEmpty()) {
                values.put(k, props.getProperty(k));
            }
        });
        return values;
    }

    private static Binding bindingForProperty(String key, Path file) {
        return BINDINGS.entrySet().stream()
                .filter(e -> propertyName(e.getKey()).equals(key))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new ConfigException("unknown setting '" + key + "' in " + file
                        + "; known settings: " + BINDINGS.keySet().stream().map(ConfigLoader::propertyName)
                        .collect(Collectors.joining(", "))));
    }

    /**
     * The non-integer settings by hand, then every integer setting from its {@link Int} annotation: a new integer
     * setting needs nothing here.
     */
    private static Map<String, Binding> bindings() {
        Map<String, Binding> b = new LinkedHashMap<>();
        text(b, "KEFU_HOST", KefuConfigBuilder::host);
        text(b, "KEFU_ADMIN_KEY", KefuConfigBuilder::adminKey);
        text(b, "KEFU_JWT_SECRET", KefuConfigBuilder::jwtSecret);
        text(b, "KEFU_DB_URL", KefuConfigBuilder::dbUrl);
        text(b, "KEFU_DB_USER", KefuConfigBuilder::dbUser);
        // Not trimmed: a password may legitimately start or end with a space.
        b.put("KEFU_DB_PASSWORD", (builder, raw, name) -> builder.dbPassword(raw));
        b.put("KEFU_DATA_DIR", (builder, raw, name) -> builder.dataDir(path(raw.strip(), name)));
        b.put("KEFU_DEMO", (builder, raw, name) -> builder.demo(bool(raw, name)));
        b.put("KEFU_ALLOWED_ORIGINS", (builder, raw, name) -> builder.allowedOrigins(
                Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
        b.put("KEFU_CLUSTER", (builder, raw, name) -> builder.cluster(raw.strip().toLowerCase(Locale.ROOT)));
        text(b, "KEFU_REDIS_URL", KefuConfigBuilder::redisUrl);
        for (IntSetting setting : IntSetting.all()) {
            b.put(setting.env(), (builder, raw, name) -> builder.set(setting.property(), setting.parse(raw, name)));
        }
        // In the order of KefuConfig's components, as the settings are documented.
        Map<String, Binding> ordered = new LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : KefuConfig.class.getRecordComponents()) {
            String env = IntSetting.envName(c.getName());
            ordered.put(env, java.util.Objects.requireNonNull(b.get(env), () -> "no binding for " + env));
        }
        return Collections.unmodifiableMap(ordered);
    }

    private static void text(Map<String, Binding> b, String env, BiConsumer<KefuConfigBuilder, String> setter) {
        b.put(env, (builder, raw, name) -> setter.accept(builder, raw.strip()));
    }

    private static boolean bool(String raw, String name) {
        String v = raw.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException(name + " must be true or false, was '" + raw + "'");
    }

    private static Path path(String raw) {
        return path(raw, CONFIG_ENV);
    }

    private static Path path(String raw, String name) {
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ConfigException(name + " must be a file system path, was '" + raw + "'");
        }
    }
}
