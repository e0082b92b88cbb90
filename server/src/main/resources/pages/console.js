// The agents' console: login, presence, the conversation list with unread counts and waiting clocks,
// the chat with history, quick replies by /shortcut, transfer, close, the buyer panel; managers also see
// the queue. Talks to the server through kefu.js (WebSocket) and the HTTP API (login, lists, scripts).
import { KefuClient, newCmid } from "/kefu.js";
import { h, fill, clock, minutes, safeUrl } from "/assets/dom.js";
import { orderCard } from "/assets/widget.js";

const L = {
  title: "客服工作台 Agent console",
  shop: "店铺 Shop (id or name)", username: "账号 Username", password: "密码 Password", login: "登录 Log in",
  logout: "退出 Log out", status: "状态 Presence",
  statuses: { online: "在线 Online", busy: "忙碌 Busy", away: "离开 Away", offline: "离线 Offline" },
  list: "会话 Conversations", none: "暂无会话 No conversations yet", pick: "选择左侧会话 Pick a conversation",
  older: "更早的消息 Older messages", composer: "输入消息，/ 加快捷短语 Type a message, / for quick replies",
  send: "发送 Send", transfer: "转接 Transfer", close: "结束 Close", closed: "已结束 Closed",
  toAgent: "转给客服 To agent", toGroup: "转给分组 To group", note: "备注 Note (only agents see it)",
  confirm: "确定转接 Transfer", cancel: "取消 Cancel", buyer: "买家 Buyer", tags: "标签 Tags",
  addTag: "添加标签 Add a tag", buyerNote: "备注 Note", save: "保存 Save", saved: "已保存 Saved",
  entry: "来源 Came from", typing: "买家正在输入… The buyer is typing…", waiting: "等待 Waiting",
  late: "超3分钟 over 3 min", unread: "未读 unread", queue: "排队 Queue", agents: "客服 Agents",
  pickUp: "接入 Take", noQueue: "无人排队 Nobody waiting", read: "已读 Read", sent: "已送达 Delivered",
  sending: "发送中 Sending", reconnecting: "连接中断，正在重连… Reconnecting…", quick: "快捷短语 Quick replies",
  noScripts: "没有匹配的快捷短语 No quick reply matches", transferred: "已转接 Transferred",
  failed: "失败 Failed", chat: "会话 Chat", me: "我 Me", bot: "机器人 Bot", system: "系统 System",
};
const LATE_SEC = 180;
const TYPING_EVERY_MS = 3000;
const api = (path) => "/api/v1" + path;

class Console {
  constructor(root) {
    this.root = root;
    this.convs = new Map(); // conv -> state
    this.active = null;
    this.skewMs = 0;
    this.agents = [];
    this.groups = [];
  }

  start() {
    const saved = JSON.parse(sessionStorage.getItem("kefu.console") || "null");
    if (saved) this.enter(saved);
    else this.loginForm();
  }

  async loginForm(error) {
    const shop = h("input", { id: "login-shop", "data-test": "login-shop", required: true, autocomplete: "organization" });
    const user = h("input", { id: "login-user", "data-test": "login-username", required: true, autocomplete: "username" });
    const pass = h("input", { id: "login-pass", "data-test": "login-password", type: "password", required: true,
      autocomplete: "current-password" });
    const err = h("p", { class: "error", role: "alert" }, error || "");
    const form = h("form", { class: "login", "aria-labelledby": "login-title", onsubmit: async (e) => {
      e.preventDefault();
      err.textContent = "";
      try {
        const typed = shop.value.trim();
        // Shop ids are digits; anything else is taken as the shop's exact name.
        const ok = await http("POST", api("/auth/agent"), null, { [/^\d+$/.test(typed) ? "shopId" : "shopName"]: typed,
          username: user.value.trim(), password: pass.value });
        const session = { token: ok.token, agentId: ok.agentId, shopId: ok.shopId || typed };
        sessionStorage.setItem("kefu.console", JSON.stringify(session));
        this.enter(session);
      } catch (e2) {
        err.textContent = e2.message;
      }
    } },
    h("h1", { id: "login-title" }, L.title),
    h("label", { for: "login-shop" }, L.shop), shop,
    h("label", { for: "login-user" }, L.username), user,
    h("label", { for: "login-pass" }, L.password), pass,
    h("button", { class: "primary", type: "submit", "data-test": "login-submit" }, L.login), err);
    fill(this.root, h("main", { class: "login-page" }, form));
    const demo = await fetch("/demo/shop").then((r) => (r.ok ? r.json() : null)).catch(() => null);
    if (demo && !shop.value) {
      shop.value = demo.shopId;
      form.append(h("p", { class: "muted" }, "演示店铺 Demo shop: " + demo.shopName + " · agent1 / kefu-demo"));
    }
  }

  async enter(session) {
    this.session = session;
    this.build();
    this.client = new KefuClient({ token: session.token });
    const c = this.client;
    c.on("state", ({ state }) => { this.banner.hidden = state !== "reconnecting"; });
    c.on("error", (e) => this.logout(e.message));
    c.on("hello", (ok) => this.onHello(ok));
    c.on("msg", (m) => this.onMsg(m));
    c.on("conv.assigned", (f) => this.onAssigned(f));
    c.on("conv.transferred", (f) => this.onTransferred(f));
    c.on("conv.closed", (f) => this.onClosed(f));
    c.on("conv.queued", () => this.refreshQueue());
    c.on("read", (f) => this.onRead(f));
    c.on("typing", (f) => this.onTyping(f));
    c.on("status", (f) => {
      if (!f.agent || f.agent === session.agentId) this.statusSelect.value = f.value;
      this.refreshQueue();
    });
    try {
      await c.connect();
    } catch (e) {
      return;
    }
    const shop = "/shops/" + session.shopId;
    this.agents = (await this.get(shop + "/agents").catch(() => ({ agents: [] }))).agents || [];
    this.groups = (await this.get(shop + "/groups").catch(() => ({ groups: [] }))).groups || [];
    const me = this.agents.find((a) => a.id === session.agentId);
    this.meName = me ? me.name : "";
    this.who.textContent = this.meName;
    setInterval(() => this.tick(), 1000);
  }

  get(path) {
    return http("GET", api(path), this.session.token);
  }

  logout(reason) {
    sessionStorage.removeItem("kefu.console");
    if (this.client) this.client.close();
    location.hash = "";
    this.root.replaceChildren();
    this.convs.clear();
    this.loginForm(reason);
  }

  build() {
    this.statusSelect = h("select", { id: "status", "data-test": "status", "aria-label": L.status,
      onchange: () => this.client.status(this.statusSelect.value).catch((e) => alert(e.message)) },
    Object.entries(L.statuses).map(([v, label]) => h("option", { value: v }, label)));
    this.statusSelect.value = "offline";
    this.who = h("span", { class: "who" });
    this.banner = h("div", { class: "banner", hidden: true, role: "status" }, L.reconnecting);
    this.list = h("ul", { class: "conv-list", "aria-label": L.list });
    this.chat = h("section", { class: "chat", "aria-label": L.chat }, h("p", { class: "empty muted" }, L.pick));
    this.panel = h("aside", { class: "buyer-panel", "data-test": "buyer-panel", "aria-label": L.buyer });
    this.queueBox = h("section", { class: "queue", "aria-label": L.queue, hidden: true });
    fill(this.root,
      h("header", { class: "top" }, h("strong", {}, L.title), this.who,
        h("label", { for: "status" }, L.status), this.statusSelect,
        h("button", { type: "button", class: "link", onclick: () => this.logout() }, L.logout)),
      this.banner,
      h("div", { class: "workspace" }, h("nav", { class: "side" }, h("h2", {}, L.list), this.list, this.queueBox),
        this.chat, this.panel));
  }

  async onHello(ok) {
    this.skewMs = ok.serverTime - Date.now();
    this.role = ok.role;
    if (ok.role === "supervisor" || ok.role === "admin") {
      this.queueBox.hidden = false;
      this.refreshQueue();
      clearInterval(this.queueTimer);
      this.queueTimer = setInterval(() => this.refreshQueue(), 5000);
    }
    for (const c of ok.conversations || []) {
      if (!this.convs.has(c.conv)) await this.addConv(c.conv, {});
    }
  }

  /** Adds a conversation to the list and loads its latest messages. */
  async addConv(conv, info) {
    let s = this.convs.get(conv);
    if (!s) {
      s = { conv, buyer: info.buyer || null, entry: info.entry || null, msgs: new Map(), unread: 0,
        waitingSince: null, last: "", closed: false, oldest: null, item: null };
      this.convs.set(conv, s);
      this.drawItem(s);
      const ok = await this.client.history(conv, null, 30).catch(() => ({ messages: [] }));
      for (const m of ok.messages) this.remember(s, m, false);
      if (ok.messages.length) this.client.seen(conv, ok.messages[ok.messages.length - 1].seq);
      s.oldest = ok.messages.length ? ok.messages[0].seq : null;
      this.drawItem(s);
      if (this.active === conv) this.openChat(conv);
    } else if (info.buyer) {
      s.buyer = info.buyer;
      s.entry = info.entry || s.entry;
      s.closed = false;
      this.drawItem(s);
    }
    return s;
  }

  /** Keeps a message and what it means for the list: last text, waiting clock, unread count. */
  remember(s, m, live) {
    if (s.msgs.has(m.seq)) return false;
    s.msgs.set(m.seq, m);
    if (m.from.type === "buyer") {
      if (!s.buyer) s.buyer = { id: m.from.id, name: m.from.id, tags: [] };
      if (s.waitingSince === null) s.waitingSince = m.ts;
      if (live && this.active !== s.conv) s.unread++;
    } else if (m.from.type === "agent") {
      s.waitingSince = null;
    }
    s.last = m.body && m.body.text ? m.body.text : "[" + m.kind + "]";
    return true;
  }

  drawItem(s) {
    const name = s.buyer ? s.buyer.name || s.buyer.id : s.conv;
    const item = s.item || h("li", {});
    s.item = item;
    const wait = h("span", { class: "wait", "data-wait": "" });
    const button = h("button", { type: "button", class: "conv" + (this.active === s.conv ? " active" : "")
      + (s.closed ? " closed" : ""), "data-test": "conversation", "data-conv": s.conv,
    "aria-current": this.active === s.conv ? "true" : null, onclick: () => this.openChat(s.conv) },
    h("span", { class: "name" }, name),
    s.unread ? h("span", { class: "badge", "data-test": "unread", "aria-label": s.unread + " " + L.unread },
      String(s.unread)) : null,
    h("span", { class: "last" }, s.closed ? L.closed : s.last), wait);
    fill(item, button);
    if (!item.parentNode) this.list.append(item);
    this.drawWait(s, wait);
  }

  tick() {
    for (const s of this.convs.values()) {
      const wait = s.item && s.item.querySelector(".wait");
      if (wait) this.drawWait(s, wait);
    }
  }

  /** The buyer's waiting clock: time since the oldest message no person has answered yet. */
  drawWait(s, el) {
    if (s.waitingSince === null || s.closed) {
      el.textContent = "";
      el.classList.remove("late");
      return;
    }
    const sec = (Date.now() + this.skewMs - s.waitingSince) / 1000;
    const late = sec >= LATE_SEC;
    el.textContent = L.waiting + " " + minutes(sec) + (late ? " · " + L.late : "");
    el.classList.toggle("late", late);
    el.dataset.late = late ? "true" : "false";
  }

  onMsg(m) {
    const s = this.convs.get(m.conv);
    if (!s) {
      this.addConv(m.conv, {});
      return;
    }
    if (!this.remember(s, m, true)) return;
    this.drawItem(s);
    if (this.active === m.conv) {
      this.drawMsg(m, false);
      if (m.from.type === "buyer") this.client.read(m.conv, m.seq);
    }
  }

  async onAssigned(f) {
    const s = await this.addConv(f.conv, { buyer: f.buyer, entry: f.entry });
    s.closed = false;
    if (f.buyer) s.buyer = f.buyer;
    this.drawItem(s);
    if (!this.active) this.openChat(f.conv);
  }

  onTransferred(f) {
    const s = this.convs.get(f.conv);
    if (!s) return;
    if (f.to && f.to.agent === this.session.agentId) return;
    if (f.from && f.from.agent === this.session.agentId) this.removeConv(s, L.transferred);
  }

  removeConv(s, why) {
    s.item.remove();
    this.convs.delete(s.conv);
    if (this.active === s.conv) {
      this.active = null;
      fill(this.chat, h("p", { class: "empty muted", role: "status" }, why + " · " + L.pick));
      this.panel.replaceChildren();
    }
  }

  onClosed(f) {
    const s = this.convs.get(f.conv);
    if (!s) return;
    s.closed = true;
    s.waitingSince = null;
    this.drawItem(s);
    if (this.active === f.conv) this.openChat(f.conv);
  }

  onRead(f) {
    const s = this.convs.get(f.conv);
    if (!s) return;
    s.readUpTo = Math.max(s.readUpTo || 0, f.seq);
    if (this.active === f.conv) {
      for (const el of this.msgBox.querySelectorAll(".msg.mine")) {
        if (Number(el.dataset.seq) <= f.seq) el.querySelector(".meta").textContent = clock(Number(el.dataset.ts)) + " · " + L.read;
      }
    }
  }

  onTyping(f) {
    if (this.active !== f.conv || !this.typingLine) return;
    this.typingLine.textContent = L.typing;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => { this.typingLine.textContent = ""; }, 4000);
  }

  openChat(conv) {
    const s = this.convs.get(conv);
    if (!s) return;
    const before = this.active;
    this.active = conv;
    s.unread = 0;
    for (const other of this.convs.values()) this.drawItem(other);
    this.msgBox = h("div", { class: "msgs", role: "log", "aria-live": "polite" });
    this.typingLine = h("div", { class: "typing", "aria-live": "polite" });
    const older = h("button", { type: "button", class: "older", "data-test": "older",
      onclick: () => this.loadOlder(s, older) }, L.older);
    if (s.oldest === null || s.oldest <= 1) older.hidden = true;
    this.msgBox.append(older);
    [...s.msgs.values()].sort((a, b) => a.seq - b.seq).forEach((m) => this.drawMsg(m, false));
    const name = s.buyer ? s.buyer.name || s.buyer.id : "";
    this.composer = new Composer(this, s);
    fill(this.chat,
      h("header", { class: "chat-head" }, h("h2", {}, name),
        h("button", { type: "button", "data-test": "transfer", disabled: s.closed, onclick: () => this.transferDialog(s) },
          L.transfer),
        h("button", { type: "button", "data-test": "close", disabled: s.closed,
          onclick: () => this.client.closeConversation(conv).catch((e) => alert(e.message)) }, L.close)),
      this.msgBox, this.typingLine, this.composer.el);
    this.drawPanel(s);
    if (before !== conv || !(s.buyer && s.buyer.loaded)) this.loadBuyer(s);
    const last = Math.max(0, ...s.msgs.keys());
    if (last) this.client.read(conv, last);
    if (before !== conv) this.composer.focus();
  }

  async loadOlder(s, button) {
    const ok = await this.client.history(s.conv, s.oldest, 30).catch(() => ({ messages: [] }));
    for (const m of ok.messages) s.msgs.set(m.seq, m);
    if (ok.messages.length) s.oldest = ok.messages[0].seq;
    if (!ok.messages.length || s.oldest <= 1) button.hidden = true;
    for (const m of [...ok.messages].reverse()) this.drawMsg(m, true);
  }

  drawMsg(m, atTop) {
    const mine = m.from.type === "agent";
    const s = this.convs.get(m.conv);
    const who = m.from.type === "buyer" ? L.buyer : m.from.type === "bot" ? L.bot : m.from.type === "system" ? L.system
      : m.from.id === this.session.agentId ? L.me : (this.agents.find((a) => a.id === m.from.id) || {}).name || L.me;
    const state = mine ? " · " + (s && s.readUpTo >= m.seq ? L.read : L.sent) : "";
    const el = h("div", { class: "msg " + (mine ? "mine" : m.from.type), "data-test": "message", "data-seq": m.seq,
      "data-ts": m.ts },
    h("span", { class: "who muted" }, who), body(m), h("span", { class: "meta" }, clock(m.ts) + state));
    const existing = this.msgBox.querySelector(`[data-seq="${m.seq}"]`);
    if (existing) existing.replaceWith(el);
    else if (atTop) this.msgBox.querySelector(".older").after(el);
    else {
      this.msgBox.append(el);
      this.msgBox.scrollTop = this.msgBox.scrollHeight;
    }
  }

  /** Sends and tells the composer about a compliance warning, or a refusal (the text goes back in the box). */
  async sendText(s, text, composer) {
    try {
      const ok = await this.client.send(s.conv, "text", { text }, newCmid());
      if (ok && ok.warning && ok.warning.rule) {
        composer.error("已发送，但触发提醒 Sent with a warning: " + (ok.warning.rule.name || ok.warning.rule.id));
      }
    } catch (e) {
      const rule = e.frame && e.frame.rule;
      if (e.code !== "blocked_content") return composer.error(e.message);
      composer.error("违规内容未发送 Not sent, it breaks rule: " + (rule ? rule.name || rule.id : e.message));
      if (!composer.input.value) composer.input.value = text;
    }
  }

  transferDialog(s) {
    const agentSel = h("select", { id: "t-agent", "data-test": "transfer-agent" }, h("option", { value: "" }, "—"),
      this.agents.filter((a) => a.id !== this.session.agentId).map((a) => h("option", { value: a.id }, a.name)));
    const groupSel = h("select", { id: "t-group", "data-test": "transfer-group" }, h("option", { value: "" }, "—"),
      this.groups.map((g) => h("option", { value: g.id }, g.name)));
    const note = h("textarea", { id: "t-note", "data-test": "transfer-note", rows: 3 });
    const err = h("p", { class: "error", role: "alert" });
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": "t-title" },
      h("form", { method: "dialog", onsubmit: async (e) => {
        e.preventDefault();
        const to = agentSel.value ? { agent: agentSel.value } : groupSel.value ? { group: groupSel.value } : null;
        if (!to) { err.textContent = "请选择客服或分组 Pick an agent or a group"; return; }
        try {
          await this.client.transfer(s.conv, to, note.value.trim());
          dialog.close();
          this.removeConv(s, L.transferred);
        } catch (e2) {
          err.textContent = e2.message;
        }
      } },
      h("h2", { id: "t-title" }, L.transfer),
      h("label", { for: "t-agent" }, L.toAgent), agentSel,
      h("label", { for: "t-group" }, L.toGroup), groupSel,
      h("label", { for: "t-note" }, L.note), note, err,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => dialog.close() }, L.cancel),
        h("button", { type: "submit", class: "primary", "data-test": "transfer-confirm" }, L.confirm))));
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  /** Reads the shop's tags and note for the buyer and shows them, unless the agent is already editing. */
  async loadBuyer(s) {
    const b = s.buyer;
    if (!b || !b.id || b.loading) return;
    b.loading = true;
    const view = await this.get("/shops/" + this.session.shopId + "/buyers/" + encodeURIComponent(b.id))
      .catch(() => null);
    b.loading = false;
    if (s.buyer !== b) return this.active === s.conv ? this.loadBuyer(s) : undefined;
    if (!view) return;
    Object.assign(b, { loaded: true, name: view.name || b.name, tags: view.tags || [], note: view.note });
    if (this.active === s.conv && !this.panelDirty) this.drawPanel(s);
  }

  drawPanel(s) {
    const b = s.buyer || { id: "", name: "", tags: [] };
    this.panelDirty = false;
    const edited = () => { this.panelDirty = true; };
    const tags = [...(b.tags || [])];
    const tagList = h("ul", { class: "tags", "aria-label": L.tags });
    const drawTags = () => fill(tagList, tags.map((t) => h("li", { class: "tag" }, t,
      h("button", { type: "button", class: "x", "aria-label": "删除 Remove " + t,
        onclick: () => { tags.splice(tags.indexOf(t), 1); edited(); drawTags(); } }, "×"))));
    drawTags();
    const tagInput = h("input", { id: "p-tag", "data-test": "tag-input", placeholder: L.addTag, "aria-label": L.addTag,
      oninput: edited, onkeydown: (e) => {
        if (e.key === "Enter" && tagInput.value.trim()) {
          e.preventDefault();
          if (!tags.includes(tagInput.value.trim())) tags.push(tagInput.value.trim());
          tagInput.value = "";
          drawTags();
        }
      } });
    const note = h("textarea", { id: "p-note", "data-test": "buyer-note", rows: 3, "aria-label": L.buyerNote,
      oninput: edited });
    note.value = b.note || "";
    const saved = h("span", { class: "muted", role: "status" });
    fill(this.panel,
      h("h2", {}, L.buyer),
      h("dl", {}, h("dt", {}, "名称 Name"), h("dd", { "data-test": "buyer-name" }, b.name || b.id),
        h("dt", {}, "ID"), h("dd", {}, b.id),
        s.entry ? [h("dt", {}, L.entry), h("dd", {}, s.entry.type + (s.entry.ref ? " · " + s.entry.ref : ""))] : null),
      h("h3", {}, L.tags), tagList, tagInput,
      h("label", { for: "p-note" }, L.buyerNote), note,
      h("button", { type: "button", "data-test": "buyer-save", disabled: !b.id, onclick: async () => {
        try {
          const view = await http("PUT", api("/shops/" + this.session.shopId + "/buyers/" + encodeURIComponent(b.id)),
            this.session.token, { tags, note: note.value });
          Object.assign(b, { tags: view.tags || tags, note: view.note });
          s.buyer = b;
          saved.textContent = L.saved;
        } catch (e) {
          saved.textContent = e.message;
        }
      } }, L.save), saved);
  }

  async refreshQueue() {
    if (this.queueBox.hidden) return;
    const q = await this.get("/shops/" + this.session.shopId + "/queue").catch(() => null);
    if (!q) return;
    fill(this.queueBox, h("h2", {}, L.queue), (q.groups || []).map((g) => h("div", { class: "q-group" },
      h("h3", {}, g.name),
      g.queued.length ? h("ul", {}, g.queued.map((c) => h("li", { "data-test": "queued", "data-conv": c.conv },
        `#${c.position} ${c.buyer && (c.buyer.name || c.buyer.id) || c.buyer || ""} · ${minutes(c.waitedSec)}`
        + (c.priority && c.priority !== "normal" ? " · " + c.priority : ""),
        h("button", { type: "button", onclick: () => this.client.pick(c.conv).catch((e) => alert(e.message)) }, L.pickUp))))
        : h("p", { class: "muted" }, L.noQueue),
      h("p", { class: "muted" }, L.agents + ": " + g.agents.map((a) =>
        `${a.name} ${(L.statuses[a.status] || a.status).split(" ")[0]} ${a.active}/${a.maxConcurrent}`).join(" · ")))));
  }
}

/** The composer: Enter sends, Shift+Enter makes a new line, "/" plus a shortcut searches quick replies. */
class Composer {
  constructor(app, s) {
    this.app = app;
    this.s = s;
    this.lastTyping = 0;
    this.results = [];
    this.index = 0;
    this.input = h("textarea", { "data-test": "composer", rows: 2, "aria-label": L.composer, placeholder: L.composer,
      disabled: s.closed, "aria-autocomplete": "list", "aria-controls": "quick-list", maxlength: 5000,
      onkeydown: (e) => this.onKey(e), oninput: () => this.onInput() });
    this.popup = h("ul", { id: "quick-list", class: "quick", role: "listbox", "aria-label": L.quick, hidden: true,
      "data-test": "quick-replies" });
    this.err = h("p", { class: "error", role: "alert", "data-test": "composer-error" });
    this.el = h("form", { class: "composer", onsubmit: (e) => { e.preventDefault(); this.send(); } },
      h("div", { class: "compose-box" }, this.popup, this.input),
      h("button", { class: "primary", type: "submit", "data-test": "send", disabled: s.closed }, L.send), this.err);
  }

  focus() {
    this.input.focus();
  }

  error(text) {
    this.err.textContent = text;
  }

  onKey(e) {
    if (!this.popup.hidden) {
      if (e.key === "Escape") { e.preventDefault(); this.hide(); return; }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.index = (this.index + (e.key === "ArrowDown" ? 1 : this.results.length - 1)) % Math.max(1, this.results.length);
        this.drawResults();
        return;
      }
      if ((e.key === "Enter" || e.key === "Tab") && this.results.length) {
        e.preventDefault();
        this.choose(this.results[this.index]);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    }
  }

  onInput() {
    this.err.textContent = "";
    const now = Date.now();
    if (now - this.lastTyping > TYPING_EVERY_MS) {
      this.lastTyping = now;
      this.app.client.typing(this.s.conv);
    }
    const v = this.input.value;
    if (v.startsWith("/") && !v.includes("\n")) this.search(v.slice(1));
    else this.hide();
  }

  async search(q) {
    const seq = (this.searchSeq = (this.searchSeq || 0) + 1);
    const res = await this.app.get("/shops/" + this.app.session.shopId + "/scripts?limit=8&q=" + encodeURIComponent(q))
      .catch(() => ({ scripts: [] }));
    if (seq !== this.searchSeq || !this.input.value.startsWith("/")) return;
    this.results = res.scripts || [];
    this.index = 0;
    this.drawResults();
  }

  drawResults() {
    this.popup.hidden = false;
    if (!this.results.length) {
      fill(this.popup, h("li", { class: "muted" }, L.noScripts));
      return;
    }
    fill(this.popup, this.results.map((sc, i) => h("li", { role: "option", id: "qr-" + i, "aria-selected": i === this.index,
      class: i === this.index ? "sel" : "", "data-test": "quick-reply", "data-shortcut": sc.shortcut || "",
      onmousedown: (e) => { e.preventDefault(); this.choose(sc); } },
    h("b", {}, "/" + (sc.shortcut || "")), " ", sc.title, h("div", { class: "muted" }, sc.body))));
    this.input.setAttribute("aria-activedescendant", "qr-" + this.index);
  }

  hide() {
    this.popup.hidden = true;
    this.results = [];
    this.input.removeAttribute("aria-activedescendant");
  }

  /**
   * Puts the script's text in the box, filled by the server from the conversation (script.fill), for the agent
   * to check and send; variables without a value stay as written and are named below the box.
   */
  async choose(script) {
    this.hide();
    this.input.value = script.body;
    this.input.focus();
    try {
      const filled = await this.app.client.scriptFill(this.s.conv, script.id);
      this.input.value = filled.text;
      if (filled.missing && filled.missing.length) {
        this.error("请补全 Fill in: " + filled.missing.map((m) => "{" + m + "}").join(" "));
      }
    } catch (e) {
      this.error(e.message);
    }
  }

  send() {
    const text = this.input.value.trim();
    if (!text || this.s.closed) return;
    this.input.value = "";
    this.hide();
    this.app.sendText(this.s, text, this);
  }
}

/** A message body, drawn with text only. */
function body(m) {
  const b = m.body || {};
  if (m.kind === "image" || m.kind === "voice") {
    const url = safeUrl(b.url);
    return h("span", { class: "bubble" }, url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" },
      (m.kind === "image" ? "图片 Image" : "语音 Voice")) : String(b.url || ""));
  }
  if (m.kind === "order") return orderCard(b);
  if (m.kind === "suggestions") {
    return h("span", { class: "bubble" }, (b.text || "") + "\n" + (b.items || []).map((i) => "· " + i.question).join("\n"));
  }
  return h("span", { class: "bubble" }, b.text ?? "[" + m.kind + "]");
}

/** A JSON call to the HTTP API; rejects with the server's message. */
async function http(method, url, token, body) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.message || method + " " + url + ": " + res.status);
  return json;
}

new Console(document.getElementById("app")).start();
