// kefu.js — a browser client of the Kefu protocol (JSON encoding), as an ES module.
// Connects, says hello, sends requests with ids and timeouts, hands pushes to listeners, reconnects
// with backoff and jitter, resumes (hello, then sync from the last seq seen of each conversation, so
// every message is delivered once and in order), and resends unacknowledged sends with the same cmid.
// docs/kefu-js.md describes it with an embedding example.

/** The WebSocket sub-protocol of the JSON encoding. */
export const SUBPROTOCOL = "kefu.v1.json";

/** Close codes after which reconnecting cannot help: the token is bad or the user is not allowed. */
const FINAL_CLOSE_CODES = new Set([4401, 4403]);
const SEND_TYPES = new Set(["send"]);
/**
 * Sync refusals that mean "not now" (the shop is moving between nodes, a node or the database is away, the
 * connection dropped): the messages are there, so the sync is tried again after a backoff delay.
 */
const SYNC_RETRY_CODES = new Set(["overloaded", "rate_limited", "internal", "timeout", "disconnected"]);
/** How many such refusals in a row before a gap is given up on (about a minute with the default backoff). */
export const SYNC_RETRIES = 8;

/**
 * The delay before reconnect attempt `attempt` (0 = the first after a drop): "equal jitter", half of an
 * exponentially growing step plus a random part of the other half, so that many clients dropped at once
 * do not come back at the same instant. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt, { initialMs = 500, maxMs = 15000 } = {}, random = Math.random) {
  const step = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * A fresh client message id: a version 7 UUID (RFC 9562), the time in milliseconds then 74 random bits, so ids
 * made later sort later and the server's index of them grows at its end. Works on plain http pages too (no
 * crypto.randomUUID there, and that one is random only).
 */
export function newCmid(now = Date.now()) {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  for (let i = 5, t = now; i >= 0; i--, t = Math.floor(t / 256)) {
    bytes[i] = t % 256;
  }
  bytes[6] = 0x70 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The URL of the server's /ws next to a base URL (http → ws, https → wss). */
export function wsUrlOf(base) {
  const u = new URL("/ws", base);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}

/** An error answer (`code`, `message`), a timeout (`timeout`) or a lost connection (`disconnected`). */
export class KefuError extends Error {
  constructor(code, message, frame) {
    super(message || code);
    this.name = "KefuError";
    this.code = code;
    this.frame = frame;
  }
}

/**
 * One connection to a Kefu server. Events (`on(type, fn)`): every server push by its `t` (`msg`,
 * `conv.queued`, `conv.assigned`, `conv.transferred`, `conv.closed`, `survey`, `notice`, `read`,
 * `typing`, `status`, ...), `*` for every push, `state` (`{state, attempt, delayMs}` with state
 * `connecting`, `open`, `reconnecting`, `closed`), `hello` (the hello answer, after each (re)connect and
 * resume), `error` (a final failure: `{code, message}`).
 *
 * `msg` events come exactly once per message and in `seq` order per conversation: the client drops a
 * `seq` it has already delivered and fills gaps with `sync`.
 */
export class KefuClient {
  /**
   * @param {object} o
   * @param {string} [o.url] the /ws URL (default: this page's server)
   * @param {string|function(): (string|Promise<string>)} o.token a JWT, or a function that returns one
   *        (called on each connect, so a page can fetch a fresh token)
   * @param {number} [o.requestTimeoutMs=10000] how long a request waits for its answer
   * @param {{initialMs:number,maxMs:number}} [o.backoff] reconnect delays (default 500 ms doubling to 15 s)
   * @param {boolean} [o.reconnect=true] reconnect after a drop
   * @param {number} [o.maxQueued=200] requests kept while disconnected; more are refused
   * @param {Function} [o.WebSocket] the WebSocket class (tests pass a wrapper)
   * @param {function(): number} [o.random] jitter source
   */
  constructor(o) {
    if (!o || !o.token) throw new TypeError("KefuClient: token is required");
    this.url = o.url || wsUrlOf(location.href);
    this.tokenSource = o.token;
    this.requestTimeoutMs = o.requestTimeoutMs ?? 10000;
    this.backoff = { initialMs: 500, maxMs: 15000, ...(o.backoff || {}) };
    this.autoReconnect = o.reconnect !== false;
    this.maxQueued = o.maxQueued ?? 200;
    this.WS = o.WebSocket || globalThis.WebSocket;
    this.random = o.random || Math.random;
    this.state = "idle";
    this.session = null;
    this.listeners = new Map();
    this.nextId = 1;
    this.pending = new Map(); // request id -> {frame, resolve, reject, timer, sent}
    this.outbox = []; // request ids waiting for a connection, in order
    this.lastSeq = new Map(); // conv -> last seq delivered
    this.syncing = new Map(); // conv -> messages buffered while a sync runs
    this.attempt = 0;
    this.ws = null;
    this.pingTimer = null;
    this.reconnectTimer = null;
    this.closedByUser = false;
    this.firstHello = null;
  }

  /** Listens to an event; returns a function that stops listening. */
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, value) {
    for (const key of [type, "*"]) {
      if (key === "*" && (type === "state" || type === "hello" || type === "error")) continue;
      for (const fn of this.listeners.get(key) || []) {
        try {
          fn(value);
        } catch (e) {
          console.error("kefu.js listener for " + type + " failed", e);
        }
      }
    }
  }

  /** Connects and says hello; resolves with the first hello answer (later reconnects happen on their own). */
  connect() {
    if (!this.firstHello) {
      this.firstHello = new Promise((resolve, reject) => {
        this.resolveFirst = resolve;
        this.rejectFirst = reject;
      });
      this.closedByUser = false;
      this.openSocket();
    }
    return this.firstHello;
  }

  /** Closes for good: no reconnect; waiting requests fail with `disconnected`. */
  close() {
    this.closedByUser = true;
    clearTimeout(this.reconnectTimer);
    this.stopPing();
    if (this.ws) this.ws.close(1000, "bye");
    this.failAll("closed by the page", true);
    this.setState("closed");
  }

  /** Drops the current connection as if the network had failed (it reconnects); for tests and "retry now". */
  drop() {
    if (this.ws) this.ws.close(4000, "dropped by the client");
  }

  setState(state, extra = {}) {
    this.state = state;
    this.emit("state", { state, ...extra });
  }

  async openSocket() {
    this.setState(this.attempt === 0 && !this.session ? "connecting" : "reconnecting", { attempt: this.attempt });
    let token;
    try {
      token = typeof this.tokenSource === "function" ? await this.tokenSource() : this.tokenSource;
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    if (this.closedByUser) return;
    let ws;
    try {
      ws = new this.WS(this.url, SUBPROTOCOL);
    } catch (e) {
      this.fail("bad_url", "cannot open " + this.url + ": " + e.message);
      return;
    }
    this.ws = ws;
    let helloDone = false;
    ws.onopen = () => {
      this.rawSend({ t: "hello", id: "h" + this.nextId++, token }, (ok) => {
        helloDone = true;
        this.onHello(ok);
      }, (err) => {
        const final = err.code === "unauthorized" || err.code === "forbidden";
        if (final) this.fail(err.code, err.message);
        else ws.close(4000, "hello failed");
      });
    };
    ws.onmessage = (ev) => this.onFrame(ev.data);
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopPing();
      this.failSent();
      if (this.closedByUser) return;
      if (FINAL_CLOSE_CODES.has(ev.code)) {
        this.fail(ev.code === 4401 ? "unauthorized" : "forbidden", ev.reason || "closed with " + ev.code);
        return;
      }
      if (!helloDone && this.attempt === 0 && !this.session && !this.autoReconnect) {
        this.fail("disconnected", "could not connect to " + this.url);
        return;
      }
      this.scheduleReconnect();
    };
  }

  scheduleReconnect() {
    if (!this.autoReconnect || this.closedByUser) {
      this.failAll("connection lost", true);
      this.setState("closed");
      return;
    }
    const delayMs = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.setState("reconnecting", { attempt: this.attempt, delayMs });
    this.reconnectTimer = setTimeout(() => this.openSocket(), delayMs);
  }

  fail(code, message) {
    this.closedByUser = true;
    this.stopPing();
    if (this.ws) this.ws.close(1000);
    this.failAll(message, true);
    this.setState("closed");
    this.emit("error", { code, message });
    if (this.rejectFirst) this.rejectFirst(new KefuError(code, message));
  }

  async onHello(ok) {
    this.session = ok;
    this.attempt = 0;
    this.startPing(ok.heartbeatSec || 30);
    // Resume: every conversation we have delivered messages of catches up from its last seq.
    const serverLast = new Map((ok.conversations || []).map((c) => [c.conv, c.lastSeq]));
    const catchUps = [];
    for (const [conv, last] of this.lastSeq) {
      const known = serverLast.get(conv);
      if (known === undefined || known > last) {
        // Wait for each conversation's first sync answer, not for its retries after a refusal.
        catchUps.push(new Promise((answered) => this.catchUp(conv, [], answered)));
      }
    }
    await Promise.all(catchUps);
    this.setState("open");
    this.flushOutbox();
    this.emit("hello", ok);
    if (this.resolveFirst) {
      this.resolveFirst(ok);
      this.resolveFirst = null;
      this.rejectFirst = null;
    }
  }

  startPing(heartbeatSec) {
    this.stopPing();
    // A ping that gets no pong means a dead connection the browser has not noticed: drop it and reconnect.
    this.pingTimer = setInterval(() => {
      this.request({ t: "ping" }, { timeoutMs: heartbeatSec * 1000 }).catch((e) => {
        if (e.code === "timeout") this.drop();
      });
    }, heartbeatSec * 1000);
  }

  stopPing() {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  onFrame(data) {
    let f;
    try {
      f = JSON.parse(data);
    } catch (e) {
      console.warn("kefu.js: unreadable frame", e);
      return;
    }
    if (f.re !== undefined && (f.t === "ok" || f.t === "error" || f.t === "pong")) {
      const p = this.pending.get(f.re);
      if (!p) return;
      this.pending.delete(f.re);
      clearTimeout(p.timer);
      if (f.t === "error") p.reject(new KefuError(f.code, f.message, f));
      else p.resolve(f);
      return;
    }
    if (f.t === "msg") {
      this.acceptMsg(f);
      return;
    }
    this.emit(f.t, f);
  }

  /** Delivers a message once and in order; a gap starts a sync of that conversation. */
  acceptMsg(m) {
    const buffered = this.syncing.get(m.conv);
    if (buffered) {
      buffered.push(m);
      return;
    }
    const last = this.lastSeq.get(m.conv);
    if (last === undefined || m.seq === last + 1) {
      this.deliver(m);
    } else if (m.seq > last + 1) {
      this.catchUp(m.conv, [m]);
    }
  }

  deliver(m) {
    this.lastSeq.set(m.conv, m.seq);
    this.emit("msg", m);
  }

  /**
   * Syncs a conversation from its last delivered seq, page by page; pushes meanwhile wait in a buffer. A
   * refusal that means "not now" is retried after a backoff delay, up to SYNC_RETRIES times in a row; any
   * other (the conversation is no longer ours to read), or the last retry, gives the gap up: what waits is
   * delivered past it, in order, rather than held forever.
   */
  async catchUp(conv, initial = [], answered = () => {}) {
    if (this.syncing.has(conv)) {
      this.syncing.get(conv).push(...initial);
      answered();
      return;
    }
    const buffer = [...initial];
    this.syncing.set(conv, buffer);
    let gaveUp = false;
    let refusals = 0;
    try {
      for (;;) {
        const after = this.lastSeq.get(conv) ?? 0;
        let ok;
        try {
          ok = await this.request({ t: "sync", conv, afterSeq: after, limit: 500 });
        } catch (e) {
          answered();
          if (!SYNC_RETRY_CODES.has(e.code) || refusals >= SYNC_RETRIES || this.closedByUser) throw e;
          const delayMs = backoffDelay(refusals++, this.backoff, this.random);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          continue;
        }
        refusals = 0;
        for (const m of ok.messages || []) {
          if (m.seq > (this.lastSeq.get(conv) ?? 0)) this.deliver(m);
        }
        if (!ok.messages || ok.messages.length < 500) break;
      }
    } catch (e) {
      console.warn("kefu.js: sync of " + conv + " failed: " + e.message + "; delivering past the gap");
      gaveUp = true;
    } finally {
      answered();
      this.syncing.delete(conv);
      buffer.sort((a, b) => a.seq - b.seq);
      for (const m of buffer) {
        if (!gaveUp) this.acceptMsg(m);
        else if (m.seq > (this.lastSeq.get(conv) ?? 0)) this.deliver(m);
      }
    }
  }

  /** Tells the client which seq the page already has of a conversation (e.g. after loading history). */
  seen(conv, seq) {
    if ((this.lastSeq.get(conv) ?? 0) < seq) this.lastSeq.set(conv, seq);
  }

  /**
   * Sends a request and resolves with its `ok` (rejects with a KefuError). While disconnected it waits
   * for the connection; it fails with `timeout` after `timeoutMs`. A `send` never times out: it waits,
   * and after a reconnect it is sent again with the same `cmid` (the server stores it once).
   */
  request(frame, { timeoutMs = this.requestTimeoutMs } = {}) {
    return new Promise((resolve, reject) => {
      if (this.closedByUser && this.state === "closed") {
        reject(new KefuError("disconnected", "the client is closed"));
        return;
      }
      const id = String(this.nextId++);
      const entry = { frame: { ...frame, id }, resolve, reject, timer: null, sent: false };
      const durable = SEND_TYPES.has(frame.t);
      if (!durable) {
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          this.outbox = this.outbox.filter((x) => x !== id);
          reject(new KefuError("timeout", frame.t + " got no answer within " + timeoutMs + " ms"));
        }, timeoutMs);
      }
      if (this.state !== "open" && frame.t !== "sync" && frame.t !== "ping") {
        if (this.outbox.length >= this.maxQueued) {
          clearTimeout(entry.timer);
          reject(new KefuError("overloaded", "too many requests waiting for the connection"));
          return;
        }
        this.pending.set(id, entry);
        this.outbox.push(id);
        return;
      }
      this.pending.set(id, entry);
      this.transmit(entry);
    });
  }

  rawSend(frame, resolve, reject) {
    const timer = setTimeout(() => {
      this.pending.delete(frame.id);
      reject(new KefuError("timeout", "hello got no answer"));
    }, this.requestTimeoutMs);
    this.pending.set(frame.id, { frame, resolve, reject, timer, sent: true });
    this.ws.send(JSON.stringify(frame));
  }

  transmit(entry) {
    if (!this.ws || this.ws.readyState !== 1) {
      this.outbox.push(entry.frame.id);
      return;
    }
    entry.sent = true;
    this.ws.send(JSON.stringify(entry.frame));
  }

  flushOutbox() {
    const ids = this.outbox;
    this.outbox = [];
    for (const id of ids) {
      const entry = this.pending.get(id);
      if (entry) this.transmit(entry);
    }
  }

  /** The connection dropped: sends go back to the outbox (same cmid); other sent requests fail. */
  failSent() {
    const resend = [];
    for (const [id, entry] of this.pending) {
      if (!entry.sent) continue;
      if (SEND_TYPES.has(entry.frame.t)) {
        entry.sent = false;
        resend.push(id);
      } else {
        this.pending.delete(id);
        clearTimeout(entry.timer);
        entry.reject(new KefuError("disconnected", entry.frame.t + ": the connection dropped before the answer"));
      }
    }
    this.outbox = [...resend, ...this.outbox];
  }

  failAll(message, includeSends) {
    for (const [id, entry] of this.pending) {
      if (!includeSends && SEND_TYPES.has(entry.frame.t)) continue;
      this.pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new KefuError("disconnected", message));
    }
    this.outbox = this.outbox.filter((id) => this.pending.has(id));
  }

  // ---- The protocol's requests ----

  /** Sends a message; resolves with `{conv, seq, ts}` once the server has stored it. */
  send(conv, kind, body, cmid = newCmid()) {
    return this.request({ t: "send", conv, cmid, kind, body }).then((ok) => {
      // The msg push comes before the ok; when it was lost (a drop in between), fetch it.
      const last = this.lastSeq.get(conv);
      if (last === undefined || last < ok.seq) {
        if (last === undefined) this.lastSeq.set(conv, ok.seq - 1);
        this.catchUp(conv);
      }
      return ok;
    });
  }

  sendText(conv, text, cmid) {
    return this.send(conv, "text", { text }, cmid);
  }

  /** Staff: sends quick reply `script`, filled by the server; resolves with `{conv, seq, ts, text}`. */
  sendScript(conv, script, cmid = newCmid()) {
    return this.request({ t: "send", conv, cmid, script });
  }

  /** Staff: previews quick reply `script` filled from the conversation: `{text, missing}`; nothing is sent. */
  scriptFill(conv, script) {
    return this.request({ t: "script.fill", conv, script });
  }

  open(shopId, entry, text) {
    const f = { t: "open", shopId };
    if (entry) f.entry = entry;
    if (text) f.text = text;
    return this.request(f);
  }

  human(conv) {
    return this.request({ t: "human", conv });
  }

  rate(conv, score, comment) {
    const f = { t: "rate", conv, score };
    if (comment) f.comment = comment;
    return this.request(f);
  }

  history(conv, beforeSeq, limit = 50) {
    const f = { t: "history", conv, limit };
    if (beforeSeq !== undefined && beforeSeq !== null) f.beforeSeq = beforeSeq;
    return this.request(f);
  }

  /** Marks read up to `seq` (no answer). */
  read(conv, seq) {
    this.fire({ t: "read", conv, seq });
  }

  /** Tells the peer we are typing (no answer). */
  typing(conv) {
    this.fire({ t: "typing", conv });
  }

  status(value) {
    return this.request({ t: "status", value });
  }

  pick(conv) {
    return this.request({ t: "pick", conv });
  }

  /** Hands a conversation over: `to` is `{agent}` or `{group}`. */
  transfer(conv, to, note) {
    const f = { t: "transfer", conv };
    if (to.agent) f.toAgent = to.agent;
    if (to.group) f.toGroup = to.group;
    if (note) f.note = note;
    return this.request(f);
  }

  closeConversation(conv, reason = "resolved") {
    return this.request({ t: "close", conv, reason });
  }

  /** A frame without an answer; dropped when not connected (read marks and typing are not worth queueing). */
  fire(frame) {
    if (this.ws && this.ws.readyState === 1 && this.state === "open") this.ws.send(JSON.stringify(frame));
  }
}
