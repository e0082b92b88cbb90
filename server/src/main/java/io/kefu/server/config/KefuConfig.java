package io.kefu.server.config;

import io.kefu.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of a Kefu server, immutable and validated on construction: an instance that exists is
 * a usable configuration. {@link #DEFAULT} is what a bare start gets; {@link #builder()} is how tests
 * and embedders make their own (port 0, in-memory H2); {@link #load} is how {@code Main} reads defaults
 * ← properties file ← {@code KEFU_*} environment. Sizes are bytes, times seconds.
 *
 * <p>{@code adminKey} and {@code jwtSecret} are empty when not configured: the server then generates
 * them per start. {@link #toString()} never shows a secret.
 */
public record KefuConfig(
        String host,
        @Int(value = 8_080, min = 0, max = 65_535) int port,
        Optional<String> adminKey,
        Optional<String> jwtSecret,
        @Int(value = 86_400, min = 60, max = 31_536_000) int tokenTtlSec,
        String dbUrl,
        String dbUser,
        String dbPassword,
        @Int(value = 10, min = 1, max = 500) int dbPoolSize,
        Path dataDir,
        boolean demo,
        @Int(value = 30, min = 1, max = 3_600) int heartbeatSec,
        @Int(value = 10, min = 1, max = 300) int helloTimeoutSec,
        @Int(value = 16, min = 0, max = 1_000) int helloBacklog,
        @Int(value = 65_536, min = 256, max = 16 << 20) int maxFrameBytes,
        @Int(value = 1 << 20, min = 1_024, max = 64 << 20) int maxHttpBodyBytes,
        @Int(value = 20, min = 1, max = 100_000) int ratePerSec,
        @Int(value = 50, min = 1, max = 1_000_000) int rateBurst,
        @Int(value = 5, min = 1, max = 1_000) int rateStrikes,
        @Int(value = 100_000, min = 1, max = 10_000_000) int maxConnections,
        @Int(value = 32 * 1_024, min = 1_024, max = 1 << 30) int writeLowWater,
        @Int(value = 64 * 1_024, min = 1_024, max = 1 << 30) int writeHighWater,
        @Int(value = 4 << 20, min = 1_024, max = 1 << 30) int maxOutboundBytes,
        List<String> allowedOrigins,
        @Int(value = 8, min = 1, max = 256) int storeThreads,
        @Int(value = 10_000, min = 1, max = 10_000_000) int storeQueue,
        @Int(value = Int.BY_DATABASE, min = 1, max = 256) int writerLanes,
        @Int(value = 256, min = 1, max = 100_000) int writerMaxBatch,
        @Int(value = 10_000, min = 1, max = 10_000_000) int writerQueue,
        @Int(value = Int.BY_DATABASE, min = 0, max = 1_000_000) int writerPaceUs,
        @Int(value = Int.BY_DATABASE, min = 0, max = 256) int writerCommitsAtOnce,
        @Int(value = Int.CORES, min = 1, max = 1_024) int routerThreads,
        @Int(value = 100_000, min = 1, max = 10_000_000) int routerQueue,
        @Int(value = 5_000, min = 1, max = 1_000_000) int maxTextChars,
        @Int(value = 10, min = 0, max = 3_600) int shutdownGraceSec,
        @Int(value = 210_000, min = 1, max = 10_000_000) int passwordIterations,
        @Int(value = 0, min = 0, max = 1_023) int nodeId,
        @Int(value = 1_000, min = 1, max = 1_000_000) int scriptCacheShops,
        @Int(value = 1_000, min = 1, max = 10_000_000) int maxConnectionsPerAddress,
        @Int(value = 15, min = 1, max = 3_600) int httpRequestTimeoutSec,
        @Int(value = 60, min = 0, max = 86_400) int tokenGraceSec,
        @Int(value = 20, min = 1, max = 1_000_000) int authFailureBurst,
        @Int(value = 10, min = 1, max = 1_000_000) int authFailuresPerMin,
        @Int(value = 20, min = 1, max = 1_000_000) int loginAccountFailures,
        @Int(value = 2, min = 1, max = 1_000) int loginUnknownHashes,
        @Int(value = 5_000, min = 100, max = 600_000) int storeTimeoutMs,
        @Int(value = 10_000, min = 1, max = 1_000_000) int webhookQueue,
        @Int(value = 5, min = 1, max = 3_600) int livePushSec,
        @Int(value = 60, min = 1, max = 3_600) int kpiFlushSec,
        String cluster,
        String redisUrl,
        @Int(value = 10_000, min = 300, max = 600_000) int leaseMs,
        @Int(value = 5_000, min = 50, max = 600_000) int busTimeoutMs,
        @Int(value = 10_000, min = 1, max = 10_000_000) int busMaxInFlight,
        @Int(value = 20, min = 0, max = 100_000) int rebalanceShops) {

    /** {@code KEFU_CLUSTER}: one node on its own (the default), or several sharing PostgreSQL and Redis. */
    public static final String CLUSTER_NONE = "none";
    public static final String CLUSTER_REDIS = "redis";

    /** HS256 needs a key at least as long as its 256-bit output. */
    static final int MIN_JWT_SECRET_BYTES = 32;
    /** Short admin keys can be guessed; generated ones are far longer. */
    static final int MIN_ADMIN_KEY_CHARS = 16;

    /** A bare start: port 8080, H2 under {@code ./data}, demo shop seeded. */
    public static final KefuConfig DEFAULT = new KefuConfigBuilder().build();

    /**
     * Checks what the {@link Int} ranges cannot say (texts, secrets, the database URL, origins, water marks).
     * The ranges themselves are checked by {@link KefuConfigBuilder#build()} and {@link #load}, which is how
     * every configuration is made.
     */
    public KefuConfig {
        host = requireText(host, "KEFU_HOST");
        adminKey = Objects.requireNonNull(adminKey, "adminKey").map(KefuConfig::checkAdminKey);
        jwtSecret = Objects.requireNonNull(jwtSecret, "jwtSecret").map(KefuConfig::checkJwtSecret);
        dbUrl = checkDbUrl(dbUrl);
        dbUser = Objects.requireNonNull(dbUser, "KEFU_DB_USER");
        dbPassword = Objects.requireNonNull(dbPassword, "KEFU_DB_PASSWORD");
        dataDir = Objects.requireNonNull(dataDir, "KEFU_DATA_DIR");
        checkWaterMarks(writeLowWater, writeHighWater, maxOutboundBytes);
        cluster = checkCluster(cluster, dbUrl);
        redisUrl = checkRedisUrl(redisUrl);
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "KEFU_ALLOWED_ORIGINS")).stream()
                .map(KefuConfig::checkOrigin).toList();
    }

    /**
     * Reads the configuration: defaults, then the properties file, then {@code KEFU_*} variables of
     * {@code env}. The file is {@code file} when not null, else the path in {@code KEFU_CONFIG}, else
     * none; a file that is named but missing is an error. Property keys are the lowerCamel form of the
     * variable names ({@code KEFU_TOKEN_TTL_SEC} → {@code tokenTtlSec}); an unknown key in the file is an
     * error, to catch typos. An empty value means "use the default".
     *
     * @throws ConfigException naming the first bad setting
     */
    public static KefuConfig load(Path file, Map<String, String> env) {
        return ConfigLoader.load(file, env);
    }

    public static KefuConfigBuilder builder() {
        return new KefuConfigBuilder();
    }

    public KefuConfigBuilder toBuilder() {
        return new KefuConfigBuilder(this);
    }

    /** How long an issued token lives. */
    public java.time.Duration tokenTtl() {
        return java.time.Duration.ofSeconds(tokenTtlSec);
    }

    /** {@code true} when {@code origin} may open a WebSocket: any when the list is empty. */
    public boolean originAllowed(String origin) {
        return allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }

    /**
     * Message writer lanes when {@code KEFU_WRITER_LANES} is not set: 1 on H2, which serialises commits
     * anyway (one lane makes fewer, larger commits, and each H2 commit costs the same whatever its size),
     * 4 on PostgreSQL, which commits in parallel.
     */
    public static int defaultWriterLanes(String dbUrl) {
        return h2(dbUrl) ? 1 : 4;
    }

    /**
     * The least time between two commits of a message writer lane when {@code KEFU_WRITER_PACE_US} is not set:
     * {@value #H2_WRITER_PACE_US} µs on an H2 file, where every commit writes whole pages to the file whatever it
     * holds, so under load fewer, larger commits cost much less per message (and an idle writer commits at once);
     * none on an in-memory H2 (tests), which writes no pages, nor on PostgreSQL: there a pace of 2 ms doubles the
     * messages a commit and saves the database about an eighth of its CPU a message, but did not shorten the
     * {@code ok} latency's tail and likely lengthened it (docs/benchmarks.md, 9th step of the durable path). It
     * is there to set where the database's CPU counts for more than the tail (several nodes writing to one).
     */
    public static int defaultWriterPaceUs(String dbUrl) {
        return h2(dbUrl) && !dbUrl.startsWith("jdbc:h2:mem:") ? H2_WRITER_PACE_US : 0;
    }

    /**
     * How many message writer lanes may commit at once when {@code KEFU_WRITER_COMMITS_AT_ONCE} is not set: one on
     * PostgreSQL, so that a lane's batch closes when the database is free and takes what arrived while another lane
     * committed (a third less of the database's CPU a message, and a shorter latency tail, at 4,000–7,000 msg/s:
     * docs/benchmarks.md, 10th step of the durable path); 0 (no limit) on H2, whose one lane needs none.
     */
    public static int defaultWriterCommitsAtOnce(String dbUrl) {
        return h2(dbUrl) ? 0 : 1;
    }

    /** The default pace of H2's writer (see {@link #defaultWriterPaceUs}). */
    static final int H2_WRITER_PACE_US = 4_000;

    /** The default per database of an integer setting declared {@link Int#BY_DATABASE}. */
    static int defaultByDatabase(String property, String dbUrl) {
        return switch (property) {
            case "writerLanes" -> defaultWriterLanes(dbUrl);
            case "writerPaceUs" -> defaultWriterPaceUs(dbUrl);
            case "writerCommitsAtOnce" -> defaultWriterCommitsAtOnce(dbUrl);
            default -> throw new IllegalStateException("no default by database for " + property);
        };
    }

    private static boolean h2(String dbUrl) {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /** The H2 file database URL under {@code dataDir}, the default when {@code KEFU_DB_URL} is not set. */
    public static String h2FileUrl(Path dataDir) {
        String dir = dataDir.toString().replace('\\', '/');
        // H2 refuses paths that are implicitly relative ("data/kefu"); "./data/kefu" is accepted.
        if (!dataDir.isAbsolute() && !dir.startsWith("./") && !dir.startsWith("../")) {
            dir = "./" + dir;
        }
        // The options Database explains: durable commits, a file that does not grow, one process per file.
        return "jdbc:h2:file:" + (dir.endsWith("/") ? dir : dir + "/") + "kefu" + Database.H2_FILE_OPTIONS;
    }

    /** Every setting by name; secrets show as {@code <set>} or {@code <generated>}, the password as set or empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("KefuConfig[");
        for (java.lang.reflect.RecordComponent c : KefuConfig.class.getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Optional<?> o) {
                value = o.isPresent() ? "<set>" : "<generated>";
            } else if (c.getName().equals("dbPassword")) {
                value = ((String) value).isEmpty() ? "<empty>" : "<set>";
            }
            sb.append(sb.length() > "KefuConfig[".length() ? ", " : "").append(c.getName()).append('=').append(value);
        }
        return sb.append(']').toString();
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(name + " must not be empty");
        }
        return value.trim();
    }

    private static String checkAdminKey(String key) {
        if (key.length() < MIN_ADMIN_KEY_CHARS || key.chars().anyMatch(Character::isWhitespace)) {
            // The key itself is never repeated: the message may end up in a log.
            throw new ConfigException("KEFU_ADMIN_KEY must be at least " + MIN_ADMIN_KEY_CHARS
                    + " characters without spaces, was " + key.length() + " characters");
        }
        return key;
    }

    private static String checkJwtSecret(String secret) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_JWT_SECRET_BYTES) {
            throw new ConfigException("KEFU_JWT_SECRET must be at least " + MIN_JWT_SECRET_BYTES
                    + " bytes (UTF-8), was " + bytes + " bytes");
        }
        return secret;
    }

    private static String checkDbUrl(String url) {
        if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            throw new ConfigException("KEFU_DB_URL must start with jdbc:h2: or jdbc:postgresql:, was '"
                    + (url == null ? "" : url.replaceAll("password=[^;&]*", "password=***")) + "'");
        }
        return url;
    }

    private static String checkCluster(String cluster, String dbUrl) {
        if (cluster == null || !(cluster.equals(CLUSTER_NONE) || cluster.equals(CLUSTER_REDIS))) {
            throw new ConfigException("KEFU_CLUSTER must be " + CLUSTER_NONE + " or " + CLUSTER_REDIS + ", was '"
                    + cluster + "'");
        }
        if (cluster.equals(CLUSTER_REDIS) && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("KEFU_CLUSTER=redis needs a database the nodes share: KEFU_DB_URL must be"
                    + " jdbc:postgresql:...");
        }
        return cluster;
    }

    private static String checkRedisUrl(String url) {
        if (url == null || !url.matches("rediss?://\\S+")) {
            throw new ConfigException("KEFU_REDIS_URL must look like redis://host:6379 (or rediss:// for TLS), was '"
                    + (url == null ? "" : url.replaceAll("//[^@/]*@", "//***@")) + "'");
        }
        return url;
    }

    /** {@code true} when this node is one of several ({@code KEFU_CLUSTER=redis}). */
    public boolean clustered() {
        return cluster.equals(CLUSTER_REDIS);
    }

    private static String checkOrigin(String origin) {
        if (!origin.matches("https?://[^/\\s]+")) {
            throw new ConfigException("KEFU_ALLOWED_ORIGINS entries must be origins like https://shop.example.com"
                    + " (scheme and host, no path), was '" + origin + "'");
        }
        return origin;
    }

    private static void checkWaterMarks(int low, int high, int maxOutbound) {
        if (low >= high) {
            throw new ConfigException("KEFU_WRITE_LOW_WATER must be below KEFU_WRITE_HIGH_WATER, was "
                    + low + " and " + high);
        }
        if (maxOutbound < high) {
            throw new ConfigException("KEFU_MAX_OUTBOUND_BYTES must be at least KEFU_WRITE_HIGH_WATER ("
                    + high + "), was " + maxOutbound);
        }
    }

}
