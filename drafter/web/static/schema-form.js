// The draft form, built from schemas/reply.schema.json: the schema's Chinese titles are the
// labels, its descriptions the help. Every control's name is its field path
// ("proposal.number", "contacts[0].phones[1]"), the same path findings carry.
"use strict";
const SchemaForm = (() => {
  const { el } = Drafter;
  let schema = null;
  let state = null;        // { data }
  let hooks = null;        // { changed(structural) }
  let anchors = {};        // field path → wrapper element holding its findings
  let counter = 0;

  // -- paths ------------------------------------------------------------------------------
  function pathName(path) {
    let out = "";
    for (const part of path) out += typeof part === "number" ? `[${part}]` : (out ? "." : "") + part;
    return out;
  }
  function parentName(name) {
    const m = name.match(/^(.*)(\[\d+\]|\.[^.\[\]]+)$/);
    return m ? m[1] : "";
  }
  function getAt(path) {
    let node = state.data;
    for (const part of path) { if (node === null || typeof node !== "object") return undefined; node = node[part]; }
    return node;
  }
  function setAt(path, value) {
    let node = state.data;
    for (let i = 0; i < path.length - 1; i++) {
      if (node[path[i]] === undefined || node[path[i]] === null || typeof node[path[i]] !== "object") {
        node[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      }
      node = node[path[i]];
    }
    node[path[path.length - 1]] = value;
  }
  function deleteAt(path) {
    const parent = getAt(path.slice(0, -1));
    if (parent && typeof parent === "object") {
      if (Array.isArray(parent)) parent.splice(path[path.length - 1], 1);
      else delete parent[path[path.length - 1]];
    }
  }

  // -- schema -----------------------------------------------------------------------------
  function resolve(s) {
    let out = s || {};
    while (out.$ref) {
      const def = schema.$defs[out.$ref.split("/").pop()];
      const own = Object.assign({}, out);
      delete own.$ref;
      out = Object.assign({}, def, own);
    }
    return out;
  }
  function isBlock(s) { return !!s && s.$ref === "#/$defs/block"; }
  function sectionSchema() { return resolve({ $ref: "#/$defs/section" }); }

  // The schema of the value at `path`, and whether its key is required where it sits.
  function schemaAt(path) {
    let s = schema;
    let required = true;
    for (let i = 0; i < path.length; i++) {
      const part = path[i];
      s = resolve(s);
      if (typeof part === "number") {
        s = resolve(s.items);
        if (s.anyOf) s = typeof getAt(path.slice(0, i + 1)) === "object" ? sectionSchema() : resolve(s.anyOf[0]);
        required = true;
      } else {
        required = (s.required || []).includes(part);
        s = (s.properties || {})[part] || {};
      }
    }
    return { s, required };
  }

  // A new, empty value for a schema: required parts present, the rest left out.
  function blank(s) {
    s = resolve(s);
    if (s.type === "object") {
      const out = {};
      for (const key of s.required || []) out[key] = blank(s.properties[key]);
      return out;
    }
    if (s.type === "array") return s.minItems ? [blank(s.items)] : [];
    if (s.type === "boolean") return false;
    if (s.anyOf) return "";
    return "";
  }

  // Put a typed value at `path`: an emptied optional key goes away (and an emptied optional
  // object with it), a required one stays as "" so the check says it is empty.
  function assign(path, raw) {
    const { s, required } = schemaAt(path);
    let value = raw;
    if (s.type === "integer" && typeof raw === "string" && /^\s*\d+\s*$/.test(raw)) value = parseInt(raw, 10);
    const emptied = value === "" || (s.type === "boolean" && value === false);
    if (emptied && !required && typeof path[path.length - 1] === "string") {
      deleteAt(path);
      prune(path.slice(0, -1));
    } else {
      setAt(path, value);
    }
  }
  function prune(path) {
    while (path.length && typeof path[path.length - 1] === "string") {
      const node = getAt(path);
      const { required } = schemaAt(path);
      if (required || !node || typeof node !== "object" || Array.isArray(node) || Object.keys(node).length) return;
      deleteAt(path);
      path = path.slice(0, -1);
    }
  }

  // -- building ---------------------------------------------------------------------------
  function findingsBox() { return el("div", { class: "findings" }); }

  function wrapper(path, cls, ...children) {
    const name = pathName(path);
    const node = el("div", { class: cls, dataset: { path: name } }, ...children);
    anchors[name] = node;
    return node;
  }

  function help(s) { return s.description ? el("p", { class: "help" }, s.description) : null; }

  function control(path, s) {
    const name = pathName(path);
    const id = "f" + (++counter);
    const value = getAt(path);
    let input;
    if (s.type === "boolean") {
      input = el("input", { type: "checkbox", id, name, checked: value === true,
        onchange: (e) => { assign(path, e.target.checked); hooks.changed(false); } });
      return { id, input };
    }
    if (s.enum) {
      const { required } = schemaAt(path);
      input = el("select", { id, name, onchange: (e) => { assign(path, e.target.value); hooks.changed(false); } },
        required ? null : el("option", { value: "" }, "（不填）"),
        s.enum.map((v) => el("option", { value: v }, LABELS[v] ? `${v}（${LABELS[v]}）` : v)));
      input.value = value === undefined ? (required ? "" : "") : String(value);
      if (value === undefined && required) input.selectedIndex = -1;
      return { id, input };
    }
    const long = (s.maxLength || 0) >= 300;
    const attrs = { id, name, value: value === undefined || value === null ? "" : String(value),
      oninput: (e) => { assign(path, e.target.value); hooks.changed(false); } };
    if (s.format === "date") attrs.placeholder = "YYYY-MM-DD";
    if (s.type === "integer") attrs.inputmode = "numeric";
    input = long ? el("textarea", Object.assign(attrs, { rows: 3 })) : el("input", Object.assign(attrs, { type: "text" }));
    if (long) input.value = attrs.value;
    return { id, input };
  }

  const LABELS = { npc: "人大代表建议", cppcc: "政协委员提案", file: "文件式", letter: "信函式", plain: "无版头",
    reply: "答复函", opinion: "协办/会办意见", return: "退办函", extension: "延期说明" };

  function scalarField(path, s, title) {
    const { id, input } = control(path, s);
    const { required } = schemaAt(path);
    const label = el("label", { for: id }, title || s.title || pathName(path), required ? el("span", { class: "req" }, "*") : null);
    const cls = "field" + (s.type === "boolean" ? " check" : "");
    return wrapper(path, cls, s.type === "boolean" ? [input, label] : [label, input], help(s), findingsBox());
  }

  function moveButtons(listPath, index, length) {
    return [
      el("button", { type: "button", class: "mini", title: "上移", disabled: index === 0,
        onclick: () => { move(listPath, index, -1); } }, "↑"),
      el("button", { type: "button", class: "mini", title: "下移", disabled: index === length - 1,
        onclick: () => { move(listPath, index, 1); } }, "↓"),
      el("button", { type: "button", class: "mini danger", title: "删除",
        onclick: () => { getAt(listPath).splice(index, 1); hooks.changed(true); } }, "删除"),
    ];
  }
  function move(listPath, index, step) {
    const list = getAt(listPath);
    const [item] = list.splice(index, 1);
    list.splice(index + step, 0, item);
    hooks.changed(true);
  }

  function listField(path, s) {
    const items = resolve(s.items);
    const list = getAt(path);
    const values = Array.isArray(list) ? list : [];
    const rows = values.map((_, i) => {
      const itemPath = path.concat(i);
      if (items.type === "object") {
        return wrapper(itemPath, "item object-item",
          el("div", { class: "item-bar" }, el("span", { class: "item-title" }, `${items.title || "一项"} ${i + 1}`),
            moveButtons(path, i, values.length)),
          objectFields(itemPath, items), findingsBox());
      }
      const { id, input } = control(itemPath, items);
      input.setAttribute("aria-label", `${s.title || ""} 第${i + 1}项`);
      return wrapper(itemPath, "item list-item", input, moveButtons(path, i, values.length), findingsBox());
    });
    const add = el("button", { type: "button", class: "add", onclick: () => {
      if (!Array.isArray(getAt(path))) setAt(path, []);
      getAt(path).push(blank(items));
      hooks.changed(true);
    } }, `＋添加${items.title || ""}`);
    return wrapper(path, "field list", el("div", { class: "list-title" }, s.title || pathName(path)), help(s),
      findingsBox(), el("div", { class: "rows" }, rows), add);
  }

  function objectFields(path, s) {
    return Object.entries(s.properties || {}).map(([key, sub]) => field(path.concat(key), sub));
  }

  function field(path, raw) {
    if (isBlock(raw)) return Blocks.block(path, resolve(raw));
    const s = resolve(raw);
    if (s.type === "object") {
      return wrapper(path, "group", el("h3", {}, s.title || pathName(path)), help(s), findingsBox(),
        el("div", { class: "group-fields" }, objectFields(path, s)));
    }
    if (s.type === "array") return listField(path, s);
    return scalarField(path, s);
  }

  // The form in the schema's order; "$schema" (for editors) is kept in the data, not shown.
  function build(form, theSchema, theState, theHooks) {
    schema = theSchema; state = theState; hooks = theHooks;
    anchors = {};
    // The control being typed in keeps its focus and caret when the form is rebuilt (a fix, a
    // moved section): the clerk goes on typing where they were.
    const active = document.activeElement;
    const focused = active && form.contains(active) && active.name;
    const caret = focused && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    const general = wrapper([], "general", findingsBox());
    // Consecutive top-level single fields (机关、文号、标题…) share one box, as the sections do.
    const parts = [];
    let loose = null;
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (key === "$schema") continue;
      const node = field([key], sub);
      if (node.classList.contains("field") && !node.classList.contains("list")) {
        if (!loose) { loose = el("div", { class: "group loose" }); parts.push(loose); }
        loose.append(node);
      } else {
        loose = null;
        parts.push(node);
      }
    }
    form.replaceChildren(general, ...parts);
    if (focused) {
      const again = form.querySelector(`[name="${CSS.escape(focused)}"]`);
      if (again) {
        again.focus();
        if (caret && typeof again.selectionStart === "number") {
          const end = again.value.length;
          again.setSelectionRange(Math.min(caret[0], end), Math.min(caret[1], end));
        }
      }
    }
  }

  // Each finding at the nearest field that has a place for it.
  function anchorFor(field) {
    let name = field || "";
    while (name && !anchors[name]) name = parentName(name);
    return anchors[name] || anchors[""];
  }

  return { build, anchorFor, pathName, getAt, setAt, assign, blank, resolve, schemaAt, wrapper, control,
           findingsBox, help, moveButtons, field, get hooks() { return hooks; }, get state() { return state; } };
})();
