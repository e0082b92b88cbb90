package io.kefu.protocol;

/**
 * {@code status}: an agent sets their presence ({@code id}, {@code value}); as a push (v1.1) it tells the
 * agent's connections and the shop's managers that {@code agent} is now {@code value}, with {@code reason}
 * ({@code no_answer}, {@code disconnected}...) when the server changed it.
 */
public record Status(String id, AgentStatus value, String agent, String reason) implements Frame {
    public static final String TYPE = "status";

    /** The request. */
    public Status(String id, AgentStatus value) {
        this(id, value, null, null);
    }

    /** A push about {@code agent}. */
    public static Status push(String agent, AgentStatus value, String reason) {
        return new Status(null, value, agent, reason);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
