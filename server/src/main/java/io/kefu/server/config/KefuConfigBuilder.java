package io.kefu.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds a {@link KefuConfig}, starting from the defaults (or from an existing config). {@link #build()}
 * validates everything and throws {@link ConfigException} naming the first bad setting. Not thread-safe.
 */
public final class KefuConfigBuilder {
    private String host = "0.0.0.0";
    private int port = 8080;
    private Optional<String> adminKey = Optional.empty();
    private Optional<String> jwtSecret = Optional.empty();
    private int tokenTtlSec = 86_400;
    /** Empty until set: the default is derived from {@link #dataDir} at build time. */
    private Optional<String> dbUrl = Optional.empty();
    private String dbUser = "sa";
    private String dbPassword = "";
    private int dbPoolSize = 10;
    private Path dataDir = Path.of("./data");
    private boolean demo = true;
    private int heartbeatSec = 30;
    private int helloTimeoutSec = 10;
    private int helloBacklog = 16;
    private int maxFrameBytes = 65_536;
    private int maxHttpBodyBytes = 1 << 20;
    private int ratePerSec = 20;
    private int rateBurst = 50;
    private int rateStrikes = 5;
    private int maxConnections = 100_000;
    private int writeLowWater = 32 * 1_024;
    private int writeHighWater = 64 * 1_024;
    private int maxOutboundBytes = 4 << 20;
    private List<String> allowedOrigins = List.of();
    private int storeThreads = 8;
    private int storeQueue = 10_000;
    private int storeTimeoutMs = 5_000;
    /** Empty: the database's default, {@link KefuConfig#defaultWriterLanes}. */
    private OptionalInt writerLanes = OptionalInt.empty();
    private int writerMaxBatch = 256;
    private int writerQueue = 10_000;
    private int routerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int routerQueue = 100_000;
    private int maxTextChars = 5_000;
    private int shutdownGraceSec = 10;
    private int passwordIterations = 210_000;
    private int nodeId = 0;
    private int scriptCacheShops = 1_000;
    private int maxConnectionsPerAddress = 1_000;
    private int httpRequestTimeoutSec = 15;
    private int tokenGraceSec = 60;
    private int authFailureBurst = 20;
    private int authFailuresPerMin = 10;
    private int loginAccountFailures = 20;
    private int loginUnknownHashes = 2;

    KefuConfigBuilder() {
    }

    KefuConfigBuilder(KefuConfig c) {
        host = c.host();
        port = c.port();
        adminKey = c.adminKey();
        jwtSecret = c.jwtSecret();
        tokenTtlSec = c.tokenTtlSec();
        // A derived URL stays derived, so toBuilder().dataDir(x) moves the database along with it.
        dbUrl = c.dbUrl().equals(KefuConfig.h2FileUrl(c.dataDir())) ? Optional.empty() : Optional.of(c.dbUrl());
        dbUser = c.dbUser();
        dbPassword = c.dbPassword();
        dbPoolSize = c.dbPoolSize();
        dataDir = c.dataDir();
        demo = c.demo();
        heartbeatSec = c.heartbeatSec();
        helloTimeoutSec = c.helloTimeoutSec();
        helloBacklog = c.helloBacklog();
        maxFrameBytes = c.maxFrameBytes();
        maxHttpBodyBytes = c.maxHttpBodyBytes();
        ratePerSec = c.ratePerSec();
        rateBurst = c.rateBurst();
        rateStrikes = c.rateStrikes();
        maxConnections = c.maxConnections();
        writeLowWater = c.writeLowWater();
        writeHighWater = c.writeHighWater();
        maxOutboundBytes = c.maxOutboundBytes();
        allowedOrigins = c.allowedOrigins();
        storeThreads = c.storeThreads();
        storeQueue = c.storeQueue();
        storeTimeoutMs = c.storeTimeoutMs();
        // Likewise a derived lane count stays derived, so toBuilder().dbUrl(x) picks x's default.
        writerLanes = c.writerLanes() == KefuConfig.defaultWriterLanes(c.dbUrl())
                ? OptionalInt.empty() : OptionalInt.of(c.writerLanes());
        writerMaxBatch = c.writerMaxBatch();
        writerQueue = c.writerQueue();
        routerThreads = c.routerThreads();
        routerQueue = c.routerQueue();
        maxTextChars = c.maxTextChars();
        shutdownGraceSec = c.shutdownGraceSec();
        passwordIterations = c.passwordIterations();
        nodeId = c.nodeId();
        scriptCacheShops = c.scriptCacheShops();
        maxConnectionsPerAddress = c.maxConnectionsPerAddress();
        httpRequestTimeoutSec = c.httpRequestTimeoutSec();
        tokenGraceSec = c.tokenGraceSec();
        authFailureBurst = c.authFailureBurst();
        authFailuresPerMin = c.authFailuresPerMin();
        loginAccountFailures = c.loginAccountFailures();
        loginUnknownHashes = c.loginUnknownHashes();
    }

    public KefuConfig build() {
        String url = dbUrl.orElseGet(() -> KefuConfig.h2FileUrl(dataDir));
        return new KefuConfig(host, port, adminKey, jwtSecret, tokenTtlSec, url, dbUser, dbPassword, dbPoolSize, dataDir,
                demo, heartbeatSec, helloTimeoutSec, helloBacklog, maxFrameBytes, maxHttpBodyBytes, ratePerSec, rateBurst,
                rateStrikes, maxConnections, writeLowWater, writeHighWater, maxOutboundBytes, allowedOrigins,
                storeThreads, storeQueue, writerLanes.orElse(KefuConfig.defaultWriterLanes(url)), writerMaxBatch, writerQueue,
                routerThreads, routerQueue, maxTextChars, shutdownGraceSec, passwordIterations, nodeId,
                scriptCacheShops, maxConnectionsPerAddress, httpRequestTimeoutSec, tokenGraceSec, authFailureBurst,
                authFailuresPerMin, loginAccountFailures, loginUnknownHashes, storeTimeoutMs);
    }

    public KefuConfigBuilder host(String value) {
        host = value;
        return this;
    }

    public KefuConfigBuilder port(int value) {
        port = value;
        return this;
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
        tokenTtlSec = value;
        return this;
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
        dbPoolSize = value;
        return this;
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
        heartbeatSec = value;
        return this;
    }

    /** Frames a client may send after {@code hello} before its answer; they are handled once it succeeds. */
    public KefuConfigBuilder helloBacklog(int value) {
        helloBacklog = value;
        return this;
    }

    public KefuConfigBuilder helloTimeoutSec(int value) {
        helloTimeoutSec = value;
        return this;
    }

    public KefuConfigBuilder maxFrameBytes(int value) {
        maxFrameBytes = value;
        return this;
    }

    public KefuConfigBuilder maxHttpBodyBytes(int value) {
        maxHttpBodyBytes = value;
        return this;
    }

    public KefuConfigBuilder ratePerSec(int value) {
        ratePerSec = value;
        return this;
    }

    public KefuConfigBuilder rateBurst(int value) {
        rateBurst = value;
        return this;
    }

    public KefuConfigBuilder rateStrikes(int value) {
        rateStrikes = value;
        return this;
    }

    public KefuConfigBuilder maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    public KefuConfigBuilder writeLowWater(int value) {
        writeLowWater = value;
        return this;
    }

    public KefuConfigBuilder writeHighWater(int value) {
        writeHighWater = value;
        return this;
    }

    public KefuConfigBuilder maxOutboundBytes(int value) {
        maxOutboundBytes = value;
        return this;
    }

    public KefuConfigBuilder allowedOrigins(List<String> value) {
        allowedOrigins = value;
        return this;
    }

    public KefuConfigBuilder storeThreads(int value) {
        storeThreads = value;
        return this;
    }

    /** How long a request waits for the database before it is answered {@code overloaded}. */
    public KefuConfigBuilder storeTimeoutMs(int value) {
        storeTimeoutMs = value;
        return this;
    }

    public KefuConfigBuilder storeQueue(int value) {
        storeQueue = value;
        return this;
    }

    public KefuConfigBuilder writerLanes(int value) {
        writerLanes = OptionalInt.of(value);
        return this;
    }

    public KefuConfigBuilder writerMaxBatch(int value) {
        writerMaxBatch = value;
        return this;
    }

    public KefuConfigBuilder writerQueue(int value) {
        writerQueue = value;
        return this;
    }

    public KefuConfigBuilder routerQueue(int value) {
        routerQueue = value;
        return this;
    }

    public KefuConfigBuilder routerThreads(int value) {
        routerThreads = value;
        return this;
    }

    public KefuConfigBuilder maxTextChars(int value) {
        maxTextChars = value;
        return this;
    }

    public KefuConfigBuilder shutdownGraceSec(int value) {
        shutdownGraceSec = value;
        return this;
    }

    public KefuConfigBuilder passwordIterations(int value) {
        passwordIterations = value;
        return this;
    }

    public KefuConfigBuilder nodeId(int value) {
        nodeId = value;
        return this;
    }

    public KefuConfigBuilder scriptCacheShops(int value) {
        scriptCacheShops = value;
        return this;
    }

    public KefuConfigBuilder maxConnectionsPerAddress(int value) {
        maxConnectionsPerAddress = value;
        return this;
    }

    public KefuConfigBuilder httpRequestTimeoutSec(int value) {
        httpRequestTimeoutSec = value;
        return this;
    }

    public KefuConfigBuilder tokenGraceSec(int value) {
        tokenGraceSec = value;
        return this;
    }

    public KefuConfigBuilder authFailureBurst(int value) {
        authFailureBurst = value;
        return this;
    }

    public KefuConfigBuilder authFailuresPerMin(int value) {
        authFailuresPerMin = value;
        return this;
    }

    public KefuConfigBuilder loginAccountFailures(int value) {
        loginAccountFailures = value;
        return this;
    }

    public KefuConfigBuilder loginUnknownHashes(int value) {
        loginUnknownHashes = value;
        return this;
    }
}
