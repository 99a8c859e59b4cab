// The draft editor: the form, live check (debounced), findings at their fields with fix
// buttons, the preview, save with conflict detection, downloads.
"use strict";
(() => {
  const { el, post, get, boot } = Drafter;
  const form = document.getElementById("draft-form");
  const saveState = document.getElementById("save-state");
  // revision counts the clerk's edits: a request answers for the revision it was sent with, so
  // an answer that comes back after further typing never overwrites or marks those edits saved.
  const state = { data: boot.data, hash: boot.hash, dirty: false, findings: boot.findings || [], revision: 0 };
  const CHECK_DELAY_MS = 300;
  const FIX_TRIES = 3;
  let schema = null;
  let timer = null;
  let generation = 0;
  let inFlight = 0;
  let saving = null;          // the save on its way, if any
  let saveAgain = false;      // Ctrl+S pressed again while saving

  // data-busy on the status: a check is waiting or on its way (what a test waits for)
  function busy(delta) {
    inFlight += delta;
    saveState.dataset.busy = inFlight > 0 || timer !== null ? "1" : "0";
    saveState.classList.toggle("checking", inFlight > 0);
  }
  async function request(url, body) {
    busy(1);
    try { return await post(url, body); } finally { busy(-1); }
  }

  document.getElementById("file-name").textContent = boot.file;

  function setDirty(dirty) {
    state.dirty = dirty;
    saveState.textContent = dirty ? "有未保存的修改" : saveState.dataset.saved || "已保存";
    saveState.classList.toggle("dirty", dirty);
    for (const id of ["download-docx", "download-pdf"]) {
      document.getElementById(id).classList.toggle("disabled", dirty);
    }
  }

  const hooks = {
    changed(structural) {
      state.revision++;
      setDirty(true);
      if (structural) rebuild();
      schedule();
    },
  };

  function rebuild() {
    SchemaForm.build(form, schema, state, hooks);
    showFindings(state.findings);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; refresh(); }, CHECK_DELAY_MS);
    busy(0);
  }
  function unschedule() {
    clearTimeout(timer);
    timer = null;
    busy(0);
  }

  async function refresh() {
    const mine = ++generation;
    const r = await request("/api/check?preview=1", { file: boot.file, data: state.data });
    if (mine !== generation) return;   // a newer edit is on its way
    if (!r.ok) { saveState.textContent = r.data.error || "检查失败"; return; }
    state.findings = r.data.findings;
    showFindings(state.findings);
    showPreview({ ok: true, data: r.data.preview });
  }

  // -- findings -----------------------------------------------------------------------------
  const SEVERITY = { error: "错误", warning: "警告", fatal: "无法处理" };

  function findingNode(f, summary) {
    const fix = f.fix ? el("button", { type: "button", class: "fix" + (f.fix.safe ? "" : " unsafe"),
      title: f.fix.safe ? "自动修正" : "此修正需要您确认结果",
      onclick: (e) => { e.stopPropagation(); applyFix(f); } }, (f.fix.safe ? "修正：" : "修正（请确认）：") + f.fix.description) : null;
    return el("div", { class: `finding ${f.severity}` + (summary ? " summary" : ""),
      dataset: { code: f.code, field: f.field || "", severity: f.severity },
      onclick: summary ? () => focusField(f.field) : null },
      el("span", { class: "sev" }, SEVERITY[f.severity] || f.severity), " ",
      el("code", {}, f.code), " ", summary && f.field ? el("span", { class: "where" }, f.field + "：") : null,
      el("span", { class: "msg" }, f.message), fix);
  }

  function showFindings(findings) {
    form.querySelectorAll(".findings").forEach((box) => box.replaceChildren());
    for (const f of findings) {
      const anchor = SchemaForm.anchorFor(f.field);
      const box = anchor && anchor.querySelector(":scope > .findings");
      if (box) box.append(findingNode(f, false));
    }
    const errors = findings.filter((f) => f.severity !== "warning").length;
    const warnings = findings.length - errors;
    document.getElementById("counts").textContent = findings.length ? `${errors} 个错误，${warnings} 个警告` : "没有发现问题";
    document.getElementById("counts").className = "counts" + (errors ? " error" : warnings ? " warning" : " ok");
    const all = document.getElementById("all-findings");
    all.replaceChildren(...(findings.length ? [el("h3", {}, "检查结果")] : []), ...findings.map((f) => findingNode(f, true)));
  }

  function focusField(field) {
    const anchor = SchemaForm.anchorFor(field);
    if (!anchor) return;
    anchor.scrollIntoView({ block: "center" });
    const control = anchor.querySelector("input, textarea, select");
    if (control) control.focus();
  }

  // The fix is worked out by the server on the data as sent. If the clerk typed while it was on
  // its way, the answer is for older data: ask again with the newest, never drop keystrokes.
  async function applyFix(f) {
    unschedule();
    for (let attempt = 0; attempt < FIX_TRIES; attempt++) {
      generation++;   // a check still on its way describes the text before the fix
      const sent = state.revision;
      const r = await request("/api/fix", { file: boot.file, data: state.data, code: f.code, field: f.field });
      if (!r.ok) { saveState.textContent = r.data.error || "未能修正"; refresh(); return; }
      if (state.revision !== sent) continue;
      generation++;
      state.data = r.data.data;
      state.findings = r.data.findings;
      state.revision++;
      setDirty(true);
      rebuild();
      const payload = { file: boot.file, data: state.data };
      const mine = generation;
      const shown = await request("/api/preview", payload);
      if (mine === generation) showPreview(shown);
      return;
    }
    saveState.textContent = "未修正：修正时内容还在变，请停下输入后再点一次";
    schedule();
  }

  // -- preview ------------------------------------------------------------------------------
  const preview = document.getElementById("preview");
  function showPreview(r) {
    if (!r.ok) return;
    if (r.data.blocked) {
      preview.classList.add("stale");
      preview.dataset.note = r.data.blocked;
      return;
    }
    preview.classList.remove("stale");
    preview.innerHTML = r.data.html;   // built by the server with every draft text escaped
    preview.dataset.pages = r.data.pages;
  }

  const exact = document.getElementById("exact");
  const label = document.getElementById("preview-label");
  const previewLabel = label.textContent;
  function tab(which) {
    document.getElementById("tab-preview").classList.toggle("active", which === "preview");
    document.getElementById("tab-exact").classList.toggle("active", which === "exact");
    preview.hidden = which !== "preview";
    exact.hidden = which !== "exact";
    label.textContent = which === "preview" ? previewLabel
      : "精确预览：当前内容生成的 Word 文档经 LibreOffice 转成的页面图像（与 PDF 相同）。";
  }
  document.getElementById("tab-preview").addEventListener("click", () => tab("preview"));
  document.getElementById("tab-exact").addEventListener("click", async () => {
    tab("exact");
    if (!boot.exact) { exact.replaceChildren(el("p", { class: "help" }, "本机没有安装 LibreOffice，无法生成精确预览；可下载 Word 文档查看。")); return; }
    exact.replaceChildren(el("p", { class: "help" }, "正在用 LibreOffice 生成……（约需几秒）"));
    const r = await post("/api/exact", { file: boot.file, data: state.data });
    const d = r.data;
    if (d.pages) exact.replaceChildren(...d.pages.map((src, i) => el("img", { src, alt: `第${i + 1}页`, class: "exact-page" })));
    else exact.replaceChildren(el("p", { class: "help" }, d.blocked || d.unavailable || d.error || "未能生成"));
  });

  // -- save -----------------------------------------------------------------------------
  // One save at a time: a second save sent before the first one's answer would carry the old
  // hash and be refused as a conflict with our own first save.
  async function save(force) {
    if (saving) { saveAgain = saveAgain || !force; return saving; }
    saving = saveOnce(force);
    try { await saving; } finally { saving = null; }
    if (saveAgain) { saveAgain = false; if (state.dirty) await save(false); }
  }

  async function saveOnce(force) {
    unschedule();
    saveState.textContent = "正在保存……";
    const sent = state.revision;
    const r = await request("/api/save", { file: boot.file, hash: state.hash, data: state.data, force: !!force });
    if (r.ok) {
      state.hash = r.data.hash;
      saveState.dataset.saved = "已保存 " + new Date().toLocaleTimeString("zh-CN", { hour12: false });
      setDirty(state.revision !== sent);   // typed while saving: those edits are not saved yet
      document.getElementById("conflict").hidden = true;
      refresh();
      return;
    }
    if (r.data.conflict) {
      document.getElementById("conflict-title").textContent = r.data.error;
      const diff = document.getElementById("conflict-diff");
      diff.textContent = r.data.diff || "";
      diff.hidden = !r.data.diff;
      document.getElementById("conflict").hidden = false;
      document.getElementById("conflict-reload").focus();
      saveState.textContent = "未保存：磁盘上的文件已被改动，见提示";
      return;
    }
    saveState.textContent = "未保存：" + r.data.error;
  }
  document.getElementById("save").addEventListener("click", () => save(false));
  document.getElementById("conflict-force").addEventListener("click", () => {
    if (confirm("确定用您的内容覆盖磁盘上的修改吗？")) save(true);
  });
  document.getElementById("conflict-reload").addEventListener("click", () => { state.dirty = false; location.reload(); });
  const closeConflict = () => { document.getElementById("conflict").hidden = true; document.getElementById("save").focus(); };
  document.getElementById("conflict-close").addEventListener("click", closeConflict);
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S")) { e.preventDefault(); save(false); }
    if (e.key === "Escape" && !document.getElementById("conflict").hidden) closeConflict();
  });
  window.addEventListener("beforeunload", (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = ""; } });

  // -- downloads --------------------------------------------------------------------------
  // The saved draft's documents. The page asks for the file itself, so a refusal (the draft has
  // errors, this 文种 has no such document) is shown here in one line instead of a failed download.
  function fileName(response, fallback) {
    const header = response.headers.get("content-disposition") || "";
    const m = header.match(/filename\*=UTF-8''([^;]+)/i);
    return m ? decodeURIComponent(m[1]) : fallback;
  }
  async function download(format, label) {
    if (state.dirty) { saveState.textContent = "请先保存，下载的是保存后的文件"; return; }
    saveState.textContent = `正在生成${label}……`;
    let response;
    busy(1);
    try {
      response = await fetch("/api/download", { method: "POST", credentials: "same-origin",
        headers: { "X-Drafter-Token": Drafter.token, "Content-Type": "application/json" },
        body: JSON.stringify({ file: boot.file, format }) });
    } catch (e) {
      saveState.textContent = "无法连接工作台（程序是否已关闭？）";
      return;
    } finally { busy(-1); }
    if (!response.ok || (response.headers.get("content-type") || "").startsWith("application/json")) {
      const r = await Drafter.answer(response);
      saveState.textContent = r.data.error;
      return;
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: fileName(response, boot.file) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    saveState.textContent = `已下载 ${a.download}`;
  }
  function link(a, format, label) {
    a.href = `/download?file=${encodeURIComponent(boot.file)}&format=${format}`;
    a.addEventListener("click", (e) => { e.preventDefault(); download(format, label); });
  }
  link(document.getElementById("download-docx"), "docx", " Word 文档");
  link(document.getElementById("download-pdf"), "pdf", " PDF（需几秒）");
  for (const d of boot.documents || []) {
    const a = el("a", { class: "button", download: true }, d.label);
    link(a, d.format, d.label);
    document.getElementById("downloads-more").append(a);
  }

  // -- start ------------------------------------------------------------------------------
  (async () => {
    if (boot.fatal || !state.data || typeof state.data !== "object" || Array.isArray(state.data)) {
      form.replaceChildren(el("p", { class: "finding fatal", dataset: { code: (boot.findings[0] || {}).code || "", field: "" } },
        "无法在表单中打开此文件：" + (boot.fatal || "内容不是一份草稿") + "。请用文本编辑器改正，或回到列表。"));
      document.getElementById("save").disabled = true;
      return;
    }
    schema = await get("/api/schema");
    rebuild();
    setDirty(false);
    refresh();
  })();
})();
