// Small DOM helpers for the pages. Text is only ever set with textContent: no HTML from data, ever.

/**
 * Makes an element: h("button", {class: "x", "data-test": "send", onclick: fn}, "发送", child...).
 * Attributes starting with "on" become listeners; strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The element with this data-test hook inside `root`. */
export function hook(root, name) {
  return root.querySelector(`[data-test="${name}"]`);
}

/** "HH:MM" of an epoch-ms time, in the browser's zone. */
export function clock(ts) {
  const d = new Date(ts);
  return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
}

/** "m:ss" of a number of seconds. */
export function minutes(sec) {
  const s = Math.max(0, Math.floor(sec));
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}

/** Only http(s) links are drawn as links; anything else (javascript:, data:) is shown as text. */
export function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch (e) {
    return null;
  }
}

/** Fen (integer) as "¥12.34". */
export function money(fen) {
  return "¥" + (Number(fen || 0) / 100).toFixed(2);
}
