// /widget: the widget on a page of its own (an iframe on the shop's site, or a phone's web view).
// Settings come from the query or, to keep the token out of server logs, the fragment:
// /widget?shop=<shopId>#token=<buyer token>&entry=product&ref=p1 (any of them in either place).
import { mountWidget } from "/assets/widget.js";
import { T } from "/assets/i18n.js";

const params = new URLSearchParams(location.search);
for (const [k, v] of new URLSearchParams(location.hash.slice(1))) params.set(k, v);
const root = document.getElementById("widget");
const shop = params.get("shop");
const token = params.get("token");
if (!shop || !token) {
  root.textContent = T.missingParams;
} else {
  const type = params.get("entry");
  mountWidget(root, { shop, token, entry: type ? { type, ref: params.get("ref") || "" } : undefined });
}
