package io.kefu.protocol;

/**
 * One end of a transfer: {@code {agent}} or {@code {group}} on the wire; exactly one is set.
 * Extension: when both are known (an agent of a group) both may be present.
 */
public record Target(String agent, String group) {
    public static Target agent(String agentId) {
        return new Target(agentId, null);
    }

    public static Target group(String groupId) {
        return new Target(null, groupId);
    }
}
