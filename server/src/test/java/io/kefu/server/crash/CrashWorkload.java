package io.kefu.server.crash;

import io.kefu.client.AgentSession;
import io.kefu.client.BuyerSession;
import io.kefu.client.ConnectionClosedException;
import io.kefu.client.ConversationSession;
import io.kefu.client.Encoding;
import io.kefu.client.KefuClient;
import io.kefu.client.KefuClientException;
import io.kefu.client.KefuListener;
import io.kefu.client.RequestTimeoutException;
import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.Body;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Msg;
import io.kefu.protocol.OkResult.HelloResult;
import io.kefu.protocol.OkResult.OpenResult;
import io.kefu.protocol.OkResult.SendResult;
import io.kefu.server.crash.CrashShops.Shop;
import io.kefu.server.crash.CrashShops.Staff;
import io.kefu.server.crash.Ledger.ConvHistory;
import io.kefu.server.crash.Ledger.OpKind;
import io.kefu.server.crash.Ledger.Outcome;
import io.kefu.server.crash.Ledger.SentMessage;
import io.kefu.server.crash.Ledger.StateOp;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The crash test's traffic: per shop two agents and a supervisor, and buyers each driven by one worker
 * thread through whole conversations — open, messages both ways (the supervisor, or the agent a
 * conversation was last transferred to, answers), transfers between the agents, a close by the buyer or
 * the supervisor, a rating. Every client reconnects by itself (SDK auto-reconnect, which re-sends
 * unanswered {@code send}s with their {@code cmid}); a worker retries a failed request with the same
 * {@code cmid} until it has an answer it can trust. Everything asked and answered goes to the
 * {@link Ledger}. A worker's choices come from its own {@link Random}, seeded from the run's seed.
 * Workers run on their own threads and block on the futures; listeners run on the clients' event loops.
 */
final class CrashWorkload implements AutoCloseable {
    /** Errors after which the server has changed nothing: there is no point in asking again. */
    private static final Set<ErrorCode> DEFINITIVE = EnumSet.of(ErrorCode.BAD_FRAME, ErrorCode.UNAUTHORIZED,
            ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE, ErrorCode.TOO_LARGE,
            ErrorCode.BLOCKED_CONTENT);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int SEND_TRIES = 30;
    private static final int STATE_TRIES = 10;

    /** Counts for the summary line. */
    static final class Counts {
        final AtomicLong opens = new AtomicLong();
        final AtomicLong sendsRefused = new AtomicLong();
        final AtomicLong sendsUnanswered = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    /** One connected user: its client, session and the name it is logged under. */
    private final class Participant implements KefuListener {
        final String name;
        final boolean agent;
        volatile KefuClient client;
        volatile String userId;

        Participant(String name, boolean agent) {
            this.name = name;
            this.agent = agent;
        }

        void connect(String token, Encoding encoding) {
            client = KefuClient.builder().uri(target.get()).token(token).encoding(encoding)
                    .eventLoopGroup(group).autoReconnect(true)
                    .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                    .requestTimeout(REQUEST_TIMEOUT).listener(this).build();
            userId = join(client.connect()).userId();
        }

        @Override
        public void onMessage(Msg msg) {
            ledger.delivered(name, msg);
        }

        @Override
        public void onConnected(HelloResult hello) {
            // A restarted server knows every agent as offline: go online again, as a console does.
            if (agent) {
                new AgentSession(client).status(AgentStatus.ONLINE);
            }
        }
    }

    /** A shop's staff as connected participants. */
    private record Staffed(Shop shop, Participant agent1, Participant agent2, Participant boss) {
        Participant agent(int i) {
            return i == 0 ? agent1 : agent2;
        }
    }

    /** How a worker's request ended, with the answer when it was {@code ok}. */
    private record Result<T>(Outcome outcome, T value, String detail) {
    }

    /** Where clients connect: the server, or the load balancer in front of a cluster's nodes. */
    private final java.util.function.Supplier<java.net.URI> target;
    private final Ledger ledger;
    private final Counts counts = new Counts();
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final List<Participant> participants = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;

    CrashWorkload(ChildServer server, Ledger ledger) {
        this(server::wsUri, ledger);
    }

    CrashWorkload(java.util.function.Supplier<java.net.URI> target, Ledger ledger) {
        this.target = target;
        this.ledger = ledger;
    }

    /** Connects the staff and buyers of {@code shops} and starts one worker per buyer. Server must be up. */
    void start(CrashShops setup, List<Shop> shops, int buyersPerShop, long seed) {
        int n = 0;
        for (Shop shop : shops) {
            Staffed staffed = new Staffed(shop, staff(shop.agent1(), "agent1", true, n),
                    staff(shop.agent2(), "agent2", true, n + 1), staff(shop.boss(), "boss", false, n + 2));
            for (int b = 0; b < buyersPerShop; b++) {
                String buyerId = "crash-buyer-" + shop.shopId() + "-" + b;
                Participant buyer = participant(buyerId, false);
                buyer.connect(setup.buyerToken(buyerId), encoding(n + b));
                Random random = new Random(seed * 31 + workers.size());
                Thread t = new Thread(() -> runBuyer(staffed, buyer, random), "crash-worker-" + workers.size());
                t.setDaemon(true);
                workers.add(t);
            }
            n += 3;
        }
        workers.forEach(Thread::start);
    }

    /** Lets every worker finish the request it is on (the server must be up) and waits for them. */
    void stop(Duration timeout) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : workers) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not finish within " + timeout
                        + " after the workload was stopped");
            }
        }
    }

    Counts counts() {
        return counts;
    }

    int clients() {
        return participants.size();
    }

    @Override
    public void close() {
        stopping = true;
        for (Participant p : participants) {
            if (p.client != null) {
                p.client.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Participant staff(Staff login, String role, boolean agent, int n) {
        Participant p = participant(role + "@" + login.id(), agent);
        p.connect(login.token(), encoding(n));
        return p;
    }

    private Participant participant(String name, boolean agent) {
        Participant p = new Participant(name, agent);
        participants.add(p);
        return p;
    }

    private static Encoding encoding(int n) {
        return n % 2 == 0 ? Encoding.JSON : Encoding.BINARY;
    }

    private void runBuyer(Staffed s, Participant buyer, Random random) {
        BuyerSession session = new BuyerSession(buyer.client);
        while (!stopping) {
            Result<OpenResult> opened = call(() -> session.open(s.shop().shopId(), null, null), STATE_TRIES);
            if (opened.outcome() != Outcome.ACKED) {
                counts.refusals.add("open by " + buyer.name + ": " + opened.detail());
                pause(100);
                continue;
            }
            counts.opens.incrementAndGet();
            ConvHistory conv = ledger.conversation(opened.value().conv(), s.shop().shopId(), buyer.userId);
            converse(s, buyer, session, conv, random);
        }
    }

    /** One conversation, start to rating; returns early (leaving it open) when the workload stops. */
    private void converse(Staffed s, Participant buyer, BuyerSession session, ConvHistory conv, Random random) {
        Participant holder = null;
        int rounds = 2 + random.nextInt(6);
        for (int i = 0; i < rounds && !stopping; i++) {
            send(conv, buyer, session, random);
            Participant staff = holder != null ? holder : s.boss();
            if (send(conv, staff, new AgentSession(staff.client), random) == Outcome.REFUSED && staff != s.boss()) {
                holder = null;
                send(conv, s.boss(), new AgentSession(s.boss().client), random);
            }
            if (random.nextInt(100) < 35) {
                Participant to = s.agent(random.nextInt(2));
                Result<Void> moved = call(() -> new AgentSession(s.boss().client).transfer(conv.conv, to.userId, null,
                        "crash test"), 1);
                ledger.record(conv, new StateOp(OpKind.TRANSFER, to.userId, null, moved.outcome(), moved.detail()));
                holder = moved.outcome() == Outcome.ACKED ? to : moved.outcome() == Outcome.UNKNOWN ? null : holder;
            }
        }
        if (stopping) {
            return;
        }
        Participant closer = random.nextBoolean() ? buyer : s.boss();
        ConversationSession closing = closer == buyer ? session : new AgentSession(closer.client);
        Result<Void> closed = call(() -> closing.close(conv.conv, "done"), STATE_TRIES);
        ledger.record(conv, new StateOp(OpKind.CLOSE, closer.userId, null, closed.outcome(), closed.detail()));
        int score = 1 + random.nextInt(5);
        String comment = "score " + score + " from " + buyer.name;
        Result<Void> rated = call(() -> session.rate(conv.conv, score, comment), STATE_TRIES);
        ledger.record(conv, new StateOp(OpKind.RATE, Integer.toString(score), comment, rated.outcome(),
                rated.detail()));
    }

    private Outcome send(ConvHistory conv, Participant from, ConversationSession session, Random random) {
        String cmid = new UUID(random.nextLong(), random.nextLong()).toString();
        SentMessage m = ledger.sending(conv.conv, from.userId, cmid, "msg " + letters(cmid));
        Result<SendResult> r = call(() -> session.send(conv.conv, ConversationSession.TEXT, Body.text(m.text), cmid),
                SEND_TRIES);
        switch (r.outcome()) {
            case ACKED -> {
                if (!r.value().conv().equals(conv.conv)) {
                    throw new AssertionError("send to " + conv.conv + " acknowledged for " + r.value().conv());
                }
                ledger.acked(m, r.value().seq(), r.value().ts());
            }
            case REFUSED -> {
                counts.sendsRefused.incrementAndGet();
                counts.refusals.add("send " + cmid + " by " + from.name + " in " + conv.conv + ": " + r.detail());
            }
            case UNKNOWN -> counts.sendsUnanswered.incrementAndGet();
        }
        return r.outcome();
    }

    /**
     * Asks up to {@code tries} times until the answer can be trusted: {@code ok} is ACKED; a definitive
     * error is REFUSED, or UNKNOWN when an earlier try may have been applied; otherwise UNKNOWN.
     */
    private <T> Result<T> call(Supplier<CompletableFuture<T>> request, int tries) {
        String last = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (attempt > 1) {
                counts.retries.incrementAndGet();
                pause(Math.min(500, 25L * attempt));
            }
            try {
                T value = request.get().get(REQUEST_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                return new Result<>(Outcome.ACKED, value, "ok" + (last == null ? "" : " after " + last));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof KefuClientException k && DEFINITIVE.contains(k.code())) {
                    String detail = k.code().wire() + ": " + k.getMessage();
                    return new Result<>(last == null ? Outcome.REFUSED : Outcome.UNKNOWN, null,
                            detail + (last == null ? "" : " after " + last));
                }
                last = describe(cause);
            } catch (TimeoutException e) {
                last = "no answer within " + REQUEST_TIMEOUT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result<>(Outcome.UNKNOWN, null, "interrupted");
            }
        }
        return new Result<>(Outcome.UNKNOWN, null, last);
    }

    /**
     * The cmid's hex digits as the letters a–p: a unique text with nothing the compliance filter takes
     * for a phone or QQ number, an e-mail address, a link or a WeChat id (ids and digits did: a
     * supervisor's message was once blocked as a phone number).
     */
    private static String letters(String cmid) {
        StringBuilder sb = new StringBuilder(32);
        for (char c : cmid.toCharArray()) {
            if (c != '-') {
                sb.append((char) ('a' + Character.digit(c, 16)));
            }
        }
        return sb.toString();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof KefuClientException k) {
            return k.code().wire();
        }
        if (cause instanceof ConnectionClosedException || cause instanceof RequestTimeoutException) {
            return cause.getClass().getSimpleName();
        }
        return cause.toString();
    }

    /** Backoff between retries of one request (not a wait for a condition: nothing is asserted on timing). */
    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
