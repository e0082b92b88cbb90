package io.kefu.server.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link KefuConfig}, starting from the defaults (or from an existing config). {@link #build()}
 * validates everything and throws {@link ConfigException} naming the first bad setting. Integer settings are
 * set by name with {@link #set} (their defaults and ranges are the {@link Int} annotations of
 * {@link KefuConfig}); the named setters below are shorthands for the common ones. Not thread-safe.
 */
public final class KefuConfigBuilder {
    private static final RecordComponent[] COMPONENTS = KefuConfig.class.getRecordComponents();
    private static final Constructor<KefuConfig> CANONICAL = canonical();

    private String host = "0.0.0.0";
    private Optional<String> adminKey = Optional.empty();
    private Optional<String> jwtSecret = Optional.empty();
    /** Empty until set: the default is derived from {@link #dataDir} at build time. */
    private Optional<String> dbUrl = Optional.empty();
    private String dbUser = "sa";
    private String dbPassword = "";
    private Path dataDir = Path.of("./data");
    private boolean demo = true;
    private List<String> allowedOrigins = List.of();
    private String cluster = KefuConfig.CLUSTER_NONE;
    private String redisUrl = "redis://localhost:6379";
    /** Integer settings set so far, by property name; the others take their default. */
    private final Map<String, Integer> ints = new HashMap<>();

    KefuConfigBuilder() {
    }

    KefuConfigBuilder(KefuConfig c) {
        host = c.host();
        adminKey = c.adminKey();
        jwtSecret = c.jwtSecret();
        // A derived URL stays derived, so toBuilder().dataDir(x) moves the database along with it.
        dbUrl = c.dbUrl().equals(KefuConfig.h2FileUrl(c.dataDir())) ? Optional.empty() : Optional.of(c.dbUrl());
        dbUser = c.dbUser();
        dbPassword = c.dbPassword();
        dataDir = c.dataDir();
        demo = c.demo();
        allowedOrigins = c.allowedOrigins();
        cluster = c.cluster();
        redisUrl = c.redisUrl();
        for (IntSetting s : IntSetting.all()) {
            int value = (int) value(c, s.property());
            // A derived value stays derived, so toBuilder().dbUrl(x) picks x's writer lanes.
            if (!s.derived() || value != s.defaultFor(c.dbUrl())) {
                ints.put(s.property(), value);
            }
        }
    }

    /** Sets integer setting {@code property} ({@code "storeTimeoutMs"}); its range is checked by {@link #build()}. */
    public KefuConfigBuilder set(String property, int value) {
        ints.put(IntSetting.named(property).property(), value);
        return this;
    }

    public KefuConfig build() {
        String url = dbUrl.orElseGet(() -> KefuConfig.h2FileUrl(dataDir));
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            String name = COMPONENTS[i].getName();
            args[i] = switch (name) {
                case "host" -> host;
                case "adminKey" -> adminKey;
                case "jwtSecret" -> jwtSecret;
                case "dbUrl" -> url;
                case "dbUser" -> dbUser;
                case "dbPassword" -> dbPassword;
                case "dataDir" -> dataDir;
                case "demo" -> demo;
                case "allowedOrigins" -> allowedOrigins;
                case "cluster" -> cluster;
                case "redisUrl" -> redisUrl;
                default -> {
                    IntSetting s = IntSetting.named(name);
                    Integer set = ints.get(name);
                    yield s.check(set != null ? set : s.defaultFor(url));
                }
            };
        }
        try {
            return CANONICAL.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public KefuConfigBuilder host(String value) {
        host = value;
        return this;
    }


    public KefuConfigBuilder port(int value) {
        return set("port", value);
    }

    /** {@code null} means "generate one at start". */
    public KefuConfigBuilder adminKey(String value) {
        adminKey = Optional.ofNullable(value);
        return this;
    }

    /** {@code null} means "random per start". */
    public KefuConfigBuilder jwtSecret(String value) {
        jwtSecret = Optional.ofNullable(value);
        return this;
    }

    public KefuConfigBuilder tokenTtlSec(int value) {
        return set("tokenTtlSec", value);
    }

    /** {@code null} means "H2 file under the data directory". */
    public KefuConfigBuilder dbUrl(String value) {
        dbUrl = Optional.ofNullable(value);
        return this;
    }

    public KefuConfigBuilder dbUser(String value) {
        dbUser = value;
        return this;
    }

    public KefuConfigBuilder dbPassword(String value) {
        dbPassword = value;
        return this;
    }

    public KefuConfigBuilder dbPoolSize(int value) {
        return set("dbPoolSize", value);
    }

    public KefuConfigBuilder dataDir(Path value) {
        dataDir = value;
        return this;
    }

    public KefuConfigBuilder demo(boolean value) {
        demo = value;
        return this;
    }

    public KefuConfigBuilder heartbeatSec(int value) {
        return set("heartbeatSec", value);
    }

    /** Frames a client may send after {@code hello} before its answer; they are handled once it succeeds. */
    public KefuConfigBuilder helloBacklog(int value) {
        return set("helloBacklog", value);
    }

    public KefuConfigBuilder helloTimeoutSec(int value) {
        return set("helloTimeoutSec", value);
    }

    public KefuConfigBuilder maxFrameBytes(int value) {
        return set("maxFrameBytes", value);
    }

    public KefuConfigBuilder maxHttpBodyBytes(int value) {
        return set("maxHttpBodyBytes", value);
    }

    public KefuConfigBuilder ratePerSec(int value) {
        return set("ratePerSec", value);
    }

    public KefuConfigBuilder rateBurst(int value) {
        return set("rateBurst", value);
    }

    public KefuConfigBuilder rateStrikes(int value) {
        return set("rateStrikes", value);
    }

    public KefuConfigBuilder maxConnections(int value) {
        return set("maxConnections", value);
    }

    public KefuConfigBuilder writeLowWater(int value) {
        return set("writeLowWater", value);
    }

    public KefuConfigBuilder writeHighWater(int value) {
        return set("writeHighWater", value);
    }

    public KefuConfigBuilder maxOutboundBytes(int value) {
        return set("maxOutboundBytes", value);
    }

    /** {@code none} or {@code redis}. */
    public KefuConfigBuilder cluster(String value) {
        cluster = value;
        return this;
    }

    public KefuConfigBuilder redisUrl(String value) {
        redisUrl = value;
        return this;
    }

    public KefuConfigBuilder allowedOrigins(List<String> value) {
        allowedOrigins = value;
        return this;
    }

    public KefuConfigBuilder storeThreads(int value) {
        return set("storeThreads", value);
    }

    /** How long a request waits for the database before it is answered {@code overloaded}. */
    public KefuConfigBuilder storeTimeoutMs(int value) {
        return set("storeTimeoutMs", value);
    }

    public KefuConfigBuilder storeQueue(int value) {
        return set("storeQueue", value);
    }

    public KefuConfigBuilder writerLanes(int value) {
        return set("writerLanes", value);
    }

    public KefuConfigBuilder writerMaxBatch(int value) {
        return set("writerMaxBatch", value);
    }

    public KefuConfigBuilder writerQueue(int value) {
        return set("writerQueue", value);
    }

    public KefuConfigBuilder writerPaceUs(int value) {
        return set("writerPaceUs", value);
    }

    public KefuConfigBuilder writerCommitsAtOnce(int value) {
        return set("writerCommitsAtOnce", value);
    }

    public KefuConfigBuilder routerQueue(int value) {
        return set("routerQueue", value);
    }

    public KefuConfigBuilder routerThreads(int value) {
        return set("routerThreads", value);
    }

    public KefuConfigBuilder maxTextChars(int value) {
        return set("maxTextChars", value);
    }

    public KefuConfigBuilder shutdownGraceSec(int value) {
        return set("shutdownGraceSec", value);
    }

    public KefuConfigBuilder passwordIterations(int value) {
        return set("passwordIterations", value);
    }

    public KefuConfigBuilder nodeId(int value) {
        return set("nodeId", value);
    }

    public KefuConfigBuilder scriptCacheShops(int value) {
        return set("scriptCacheShops", value);
    }

    public KefuConfigBuilder maxConnectionsPerAddress(int value) {
        return set("maxConnectionsPerAddress", value);
    }

    public KefuConfigBuilder httpRequestTimeoutSec(int value) {
        return set("httpRequestTimeoutSec", value);
    }

    public KefuConfigBuilder tokenGraceSec(int value) {
        return set("tokenGraceSec", value);
    }

    public KefuConfigBuilder authFailureBurst(int value) {
        return set("authFailureBurst", value);
    }

    public KefuConfigBuilder authFailuresPerMin(int value) {
        return set("authFailuresPerMin", value);
    }

    public KefuConfigBuilder loginAccountFailures(int value) {
        return set("loginAccountFailures", value);
    }

    public KefuConfigBuilder loginUnknownHashes(int value) {
        return set("loginUnknownHashes", value);
    }

    private static Object value(KefuConfig c, String property) {
        for (RecordComponent rc : COMPONENTS) {
            if (rc.getName().equals(property)) {
                try {
                    return rc.getAccessor().invoke(c);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(property);
    }

    private static Constructor<KefuConfig> canonical() {
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = COMPONENTS[i].getType();
        }
        try {
            return KefuConfig.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
