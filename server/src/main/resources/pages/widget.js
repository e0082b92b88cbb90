// The buyer's chat widget. mountWidget(root, options) draws it into `root`; /widget and /demo use it.
import { KefuClient, newCmid } from "/kefu.js";
import { h, fill, clock, safeUrl, money } from "/assets/dom.js";
import { T } from "/assets/i18n.js";

const TYPING_EVERY_MS = 3000;
const TYPING_SHOWS_MS = 4000;

/**
 * @param {HTMLElement} root where the widget goes
 * @param {object} o `shop` (shop id), `token` (buyer JWT, or a function returning one), optional
 *        `entry` ({type, ref}: where the buyer comes from), `url` (the server's /ws), `title`
 * @returns {{client: KefuClient, destroy: function}}
 */
export function mountWidget(root, o) {
  const w = new Widget(root, o);
  w.start();
  return { client: w.client, destroy: () => w.client.close() };
}

class Widget {
  constructor(root, o) {
    this.o = o;
    this.conv = null;
    this.convState = null;
    this.bySeq = new Map(); // seq -> element
    this.byCmid = new Map(); // cmid -> element of a message not yet confirmed
    this.readUpTo = 0;
    this.lastTypingSent = 0;
    this.routing = new Map(); // conv -> [state, push] of its latest conv.queued / conv.assigned
    this.client = new KefuClient({ url: o.url, token: o.token });
    this.build(root);
  }

  build(root) {
    this.status = h("span", { class: "kw-conn muted", role: "status" }, T.connecting);
    this.banner = h("div", { class: "banner", hidden: true, role: "status", "data-test": "connection" });
    this.stateLine = h("div", { class: "kw-state", "aria-live": "polite" });
    this.msgs = h("div", { class: "msgs", role: "log", "aria-live": "polite", "aria-label": T.chatTitle });
    this.typingLine = h("div", { class: "typing", "aria-live": "polite" });
    this.rating = h("div", { class: "kw-rating", hidden: true });
    this.input = h("textarea", { "data-test": "composer", rows: 1, "aria-label": T.composer, placeholder: T.composer,
      maxlength: 5000, onkeydown: (e) => this.onKey(e), oninput: () => this.onInput() });
    this.sendButton = h("button", { class: "primary", type: "submit", "data-test": "send" }, T.send);
    const form = h("form", { class: "composer", onsubmit: (e) => { e.preventDefault(); this.sendTyped(); } },
      this.input, this.sendButton);
    fill(root, h("section", { class: "kw", lang: "zh-CN", "aria-label": T.chatTitle },
      h("header", { class: "kw-head" }, h("strong", {}, this.o.title || T.chatTitle), this.status),
      this.banner, this.stateLine, this.msgs, this.typingLine, this.rating, form));
  }

  async start() {
    const c = this.client;
    c.on("state", (s) => this.onConnState(s));
    // A message can come before the open's answer names its conversation (a welcome, an after-hours text):
    // hold those few and show them once the conversation is known.
    this.early = [];
    c.on("msg", (m) => {
      if (m.conv === this.conv) this.showMsg(m);
      else if (this.early.length < 20) this.early.push(m);
    });
    // These may come before the open's answer tells us the conversation id: keep the latest of each.
    c.on("conv.queued", (f) => this.onRouting("queued", f));
    c.on("conv.assigned", (f) => this.onRouting("assigned", f));
    c.on("conv.transferred", (f) => f.conv === this.conv && this.systemLine(T.transferred));
    c.on("conv.closed", (f) => f.conv === this.conv && this.setState("closed", f));
    c.on("survey", (f) => f.conv === this.conv && this.askRating());
    c.on("notice", (f) => (!this.conv || f.conv === this.conv) && this.notice(f));
    c.on("read", (f) => f.conv === this.conv && this.markRead(f.seq));
    c.on("typing", (f) => f.conv === this.conv && this.showTyping());
    c.on("hello", (ok) => this.onHello(ok));
    c.on("error", (e) => this.showBanner(e.message || e.code));
    try {
      await c.connect();
    } catch (e) {
      this.showBanner(e.message);
    }
  }

  /** After each (re)connect: find our open conversation; the first time, load its recent history. */
  async onHello(ok) {
    const mine = (ok.conversations || []).find((x) => x.shopId === this.o.shop);
    if (this.conv && (!mine || mine.conv !== this.conv)) {
      if (this.convState !== "closed") this.setState("closed", {});
      return;
    }
    if (!mine || this.conv) return;
    this.conv = mine.conv;
    this.convState = mine.state;
    await this.loadHistory();
    // Re-opening an open conversation brings its queue position or agent again.
    const opened = await this.client.open(this.o.shop, this.o.entry).catch((e) => this.showBanner(e.message));
    if (opened) this.applyState(opened.conv, opened.state);
  }

  async loadHistory() {
    const ok = await this.client.history(this.conv, null, 50).catch(() => ({ messages: [] }));
    for (const m of ok.messages) this.showMsg(m);
    const last = ok.messages.length ? ok.messages[ok.messages.length - 1].seq : 0;
    this.client.seen(this.conv, last);
  }

  onConnState({ state }) {
    this.status.textContent = state === "open" ? T.connected : state === "closed" ? T.closedConn : T.connecting;
    if (state === "reconnecting") this.showBanner(T.reconnecting);
    else if (state === "open") this.banner.hidden = true;
  }

  showBanner(text) {
    this.banner.textContent = text;
    this.banner.hidden = false;
  }

  setState(state, f) {
    this.convState = state;
    this.stateLine.className = "kw-state " + state;
    if (state === "queued") {
      fill(this.stateLine, h("span", { "data-test": "queue-position", "data-position": f.position },
        T.queued(f.position || 1, f.etaSec || 0)));
    } else if (state === "assigned") {
      fill(this.stateLine, T.assigned((f.agent && (f.agent.name || f.agent.id)) || T.agent));
    } else if (state === "bot") {
      fill(this.stateLine, T.bot + " ", h("button", { type: "button", onclick: () => this.human() }, T.human));
    } else if (state === "closed") {
      fill(this.stateLine, T.convClosed);
    }
  }

  onRouting(state, f) {
    this.routing.set(f.conv, [state, f]);
    if (f.conv === this.conv) this.setState(state, f);
  }

  /** The conversation's state from its latest routing push, else from what the server answered. */
  applyState(conv, state) {
    const latest = this.routing.get(conv);
    if (latest) this.setState(latest[0], latest[1]);
    else this.setState(state, {});
  }

  async human() {
    if (this.conv) await this.client.human(this.conv).catch((e) => this.showBanner(e.message));
  }

  onKey(e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.sendTyped();
    }
  }

  onInput() {
    const now = Date.now();
    if (this.conv && this.convState === "assigned" && now - this.lastTypingSent > TYPING_EVERY_MS) {
      this.lastTypingSent = now;
      this.client.typing(this.conv);
    }
  }

  async sendTyped() {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = "";
    await this.sendBody("text", { text });
  }

  /** Sends a message; opens a conversation first when there is none (or the last one was closed). */
  async sendBody(kind, body) {
    const cmid = newCmid();
    const el = this.drawMsg({ seq: null, cmid, from: { type: "buyer" }, kind, body, ts: Date.now() });
    this.byCmid.set(cmid, el);
    try {
      if (!this.conv || this.convState === "closed") await this.openConversation();
      const ok = await this.client.send(this.conv, kind, body, cmid);
      this.confirm(cmid, ok.seq);
    } catch (e) {
      el.querySelector(".meta").textContent = T.failed + " · " + (e.message || e.code);
      el.classList.add("failed");
    }
  }

  async openConversation() {
    const ok = await this.client.open(this.o.shop, this.o.entry);
    if (ok.conv !== this.conv) {
      this.conv = ok.conv;
      // Our unsent messages stay, and so do notices of the new conversation: they can come before `ok`.
      const pending = new Set(this.byCmid.values());
      const keep = [...this.msgs.children].filter((el) => pending.has(el) || el.dataset.conv === ok.conv);
      this.bySeq.clear();
      this.readUpTo = 0;
      fill(this.msgs, ...keep);
      this.rating.hidden = true;
    }
    this.applyState(ok.conv, ok.state);
    const early = this.early.filter((m) => m.conv === ok.conv);
    this.early = [];
    early.forEach((m) => this.showMsg(m));
  }

  confirm(cmid, seq) {
    const el = this.byCmid.get(cmid);
    if (!el) return;
    this.byCmid.delete(cmid);
    if (this.bySeq.has(seq)) {
      el.remove(); // the msg push came first and is drawn already
      return;
    }
    this.place(el, seq);
  }

  /** A message of ours got its seq: it moves to its place in seq order (a reply may have been stored first). */
  place(el, seq) {
    el.dataset.seq = seq;
    this.bySeq.set(seq, el);
    el.remove();
    this.insert(el, seq);
    this.setDelivery(el, seq);
  }

  showMsg(m) {
    if (this.bySeq.has(m.seq)) return;
    const pending = m.cmid && this.byCmid.get(m.cmid);
    if (pending) {
      this.byCmid.delete(m.cmid);
      this.place(pending, m.seq);
      return;
    }
    const el = this.drawMsg(m);
    this.bySeq.set(m.seq, el);
    if (m.from.type !== "buyer" && document.visibilityState !== "hidden") this.client.read(m.conv, m.seq);
  }

  drawMsg(m) {
    const mine = m.from.type === "buyer";
    const who = mine ? T.you : m.from.type === "bot" ? T.botName : m.from.type === "system" ? T.system : T.agent;
    const el = h("div", { class: "msg " + (mine ? "mine" : m.from.type), "data-test": "message",
      "data-seq": m.seq ?? "", "data-cmid": m.cmid },
    h("span", { class: "sr-only" }, who + ": "), content(m, (item) => this.pickSuggestion(item)),
    h("span", { class: "meta" }, clock(m.ts) + (mine ? " · " + (m.seq ? T.sent : T.sending) : "")));
    this.insert(el, m.seq);
    return el;
  }

  /** Keeps messages in seq order (history pages and late confirmations can arrive out of order). */
  insert(el, seq) {
    if (seq) {
      for (const other of this.msgs.children) {
        const s = Number(other.dataset.seq);
        if (other.dataset.seq && s > seq) {
          this.msgs.insertBefore(el, other);
          return;
        }
      }
    }
    this.msgs.append(el);
    this.msgs.scrollTop = this.msgs.scrollHeight;
  }

  setDelivery(el, seq) {
    const meta = el.querySelector(".meta");
    if (meta) meta.textContent = meta.textContent.split(" · ")[0] + " · " + (seq <= this.readUpTo ? T.read : T.sent);
  }

  markRead(seq) {
    this.readUpTo = Math.max(this.readUpTo, seq);
    for (const [s, el] of this.bySeq) if (el.classList.contains("mine") && s <= seq) this.setDelivery(el, s);
  }

  showTyping() {
    this.typingLine.textContent = T.typing;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => { this.typingLine.textContent = ""; }, TYPING_SHOWS_MS);
  }

  pickSuggestion(item) {
    this.sendBody("text", { text: item.question, faqId: item.faqId });
  }

  systemLine(text) {
    this.msgs.append(h("div", { class: "msg system" }, h("span", { class: "bubble" }, text)));
  }

  notice(f) {
    this.msgs.append(h("div", { class: "msg system notice", "data-test": "notice", "data-code": f.code, "data-conv": f.conv,
      role: "status" },
      h("span", { class: "bubble" }, f.text || f.code)));
    this.msgs.scrollTop = this.msgs.scrollHeight;
  }

  askRating() {
    const conv = this.conv;
    const stars = [1, 2, 3, 4, 5].map((n) => h("button", { type: "button", class: "star", "data-test": "rating",
      "data-score": n, "aria-label": T.star(n), title: T.star(n), onclick: () => this.rate(conv, n) }, "★"));
    fill(this.rating, h("div", { id: "kw-rate-q" }, T.rateAsk),
      h("div", { class: "stars", role: "group", "aria-labelledby": "kw-rate-q" }, stars));
    this.rating.hidden = false;
  }

  async rate(conv, score) {
    try {
      await this.client.rate(conv, score);
      fill(this.rating, h("div", { class: "rated", role: "status", "data-test": "rated" }, T.rated));
    } catch (e) {
      this.showBanner(e.message);
    }
  }
}

/** The inside of a message bubble, by kind. Every text from the wire goes in as text, never as HTML. */
function content(m, onSuggestion) {
  const b = m.body || {};
  switch (m.kind) {
    case "image":
    case "voice": {
      const url = safeUrl(b.url);
      const label = (m.kind === "image" ? T.image : T.voice) + (b.durationMs ? " " + Math.round(b.durationMs / 1000) + "s" : "");
      return h("span", { class: "bubble" }, url
        ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label)
        : label + " " + (b.url || ""));
    }
    case "order":
      return orderCard(b);
    case "product":
      return h("div", { class: "card" }, T.product + " " + (b.title || b.productId || ""));
    case "suggestions":
      return h("div", { class: "bubble" }, b.text || "",
        h("div", { class: "suggestions" }, (b.items || []).map((item) =>
          h("button", { type: "button", onclick: () => onSuggestion(item) }, item.question))));
    default:
      return h("span", { class: "bubble" }, b.text ?? "[" + m.kind + "]");
  }
}

/** An order card from the snapshot the server stores in the message (status, items, total). */
export function orderCard(b) {
  return h("div", { class: "card order-card" },
    h("div", {}, T.order + " " + (b.orderNo || ""), b.status ? h("span", { class: "muted" }, " · " + b.status) : null),
    (b.items || []).map((i) => h("div", { class: "muted" }, `${i.title || i.productId} ×${i.qty || 1}`)),
    b.total !== undefined ? h("div", {}, money(b.total)) : null);
}
