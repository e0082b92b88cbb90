package io.kefu.server.routing.policy;

/** What an assignment strategy may know of an agent who could take a conversation. Read on the router lane. */
public interface AgentLoad {
    String id();

    /** Conversations the agent has open now. */
    int activeCount();

    /** When the agent last got a conversation (epoch ms; 0 never). */
    long lastAssignedAt();
}
