package io.kefu.server.auth;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which staff tokens still hold. A staff token carries the token version its agent had when it was issued
 * ({@code ver}); raising the version (password changed or reset, agent disabled) retires every older token, and a
 * disabled agent's tokens are refused whatever their version. Checked with every token, so HTTP calls and
 * WebSocket {@code hello}s alike are refused at once.
 *
 * <p>Holds an entry only for agents that were disabled or had their tokens revoked, loaded from the store at
 * start-up ({@link #remember}) and kept up to date by the calls that change them, which write the store first.
 * At most one small entry per such agent. In cluster mode every change is also told to the other nodes
 * ({@link #spreadTo}), which {@link #learn} it. Thread-safe and non-blocking: checked on event loops.
 */
public final class StaffTokens {
    static final String DISABLED = "this staff account is disabled; a shop admin may enable it";
    static final String REVOKED = "token revoked (the password changed or the account was disabled); log in again";

    private record State(boolean disabled, int version) {
    }

    private final ConcurrentHashMap<String, State> byAgent = new ConcurrentHashMap<>();
    private volatile Spread spread = (agentId, disabled, version) -> { };

    /** Where changes go besides this node: the other nodes of a cluster. */
    public interface Spread {
        /** Never blocks. */
        void changed(String agentId, boolean disabled, int version);
    }

    /** Cluster mode: every change {@link #remember}ed here from now on is also told to {@code spread}. */
    public void spreadTo(Spread spread) {
        this.spread = spread;
    }

    /** The agent's current token version: new tokens carry it. */
    public int version(String agentId) {
        State s = byAgent.get(agentId);
        return s == null ? 0 : s.version;
    }

    /**
     * What the store says of an agent; versions only ever go up, so a late or repeated report never brings a
     * retired token back.
     */
    public void remember(String agentId, boolean disabled, int version) {
        learn(agentId, disabled, version);
        spread.changed(agentId, disabled, version);
    }

    /** What another node told of an agent (see {@link #remember}); not told on again. */
    public void learn(String agentId, boolean disabled, int version) {
        if (!disabled && version == 0 && !byAgent.containsKey(agentId)) {
            return;
        }
        byAgent.merge(agentId, new State(disabled, version),
                (old, now) -> now.version >= old.version ? now : new State(now.disabled, old.version));
    }

    /**
     * Throws {@code forbidden} for a disabled agent, {@code unauthorized} for a token older than the agent's
     * version. Buyers and the platform admin pass.
     */
    public void check(Principal who, int tokenVersion) {
        if (!who.role().isStaff() || who.isPlatformAdmin()) {
            return;
        }
        State s = byAgent.get(who.userId());
        if (s == null) {
            return;
        }
        if (s.disabled) {
            throw KefuException.forbidden(DISABLED);
        }
        if (tokenVersion < s.version) {
            throw new KefuException(ErrorCode.UNAUTHORIZED, REVOKED);
        }
    }
}
