// The case list: rows from /api/cases, sorted and filtered here; 新建, import and intake.
"use strict";
(() => {
  const { el, post, get, boot } = Drafter;
  const tbody = document.querySelector("#cases tbody");
  const status = document.getElementById("list-status");
  let rows = [];
  let sortKey = "number";
  let ascending = true;

  function open(file) { location.href = "/edit?file=" + encodeURIComponent(file); }

  function render() {
    const words = document.getElementById("filter").value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = rows.filter((r) => {
      const hay = [r.file, r.number, r.title, r.deputies, r.kind, r.type, r.status, r.due].join(" ").toLowerCase();
      return words.every((w) => hay.includes(w));
    });
    shown.sort((a, b) => {
      const x = a[sortKey], y = b[sortKey];
      const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN", { numeric: true });
      return ascending ? c : -c;
    });
    tbody.replaceChildren(...shown.map((r) => el("tr", {
      dataset: { file: r.file }, class: r.unreadable ? "unreadable" : (r.errors ? "has-errors" : ""),
      title: r.unreadable || r.file,
      // the row's link is its one stop for Tab and Enter; a click anywhere on the row opens it too
      onclick: (e) => { if (!e.target.closest("a")) open(r.file); },
    },
      el("td", {}, r.number || "—"),
      el("td", {}, el("a", { href: "/edit?file=" + encodeURIComponent(r.file) }, r.title || r.file),
        r.unreadable ? el("div", { class: "help error" }, "无法读取：" + r.unreadable) : null),
      el("td", {}, r.deputies), el("td", {}, r.kind), el("td", {}, r.type), el("td", {}, r.status),
      el("td", { class: r.overdue ? "due overdue" : "due", title: r.overdue ? "已过期限" : "" },
        r.due ? `${r.due_step || ""} ${r.due}`.trim() : ""),
      el("td", { class: r.errors ? "count error" : "count" }, String(r.errors)),
      el("td", { class: r.warnings ? "count warning" : "count" }, String(r.warnings)))));
    document.getElementById("empty").hidden = rows.length > 0;
    document.querySelectorAll("#cases th").forEach((th) => {
      th.classList.toggle("sorted", th.dataset.sort === sortKey);
      th.classList.toggle("descending", th.dataset.sort === sortKey && !ascending);
      th.setAttribute("aria-sort", th.dataset.sort !== sortKey ? "none" : ascending ? "ascending" : "descending");
    });
  }

  async function load() {
    status.textContent = "正在读取……";
    const data = await get("/api/cases");
    if (data.error) { status.textContent = data.error; return; }
    rows = data.rows || [];
    status.textContent = `共 ${rows.length} 件`;
    render();
  }

  // a column header sorts on click, or with Enter/Space when reached with Tab
  document.querySelectorAll("#cases th").forEach((th) => {
    const sort = () => {
      if (sortKey === th.dataset.sort) ascending = !ascending; else { sortKey = th.dataset.sort; ascending = true; }
      render();
    };
    th.tabIndex = 0;
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
  document.getElementById("filter").addEventListener("input", render);

  // 新建
  const form = document.getElementById("new-form");
  document.getElementById("new-open").addEventListener("click", () => { form.hidden = false; form.elements.name.focus(); });
  document.getElementById("new-cancel").addEventListener("click", () => { form.hidden = true; });
  document.addEventListener("keydown", (e) => {   // Esc closes the 新建 form and the intake report
    if (e.key !== "Escape") return;
    if (!form.hidden) { form.hidden = true; document.getElementById("new-open").focus(); }
    document.getElementById("report").hidden = true;
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const payload = Object.fromEntries(new FormData(form).entries());
    const r = await post("/api/new", payload);
    if (r.ok) open(r.data.file);
    else document.getElementById("new-error").textContent = r.data.error || "未能创建";
  });

  // 导入（来函或已有答复函）与交办清单
  async function upload(input, url, what) {
    const file = input.files[0];
    if (!file) return;
    status.textContent = `正在导入 ${file.name}……`;
    const r = await post(url + "?name=" + encodeURIComponent(file.name), file);
    input.value = "";
    if (!r.ok) { status.textContent = r.data.error; return; }
    if (r.data.file) { open(r.data.file); return; }
    status.textContent = r.data.message || `${what}完成`;
    const report = document.getElementById("report");
    const lines = (r.data.differences || []).map((d) => el("li", {}, d)).concat(
      (r.data.findings || []).map((f) => el("li", { class: "finding " + f.severity, dataset: { code: f.code, field: f.field || "" } },
        el("code", {}, f.code), " ", f.message)));
    report.replaceChildren(el("p", {}, r.data.message || ""),
      (r.data.created || []).length ? el("p", {}, "新建：" + r.data.created.join("、")) : null,
      lines.length ? el("ul", {}, lines) : null,
      el("div", { class: "buttons" }, el("button", { type: "button", id: "report-close",
        onclick: () => { report.hidden = true; } }, "关闭")));
    report.hidden = false;
    load();
  }
  document.getElementById("import-file").addEventListener("change", (e) => upload(e.target, "/api/import", "导入"));
  if (boot.intake) {
    document.getElementById("intake-label").hidden = false;
    document.getElementById("intake-file").addEventListener("change", (e) => upload(e.target, "/api/intake", "导入交办清单"));
  }
  load();
})();
