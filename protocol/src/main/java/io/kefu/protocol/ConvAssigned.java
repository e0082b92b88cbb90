package io.kefu.protocol;

/**
 * {@code conv.assigned}: an agent has the conversation. {@code buyer} and {@code entry} are sent to the
 * agent only ({@code null} in the buyer's copy).
 */
public record ConvAssigned(String conv, AgentRef agent, String group, BuyerRef buyer, Entry entry)
        implements Frame {
    public static final String TYPE = "conv.assigned";

    @Override
    public String type() {
        return TYPE;
    }
}
