// gazette review: keyboard-first review of one document. Plain JS, no build step.
// Every piece of document text reaches the page through the server's escaping or textContent,
// never through innerHTML.
(function () {
  "use strict";
  const editorInput = document.getElementById("editor");
  if (editorInput) {
    const saved = localStorage.getItem("gazette-editor");
    if (saved) editorInput.value = saved;
    editorInput.addEventListener("change", () => localStorage.setItem("gazette-editor", editorInput.value.trim()));
  }
  const dataEl = document.getElementById("data");
  if (!dataEl) return;
  const data = JSON.parse(dataEl.textContent);
  const byId = new Map(data.items.map((it) => [it.id, it]));
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const flashEl = document.getElementById("flash");
  const formSlot = document.getElementById("form-slot");
  const segs = new Map(); // item id -> text runs and page boxes showing it
  const STATUSES = ["st-unreviewed", "st-accepted", "st-rejected", "st-corrected", "st-added"];
  let current = -1;

  document.querySelectorAll("#body .t[data-items]").forEach((seg) => {
    seg.dataset.items.split(" ").forEach((id) => {
      if (!segs.has(id)) segs.set(id, []);
      segs.get(id).push(seg);
    });
  });
  document.querySelectorAll(".page-box .box").forEach((box) => {
    const id = box.dataset.item;
    if (!segs.has(id)) segs.set(id, []);
    segs.get(id).push(box);
  });

  const panelItems = () => Array.from(document.querySelectorAll("#panel .item"));

  function paint(seg) {
    const first = (seg.dataset.items || seg.dataset.item || "").split(" ")[0];
    const it = byId.get(first);
    seg.classList.remove(...STATUSES);
    if (it) seg.classList.add("st-" + it.status);
  }
  document.querySelectorAll("#body .t[data-items], .page-box .box").forEach(paint);

  function flash(msg, error) {
    flashEl.textContent = msg;
    flashEl.className = "show" + (error ? " error" : "");
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => { flashEl.className = ""; }, error ? 6000 : 1800);
  }

  function focusAt(i) {
    const list = panelItems();
    if (!list.length) return;
    current = Math.max(0, Math.min(i, list.length - 1));
    document.querySelectorAll(".focus").forEach((el) => el.classList.remove("focus"));
    const el = list[current];
    el.classList.add("focus");
    el.scrollIntoView({ block: "nearest" });
    const shown = segs.get(el.dataset.id) || [];
    shown.forEach((s) => s.classList.add("focus"));
    if (shown.length) shown[0].scrollIntoView({ block: "center" });
  }
  function focusId(id) {
    const i = panelItems().findIndex((el) => el.dataset.id === id);
    if (i >= 0) focusAt(i);
  }
  const currentItem = () => {
    const el = panelItems()[current];
    return el ? byId.get(el.dataset.id) : null;
  };

  async function post(body) {
    body.document_id = data.doc;
    body.editor = editorInput ? editorInput.value.trim() : "";
    const resp = await fetch("/api/decide", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    let answer = {};
    try { answer = await resp.json(); } catch (e) { answer = { ok: false, error: resp.statusText }; }
    if (!resp.ok || !answer.ok) throw new Error(answer.error || resp.statusText);
    return answer;
  }

  function update(item) {
    byId.set(item.id, item);
    const el = document.querySelector(`#panel .item[data-id="${CSS.escape(item.id)}"]`);
    if (el) {
      el.classList.remove(...STATUSES);
      el.classList.add("st-" + item.status);
      el.querySelector(".label").textContent = item.label;
      el.querySelector(".status").textContent = item.status;
    }
    (segs.get(item.id) || []).forEach(paint);
  }

  async function decide(decision, fields, note) {
    const it = currentItem();
    if (!it) return;
    try {
      const answer = await post({ target_type: it.type, target_id: it.id, decision, fields: fields || {}, note: note || "" });
      if (answer.item) update(answer.item);
      flash(`${decision}: ${it.type} saved`);
      if (decision !== "correct") focusAt(current + 1);
    } catch (e) {
      flash(e.message, true);
    }
  }

  function field(form, label, name, value, choices) {
    const wrap = document.createElement("label");
    wrap.textContent = label;
    let input;
    if (choices) {
      input = document.createElement("select");
      choices.forEach((c) => {
        const o = document.createElement("option");
        o.value = c; o.textContent = c || "—";
        input.appendChild(o);
      });
      input.value = value == null ? "" : String(value);
    } else {
      input = document.createElement("input");
      input.value = value == null ? "" : String(value);
    }
    input.name = name;
    wrap.appendChild(input);
    form.appendChild(wrap);
    return input;
  }

  function buttons(form, text) {
    const row = document.createElement("div");
    row.className = "buttons";
    const ok = document.createElement("button");
    ok.type = "submit"; ok.textContent = text;
    const cancel = document.createElement("button");
    cancel.type = "button"; cancel.textContent = "cancel";
    cancel.addEventListener("click", closeForm);
    row.append(ok, cancel);
    form.appendChild(row);
  }

  function closeForm() {
    formSlot.replaceChildren();
  }

  function openEdit() {
    const it = currentItem();
    if (!it) return;
    const kind = data.kinds[it.type];
    const form = document.createElement("form");
    form.className = "edit";
    const title = document.createElement("b");
    title.textContent = `correct ${it.type}`;
    form.appendChild(title);
    const inputs = kind.fields.map((f) => field(form, f, f, it.fields[f], kind.choices[f]));
    const note = field(form, "note", "note", "");
    buttons(form, "save correction");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const changed = {};
      inputs.forEach((inp) => {
        const before = it.fields[inp.name] == null ? "" : String(it.fields[inp.name]);
        if (inp.value !== before) changed[inp.name] = inp.value;
      });
      if (!Object.keys(changed).length) { flash("nothing changed", true); return; }
      closeForm();
      decide("correct", changed, note.value);
    });
    formSlot.replaceChildren(form);
    inputs[0].focus();
  }

  function offsetOf(node, off) {
    if (node.nodeType === Node.TEXT_NODE) {
      const run = node.parentElement.closest(".t");
      return run ? parseInt(run.dataset.o, 10) + off : null;
    }
    const run = node.closest ? node.closest(".t") : null;
    if (run) return parseInt(run.dataset.o, 10) + (off > 0 ? run.textContent.length : 0);
    const child = node.childNodes[Math.min(off, node.childNodes.length - 1)];
    const inner = child && child.nodeType === Node.ELEMENT_NODE ? (child.matches(".t") ? child : child.querySelector(".t")) : null;
    return inner ? parseInt(inner.dataset.o, 10) : null;
  }

  function openAdd() {
    const sel = window.getSelection();
    const body = document.getElementById("body");
    if (!sel || sel.isCollapsed || !body || !body.contains(sel.anchorNode)) {
      flash("select the missed value in the text first, then press n", true);
      return;
    }
    const range = sel.getRangeAt(0);
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start == null || end == null || end <= start) { flash("could not map the selection to the text", true); return; }
    const text = sel.toString().replace(/\s+/g, "");
    const cur = currentItem();
    const obligation = cur ? (cur.type === "obligation" ? cur.id : cur.obligation_id) : null;
    const form = document.createElement("form");
    form.className = "edit";
    const title = document.createElement("b");
    title.textContent = `add "${text}"`;
    form.appendChild(title);
    const types = Object.keys(data.kinds);
    const typeSel = field(form, "type", "type", "unit", types);
    const slot = document.createElement("div");
    form.appendChild(slot);
    let inputs = [];
    let obSel = null;
    function fieldsFor(type) {
      slot.replaceChildren();
      const kind = data.kinds[type];
      const prefill = { surface: text, name: type === "unit" ? text : "", role: type === "unit" ? "lead" : "" };
      obSel = null;
      if (type !== "obligation") {
        obSel = field(slot, "obligation", "obligation_id", obligation || "", ["", ...data.obligations.map((o) => o.id)]);
        Array.from(obSel.options).forEach((o) => {
          const ob = data.obligations.find((x) => x.id === o.value);
          if (ob) o.textContent = ob.label.slice(0, 40);
        });
      }
      inputs = kind.fields.filter((f) => f !== "surface").map((f) => field(slot, f, f, prefill[f] || "", kind.choices[f]));
    }
    fieldsFor("unit");
    typeSel.addEventListener("change", () => fieldsFor(typeSel.value));
    const note = field(form, "note", "note", "");
    buttons(form, "add");
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const fields = {};
      inputs.forEach((inp) => { if (inp.value !== "") fields[inp.name] = inp.value; });
      try {
        const answer = await post({ target_type: typeSel.value, decision: "add", start, end, fields, note: note.value,
          obligation_id: obSel ? obSel.value : null });
        closeForm();
        location.hash = "item=" + answer.item.id;
        location.reload();
      } catch (e) {
        flash(e.message, true);
      }
    });
    formSlot.replaceChildren(form);
    typeSel.focus();
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName);
    if (ev.key === "Escape") { closeForm(); if (typing) ev.target.blur(); return; }
    if (typing) return;
    const actions = {
      j: () => focusAt(current + 1), k: () => focusAt(current - 1),
      a: () => decide("accept"), r: () => decide("reject"), e: openEdit, n: openAdd,
    };
    const act = actions[ev.key];
    if (act) { ev.preventDefault(); act(); }
  });

  document.getElementById("panel").addEventListener("click", (ev) => {
    const el = ev.target.closest(".item");
    if (el) focusId(el.dataset.id);
  });
  document.getElementById("text").addEventListener("click", (ev) => {
    if (!window.getSelection().isCollapsed) return;
    const seg = ev.target.closest(".t[data-items], .box");
    if (seg) focusId((seg.dataset.items || seg.dataset.item).split(" ")[0]);
  });

  const m = /item=([\w-]+)/.exec(location.hash);
  if (m) focusId(m[1]); else focusAt(0);
})();
