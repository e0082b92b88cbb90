package io.kefu.protocol;

/**
 * {@code conv.assigned}: an agent has the conversation. {@code buyer} and {@code entry} are sent to the
 * agent only ({@code null} in the buyer's copy). {@code fromBot} (v1.1, agent's copy) says the buyer
 * talked to the FAQ bot first; the bot's exchange is in the conversation's history. {@code replyBy} (agent's
 * copy, optional): when the 3-minute mark passes for the buyer's oldest unanswered request, as on the agent's
 * {@code msg} pushes; null when the buyer is not waiting for a person.
 */
public record ConvAssigned(String conv, AgentRef agent, String group, BuyerRef buyer, Entry entry, boolean fromBot,
                           Long replyBy) implements Frame {
    public static final String TYPE = "conv.assigned";

    public ConvAssigned(String conv, AgentRef agent, String group, BuyerRef buyer, Entry entry, boolean fromBot) {
        this(conv, agent, group, buyer, entry, fromBot, null);
    }

    public ConvAssigned(String conv, AgentRef agent, String group, BuyerRef buyer, Entry entry) {
        this(conv, agent, group, buyer, entry, false);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
