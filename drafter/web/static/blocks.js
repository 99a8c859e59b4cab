// Body sections (背景、措施、问题、下一步): paragraphs and headings nested up to four levels.
// Add, remove, move, change level (降级 into the heading above, 升级 out of its heading),
// switch paragraph ↔ heading, run-in (接排). Numbers are shown as the letter will print them.
"use strict";
const Blocks = (() => {
  const { el } = Drafter;
  const BLOCKS = ["background", "measures", "problems", "next_steps"];
  const MAX_LEVEL = 4;
  const CN = "零一二三四五六七八九十";

  function chinese(n) {
    if (n <= 10) return CN[n];
    if (n < 20) return "十" + (n % 10 ? CN[n % 10] : "");
    return CN[Math.floor(n / 10)] + "十" + (n % 10 ? CN[n % 10] : "");
  }
  function marker(level, n) {
    if (level === 1) return chinese(n) + "、";
    if (level === 2) return "（" + chinese(n) + "）";
    if (level === 3) return n + ".";
    return "（" + n + "）";
  }

  // Level-1 numbers run on across the four parts, deeper ones restart under each heading.
  function markers(data) {
    const out = {};
    const counters = [0, 0, 0, 0, 0];
    function walk(items, path, level) {
      if (!Array.isArray(items)) return;
      const lv = Math.min(level, MAX_LEVEL);
      items.forEach((item, i) => {
        if (item && typeof item === "object") {
          counters[lv] += 1;
          for (let d = lv + 1; d <= MAX_LEVEL; d++) counters[d] = 0;
          out[SchemaForm.pathName(path.concat(i))] = marker(lv, counters[lv]);
          walk(item.body, path.concat(i, "body"), level + 1);
        }
      });
    }
    for (const key of BLOCKS) walk((data || {})[key], [key], 1);
    return out;
  }

  let numbers = {};

  function block(path, s) {
    if (path.length === 1) numbers = markers(SchemaForm.state.data);
    const list = SchemaForm.getAt(path);
    const items = Array.isArray(list) ? list : [];
    const level = path.filter((p) => p === "body").length + 1;
    const rows = items.map((item, i) => itemCard(path, i, item, items.length, level));
    const ensure = () => { if (!Array.isArray(SchemaForm.getAt(path))) SchemaForm.setAt(path, []); return SchemaForm.getAt(path); };
    const adds = el("div", { class: "adds" },
      el("button", { type: "button", class: "add", onclick: () => { ensure().push(""); SchemaForm.hooks.changed(true); } }, "＋段落"),
      level <= MAX_LEVEL ? el("button", { type: "button", class: "add", onclick: () => {
        ensure().push({ heading: "" }); SchemaForm.hooks.changed(true); } }, "＋标题") : null);
    const head = path.length === 1
      ? [el("h3", {}, s.title || path[0]), SchemaForm.help(s)]
      : [];
    return SchemaForm.wrapper(path, path.length === 1 ? "group block" : "block nested", head,
      SchemaForm.findingsBox(), el("div", { class: "rows" }, rows), adds);
  }

  function itemCard(listPath, i, item, length, level) {
    const path = listPath.concat(i);
    const name = SchemaForm.pathName(path);
    const changed = () => SchemaForm.hooks.changed(true);
    const list = () => SchemaForm.getAt(listPath);
    const isSection = item && typeof item === "object";
    const previous = i > 0 ? list()[i - 1] : null;
    const nested = listPath.length >= 3 && listPath[listPath.length - 1] === "body";
    const tools = [
      el("button", { type: "button", class: "mini", title: "降一级：移入上面的标题之下",
        disabled: !(previous && typeof previous === "object") || level >= MAX_LEVEL,
        onclick: () => {
          const [moved] = list().splice(i, 1);
          if (!Array.isArray(previous.body)) previous.body = [];
          previous.body.push(moved);
          changed();
        } }, "降级"),
      el("button", { type: "button", class: "mini", title: "升一级：移到所在标题之后", disabled: !nested,
        onclick: () => {
          const parentList = SchemaForm.getAt(listPath.slice(0, -2));
          const parentIndex = listPath[listPath.length - 2];
          const [moved] = list().splice(i, 1);
          parentList.splice(parentIndex + 1, 0, moved);
          const parent = parentList[parentIndex];
          if (Array.isArray(parent.body) && !parent.body.length) delete parent.body;
          changed();
        } }, "升级"),
      isSection
        ? el("button", { type: "button", class: "mini", title: "把标题改为普通段落",
            disabled: Array.isArray(item.body) && item.body.length > 0,
            onclick: () => { list()[i] = item.heading || ""; changed(); } }, "改为段落")
        : el("button", { type: "button", class: "mini", title: "把这段改为标题",
            onclick: () => { list()[i] = { heading: item || "" }; changed(); } }, "改为标题"),
      SchemaForm.moveButtons(listPath, i, length),
    ];
    if (!isSection) {
      const { id, input } = SchemaForm.control(path, SchemaForm.resolve({ $ref: "#/$defs/paragraph" }));
      input.setAttribute("rows", "4");
      input.setAttribute("aria-label", "段落");
      return SchemaForm.wrapper(path, "item paragraph",
        el("div", { class: "item-bar" }, el("span", { class: "item-title" }, "段落"), tools),
        input, SchemaForm.findingsBox());
    }
    const section = SchemaForm.resolve({ $ref: "#/$defs/section" });
    const heading = SchemaForm.field(path.concat("heading"), section.properties.heading);
    const runIn = SchemaForm.field(path.concat("run_in"), section.properties.run_in);
    const body = block(path.concat("body"), SchemaForm.resolve(section.properties.body));
    return SchemaForm.wrapper(path, `item section level-${Math.min(level, MAX_LEVEL)}`,
      el("div", { class: "item-bar" }, el("span", { class: "item-title marker" }, numbers[name] || "标题"),
        el("span", { class: "level" }, `${level}级标题`), tools),
      SchemaForm.findingsBox(), heading, runIn, body);
  }

  return { block, markers };
})();
