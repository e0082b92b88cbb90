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
        String host, int port, Optional<String> adminKey, Optional<String> jwtSecret, int tokenTtlSec,
        String dbUrl, String dbUser, String dbPassword, int dbPoolSize, Path dataDir, boolean demo,
        int heartbeatSec, int helloTimeoutSec, int helloBacklog, int maxFrameBytes, int maxHttpBodyBytes,
        int ratePerSec, int rateBurst, int rateStrikes, int maxConnections,
        int writeLowWater, int writeHighWater, int maxOutboundBytes, List<String> allowedOrigins,
        int storeThreads, int storeQueue, int writerLanes, int writerMaxBatch, int writerQueue, int routerThreads,
        int routerQueue, int maxTextChars, int shutdownGraceSec, int passwordIterations, int nodeId,
        int scriptCacheShops, int maxConnectionsPerAddress, int httpRequestTimeoutSec, int tokenGraceSec,
        int authFailureBurst, int authFailuresPerMin, int loginAccountFailures, int loginUnknownHashes,
        int storeTimeoutMs) {

    static final IntSetting PORT = new IntSetting("KEFU_PORT", 0, 65_535);
    static final IntSetting TOKEN_TTL_SEC = new IntSetting("KEFU_TOKEN_TTL_SEC", 60, 31_536_000);
    static final IntSetting DB_POOL_SIZE = new IntSetting("KEFU_DB_POOL_SIZE", 1, 500);
    static final IntSetting HEARTBEAT_SEC = new IntSetting("KEFU_HEARTBEAT_SEC", 1, 3_600);
    static final IntSetting HELLO_TIMEOUT_SEC = new IntSetting("KEFU_HELLO_TIMEOUT_SEC", 1, 300);
    static final IntSetting HELLO_BACKLOG = new IntSetting("KEFU_HELLO_BACKLOG", 0, 1_000);
    static final IntSetting MAX_FRAME_BYTES = new IntSetting("KEFU_MAX_FRAME_BYTES", 256, 16 << 20);
    static final IntSetting MAX_HTTP_BODY_BYTES = new IntSetting("KEFU_MAX_HTTP_BODY_BYTES", 1_024, 64 << 20);
    static final IntSetting RATE_PER_SEC = new IntSetting("KEFU_RATE_PER_SEC", 1, 100_000);
    static final IntSetting RATE_BURST = new IntSetting("KEFU_RATE_BURST", 1, 1_000_000);
    static final IntSetting RATE_STRIKES = new IntSetting("KEFU_RATE_STRIKES", 1, 1_000);
    static final IntSetting MAX_CONNECTIONS = new IntSetting("KEFU_MAX_CONNECTIONS", 1, 10_000_000);
    static final IntSetting WRITE_LOW_WATER = new IntSetting("KEFU_WRITE_LOW_WATER", 1_024, 1 << 30);
    static final IntSetting WRITE_HIGH_WATER = new IntSetting("KEFU_WRITE_HIGH_WATER", 1_024, 1 << 30);
    static final IntSetting MAX_OUTBOUND_BYTES = new IntSetting("KEFU_MAX_OUTBOUND_BYTES", 1_024, 1 << 30);
    static final IntSetting STORE_THREADS = new IntSetting("KEFU_STORE_THREADS", 1, 256);
    static final IntSetting STORE_QUEUE = new IntSetting("KEFU_STORE_QUEUE", 1, 10_000_000);
    static final IntSetting WRITER_LANES = new IntSetting("KEFU_WRITER_LANES", 1, 256);
    static final IntSetting WRITER_MAX_BATCH = new IntSetting("KEFU_WRITER_MAX_BATCH", 1, 100_000);
    static final IntSetting ROUTER_THREADS = new IntSetting("KEFU_ROUTER_THREADS", 1, 1_024);
    static final IntSetting ROUTER_QUEUE = new IntSetting("KEFU_ROUTER_QUEUE", 1, 10_000_000);
    static final IntSetting WRITER_QUEUE = new IntSetting("KEFU_WRITER_QUEUE", 1, 10_000_000);
    static final IntSetting MAX_TEXT_CHARS = new IntSetting("KEFU_MAX_TEXT_CHARS", 1, 1_000_000);
    static final IntSetting SHUTDOWN_GRACE_SEC = new IntSetting("KEFU_SHUTDOWN_GRACE_SEC", 0, 3_600);
    static final IntSetting PASSWORD_ITERATIONS = new IntSetting("KEFU_PASSWORD_ITERATIONS", 1, 10_000_000);
    static final IntSetting NODE_ID = new IntSetting("KEFU_NODE_ID", 0, 1_023);
    static final IntSetting SCRIPT_CACHE_SHOPS = new IntSetting("KEFU_SCRIPT_CACHE_SHOPS", 1, 1_000_000);
    static final IntSetting MAX_CONNECTIONS_PER_ADDRESS = new IntSetting("KEFU_MAX_CONNECTIONS_PER_ADDRESS", 1, 10_000_000);
    static final IntSetting HTTP_REQUEST_TIMEOUT_SEC = new IntSetting("KEFU_HTTP_REQUEST_TIMEOUT_SEC", 1, 3_600);
    static final IntSetting TOKEN_GRACE_SEC = new IntSetting("KEFU_TOKEN_GRACE_SEC", 0, 86_400);
    static final IntSetting AUTH_FAILURE_BURST = new IntSetting("KEFU_AUTH_FAILURE_BURST", 1, 1_000_000);
    static final IntSetting AUTH_FAILURES_PER_MIN = new IntSetting("KEFU_AUTH_FAILURES_PER_MIN", 1, 1_000_000);
    static final IntSetting LOGIN_ACCOUNT_FAILURES = new IntSetting("KEFU_LOGIN_ACCOUNT_FAILURES", 1, 1_000_000);
    static final IntSetting LOGIN_UNKNOWN_HASHES = new IntSetting("KEFU_LOGIN_UNKNOWN_HASHES", 1, 1_000);
    static final IntSetting STORE_TIMEOUT_MS = new IntSetting("KEFU_STORE_TIMEOUT_MS", 100, 600_000);

    /** HS256 needs a key at least as long as its 256-bit output. */
    static final int MIN_JWT_SECRET_BYTES = 32;
    /** Short admin keys can be guessed; generated ones are far longer. */
    static final int MIN_ADMIN_KEY_CHARS = 16;

    /** A bare start: port 8080, H2 under {@code ./data}, demo shop seeded. */
    public static final KefuConfig DEFAULT = new KefuConfigBuilder().build();

    public KefuConfig {
        host = requireText(host, "KEFU_HOST");
        PORT.check(port);
        adminKey = Objects.requireNonNull(adminKey, "adminKey").map(KefuConfig::checkAdminKey);
        jwtSecret = Objects.requireNonNull(jwtSecret, "jwtSecret").map(KefuConfig::checkJwtSecret);
        TOKEN_TTL_SEC.check(tokenTtlSec);
        dbUrl = checkDbUrl(dbUrl);
        dbUser = Objects.requireNonNull(dbUser, "KEFU_DB_USER");
        dbPassword = Objects.requireNonNull(dbPassword, "KEFU_DB_PASSWORD");
        DB_POOL_SIZE.check(dbPoolSize);
        dataDir = Objects.requireNonNull(dataDir, "KEFU_DATA_DIR");
        HELLO_BACKLOG.check(helloBacklog);
        checkGateway(heartbeatSec, helloTimeoutSec, maxFrameBytes, maxHttpBodyBytes, ratePerSec, rateBurst,
                rateStrikes, maxConnections);
        checkWaterMarks(writeLowWater, writeHighWater, maxOutboundBytes);
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "KEFU_ALLOWED_ORIGINS")).stream().map(KefuConfig::checkOrigin).toList();
        checkThreads(storeThreads, storeQueue, writerLanes, writerMaxBatch, routerThreads);
        ROUTER_QUEUE.check(routerQueue);
        WRITER_QUEUE.check(writerQueue);
        MAX_TEXT_CHARS.check(maxTextChars);
        SHUTDOWN_GRACE_SEC.check(shutdownGraceSec);
        PASSWORD_ITERATIONS.check(passwordIterations);
        NODE_ID.check(nodeId);
        SCRIPT_CACHE_SHOPS.check(scriptCacheShops);
        MAX_CONNECTIONS_PER_ADDRESS.check(maxConnectionsPerAddress);
        HTTP_REQUEST_TIMEOUT_SEC.check(httpRequestTimeoutSec);
        TOKEN_GRACE_SEC.check(tokenGraceSec);
        AUTH_FAILURE_BURST.check(authFailureBurst);
        AUTH_FAILURES_PER_MIN.check(authFailuresPerMin);
        LOGIN_ACCOUNT_FAILURES.check(loginAccountFailures);
        LOGIN_UNKNOWN_HASHES.check(loginUnknownHashes);
        STORE_TIMEOUT_MS.check(storeTimeoutMs);
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
        return dbUrl.startsWith("jdbc:h2:") ? 1 : 4;
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

    @Override
    public String toString() {
        return "KefuConfig[host=" + host + ", port=" + port + ", adminKey=" + secret(adminKey)
                + ", jwtSecret=" + secret(jwtSecret) + ", tokenTtlSec=" + tokenTtlSec + ", dbUrl=" + dbUrl
                + ", dbUser=" + dbUser + ", dbPassword=" + (dbPassword.isEmpty() ? "<empty>" : "<set>")
                + ", dbPoolSize=" + dbPoolSize + ", dataDir=" + dataDir + ", demo=" + demo
                + ", heartbeatSec=" + heartbeatSec + ", helloTimeoutSec=" + helloTimeoutSec + ", helloBacklog=" + helloBacklog
                + ", maxFrameBytes=" + maxFrameBytes + ", maxHttpBodyBytes=" + maxHttpBodyBytes
                + ", ratePerSec=" + ratePerSec + ", rateBurst=" + rateBurst + ", rateStrikes=" + rateStrikes
                + ", maxConnections=" + maxConnections + ", writeLowWater=" + writeLowWater
                + ", writeHighWater=" + writeHighWater + ", maxOutboundBytes=" + maxOutboundBytes
                + ", allowedOrigins=" + allowedOrigins + ", storeThreads=" + storeThreads
                + ", storeQueue=" + storeQueue + ", writerLanes=" + writerLanes
                + ", writerMaxBatch=" + writerMaxBatch + ", writerQueue=" + writerQueue
                + ", routerThreads=" + routerThreads + ", routerQueue=" + routerQueue
                + ", maxTextChars=" + maxTextChars + ", shutdownGraceSec=" + shutdownGraceSec
                + ", passwordIterations=" + passwordIterations + ", nodeId=" + nodeId
                + ", scriptCacheShops=" + scriptCacheShops + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", httpRequestTimeoutSec=" + httpRequestTimeoutSec + ", tokenGraceSec=" + tokenGraceSec
                + ", authFailureBurst=" + authFailureBurst + ", authFailuresPerMin=" + authFailuresPerMin
                + ", loginAccountFailures=" + loginAccountFailures + ", loginUnknownHashes=" + loginUnknownHashes
                + ", storeTimeoutMs=" + storeTimeoutMs + "]";
    }

    private static String secret(Optional<String> value) {
        return value.isPresent() ? "<set>" : "<generated>";
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

    private static String checkOrigin(String origin) {
        if (!origin.matches("https?://[^/\\s]+")) {
            throw new ConfigException("KEFU_ALLOWED_ORIGINS entries must be origins like https://shop.example.com"
                    + " (scheme and host, no path), was '" + origin + "'");
        }
        return origin;
    }

    private static void checkGateway(int heartbeatSec, int helloTimeoutSec, int maxFrameBytes,
                                     int maxHttpBodyBytes, int ratePerSec, int rateBurst, int rateStrikes,
                                     int maxConnections) {
        HEARTBEAT_SEC.check(heartbeatSec);
        HELLO_TIMEOUT_SEC.check(helloTimeoutSec);
        MAX_FRAME_BYTES.check(maxFrameBytes);
        MAX_HTTP_BODY_BYTES.check(maxHttpBodyBytes);
        RATE_PER_SEC.check(ratePerSec);
        RATE_BURST.check(rateBurst);
        RATE_STRIKES.check(rateStrikes);
        MAX_CONNECTIONS.check(maxConnections);
    }

    private static void checkWaterMarks(int low, int high, int maxOutbound) {
        WRITE_LOW_WATER.check(low);
        WRITE_HIGH_WATER.check(high);
        MAX_OUTBOUND_BYTES.check(maxOutbound);
        if (low >= high) {
            throw new ConfigException("KEFU_WRITE_LOW_WATER must be below KEFU_WRITE_HIGH_WATER, was "
                    + low + " and " + high);
        }
        if (maxOutbound < high) {
            throw new ConfigException("KEFU_MAX_OUTBOUND_BYTES must be at least KEFU_WRITE_HIGH_WATER ("
                    + high + "), was " + maxOutbound);
        }
    }

    private static void checkThreads(int storeThreads, int storeQueue, int writerLanes, int writerMaxBatch,
                                     int routerThreads) {
        STORE_THREADS.check(storeThreads);
        STORE_QUEUE.check(storeQueue);
        WRITER_LANES.check(writerLanes);
        WRITER_MAX_BATCH.check(writerMaxBatch);
        ROUTER_THREADS.check(routerThreads);
    }
}
