package io.kefu.server.cluster;

import io.kefu.server.StartupException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's two connections to Redis, shared by everything in cluster mode: one for commands (Lettuce pipelines
 * every caller's commands on it) and one for pub/sub. Keys and channels are strings, values bytes. Commands fail at
 * once while Redis is unreachable (they are not queued without bound) and time out after the bus timeout; Lettuce
 * reconnects by itself and subscribes again to every channel. Thread-safe.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> pubsub;

    private RedisLink(RedisClient client, StatefulRedisConnection<String, byte[]> commands,
                      StatefulRedisPubSubConnection<String, byte[]> pubsub) {
        this.client = client;
        this.commands = commands;
        this.pubsub = pubsub;
    }

    /** Connects, or refuses to start: a node that cannot reach Redis at start must not serve. Blocks; start-up only. */
    public static RedisLink connect(String url, Duration commandTimeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(commandTimeout);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        try {
            StatefulRedisConnection<String, byte[]> commands = client.connect(CODEC);
            StatefulRedisPubSubConnection<String, byte[]> pubsub = client.connectPubSub(CODEC);
            commands.sync().ping();
            log.info("connected to Redis at {}", safe(uri));
            return new RedisLink(client, commands, pubsub);
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw new StartupException("cannot reach Redis at " + safe(uri) + " (KEFU_REDIS_URL): " + e.getMessage()
                    + "; a cluster node does not start without it", e);
        }
    }

    StatefulRedisConnection<String, byte[]> commands() {
        return commands;
    }

    StatefulRedisPubSubConnection<String, byte[]> pubsub() {
        return pubsub;
    }

    /** Host and port only: the URL may carry a password. */
    private static String safe(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        pubsub.close();
        commands.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
