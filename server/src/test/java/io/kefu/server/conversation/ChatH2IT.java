package io.kefu.server.conversation;

import io.kefu.server.TestServer;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatH2IT extends ChatScenarios {
    @RegisterExtension
    static final TestServer server = TestServer.h2();

    @Override
    TestServer server() {
        return server;
    }
}
