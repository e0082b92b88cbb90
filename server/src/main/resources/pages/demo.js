// /demo: a fake product page of the demo shop with the widget open, as a demo buyer. The buyer id is
// kept in this browser (or given as ?buyer=demo-...), so a reload continues the same conversation.
import { mountWidget } from "/assets/widget.js";

const KEY = "kefu.demo.buyer";
const panel = document.getElementById("chat");
const wanted = new URLSearchParams(location.search).get("buyer") || localStorage.getItem(KEY) || "";

async function demoBuyer() {
  const res = await fetch("/demo/buyer?buyer=" + encodeURIComponent(wanted));
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || res.status);
  return body;
}

async function main() {
  let demo;
  try {
    demo = await demoBuyer();
  } catch (e) {
    panel.textContent = "演示不可用 The demo is not available: " + e.message;
    return;
  }
  localStorage.setItem(KEY, demo.buyerId);
  document.getElementById("shop-name").textContent = demo.shopName;
  // A function as token: each reconnect asks for a fresh one, so a tab left open for days still works.
  let first = demo.token;
  const token = async () => {
    if (first) { const t = first; first = null; return t; }
    return (await demoBuyer()).token;
  };
  mountWidget(panel, { shop: demo.shopId, token, entry: { type: "product", ref: "demo-tshirt" } });
  const button = document.getElementById("open-chat");
  button.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) panel.querySelector("[data-test=composer]").focus();
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { panel.hidden = true; button.focus(); }
  });
}
main();
