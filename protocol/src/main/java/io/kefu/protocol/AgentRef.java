package io.kefu.protocol;

/** An agent as shown to others: {@code {id, name}}. */
public record AgentRef(String id, String name) {
}
