package io.kefu.load;

/**
 * One conversation as the harness sees it: who is in it, the server's id for it, and per direction
 * what was sent and what arrived. Fields set during set-up are volatile (written by whichever event loop
 * completes the pairing, read by senders and receivers). Each {@link Flow}'s sent counter is confined to
 * the sending connection's event loop and its {@link SeenSet} to the receiving one's; {@code buyerSeq}
 * and {@code agentSeq} likewise belong to the buyer's and the agent's loop.
 */
final class ConvTrack {

    /** One direction: the sender's message count and what the receiver has seen. */
    static final class Flow {
        long sent;
        final SeenSet seen = new SeenSet();
    }

    private final int index;
    private final Endpoint buyer;
    private volatile String convId;
    private volatile Endpoint agent;
    final Flow toAgent = new Flow();
    final Flow toBuyer = new Flow();
    long buyerSeq;
    long agentSeq;
    /** {@code open}s sent again after {@code overloaded}; the buyer's event loop only. */
    int openAttempts;

    ConvTrack(int index, Endpoint buyer) {
        this.index = index;
        this.buyer = buyer;
    }

    int index() {
        return index;
    }

    Endpoint buyer() {
        return buyer;
    }

    Endpoint agent() {
        return agent;
    }

    String convId() {
        return convId;
    }

    void convId(String id) {
        this.convId = id;
    }

    void agent(Endpoint a) {
        this.agent = a;
    }

    boolean ready() {
        return convId != null && agent != null;
    }

    /** Its agent is a slow consumer: counted apart and kept out of the latency figures. */
    boolean slow() {
        Endpoint a = agent;
        return a != null && a.slow();
    }

    Flow flow(Stamp s) {
        return s.fromBuyer() ? toAgent : toBuyer;
    }
}
