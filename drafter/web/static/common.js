// Shared by every page: the per-start token, the page's boot data, JSON requests, a DOM builder.
"use strict";
const Drafter = (() => {
  const token = document.querySelector('meta[name="drafter-token"]').content;
  const boot = JSON.parse(document.getElementById("boot").textContent || "{}");

  async function post(url, body) {
    const headers = { "X-Drafter-Token": token };
    let payload = body;
    if (!(body instanceof Blob || body instanceof ArrayBuffer)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, { method: "POST", headers, body: payload, credentials: "same-origin" });
    } catch (e) {
      return { ok: false, status: 0, data: { error: "无法连接工作台（程序是否已关闭？）" } };
    }
    return answer(response);
  }

  // A refusal the clerk's own use leads to comes back as 200 with `refused` and one line.
  async function answer(response) {
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!data || typeof data !== "object") data = {};
    const ok = response.ok && !data.refused;
    if (!ok && !data.error) data.error = `工作台未能处理（HTTP ${response.status}），请刷新页面后重试`;
    return { ok, status: response.status, data };
  }

  async function get(url) {
    try {
      const r = await answer(await fetch(url, { credentials: "same-origin" }));
      return r.ok ? r.data : { error: r.data.error };
    } catch (e) {
      return { error: "无法连接工作台（程序是否已关闭？）" };
    }
  }

  // el("div", {class: "x", dataset: {path: "a"}}, "text", child): text always as text, never as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "value") node.value = value;
      else if (key === "checked") node.checked = !!value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  return { token, boot, post, get, answer, el };
})();
