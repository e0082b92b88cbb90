package io.kefu.server.routing.spi;

import io.kefu.server.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The quick replies a {@code send} with {@code script} and {@code script.fill} use (contract §6): routing
 * gathers the variables' values from the conversation, the source fills the script with them.
 */
public interface ScriptSource {
    /** The variables routing gives values for, by their names in a script body without braces. */
    String BUYER_NAME = "buyer.name";
    String AGENT_NAME = "agent.name";
    String SHOP_NAME = "shop.name";
    String ORDER_NO = "order.no";
    String ORDER_STATUS = "order.status";
    String LOGISTICS_COMPANY = "logistics.company";
    String LOGISTICS_NO = "logistics.no";

    /** No scripts: every id is unknown. */
    ScriptSource NONE = new ScriptSource() {
        @Override
        public CompletableFuture<Optional<Filled>> fill(String shopId, String scriptId, Principal who,
                                                        Map<String, String> values) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public void used(String shopId, String scriptId) {
        }

        @Override
        public Filled fillText(String body, Map<String, String> values) {
            return new Filled(body, List.of());
        }
    };

    /** A filled script: the text, and the variables that had no value (left as written in the text). */
    record Filled(String text, List<String> missing) {
        public Filled {
            missing = List.copyOf(missing);
        }

        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /**
     * Script {@code scriptId} as {@code who} may see it (a shop script, or their own personal one) filled from
     * {@code values}, or empty when there is no such script. Completes on any thread, possibly a store thread:
     * continue on your own executor.
     */
    CompletableFuture<Optional<Filled>> fill(String shopId, String scriptId, Principal who, Map<String, String> values);

    /** Counts one use of the script (it was sent). Never blocks. */
    void used(String shopId, String scriptId);

    /** Fills the variables of a text that is not a stored script (a welcome message) as a script's are filled. */
    Filled fillText(String body, Map<String, String> values);
}
