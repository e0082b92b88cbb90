package io.kefu.server.gateway;

/**
 * What {@code /health} says of this node besides draining and its sessions: in cluster mode, its place in the
 * cluster, and whether it may serve (a node without its lease answers 503, so a load balancer takes it out).
 * Read on event loops: implementations answer from memory.
 */
public interface NodeHealth {
    /** A node on its own: nothing to add. */
    NodeHealth ALONE = new NodeHealth() {
        @Override
        public boolean serving() {
            return true;
        }

        @Override
        public String clusterJson() {
            return null;
        }
    };

    boolean serving();

    /** A JSON object for the {@code cluster} field, or null. */
    String clusterJson();
}
