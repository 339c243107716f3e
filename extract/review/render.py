"""What the review app shows: a document's reviewable items and its text with every value highlighted.

The text is the document's slice of the decoded source, reflowed for reading (wrapped lines
joined, a new block at each provision) but cut into runs that keep their source offsets
(`data-o`), so highlights come from the stored spans and a selection maps back to offsets.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import regex
from markupsafe import Markup, escape

from extract.review.kinds import KINDS
from extract.review.views import state_of
from extract.segment.docnumber import DOC_NUMBER_LINE_RE

STATUS = {None: "unreviewed", "accept": "accepted", "reject": "rejected", "correct": "corrected",
          "add": "corrected"}
_STATE_JOIN = "LEFT JOIN ({state}) s ON s.target_id = b.id"


def _rows(conn: sqlite3.Connection, sql: str, args: tuple) -> list[dict[str, Any]]:
    cur = conn.execute(sql, args)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur]


def doc_items(conn: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    """Every extracted or added value of a document with its review status and current fields."""
    items: list[dict[str, Any]] = []
    for k in KINDS.values():
        if k.name == "unit":
            where = "JOIN obligations o ON o.id = b.obligation_id WHERE o.document_id = ?"
        else:
            where = "WHERE b.document_id = ?"
        sql = (f"SELECT b.*, s.decision AS _decision, s.fields AS _fields, s.reviews AS _reviews "
               f"FROM {k.table} b {_STATE_JOIN.format(state=state_of(k.name))} {where}")
        for r in _rows(conn, sql, (doc_id,)):
            items.append(_item(k.name, r, STATUS.get(r["_decision"], "corrected"), added=False))
    added = _rows(conn, """SELECT s.target_type, s.target_id AS id, s.decision AS _decision, s.fields AS _fields,
                                  s.reviews AS _reviews, a.source, a.start, a."end", a.page, a.bbox,
                                  a.provision_id, a.document_id, a.obligation_id
                           FROM review_state s JOIN review_anchors a ON a.review_id = s.add_review_id
                           WHERE a.document_id = ?""", (doc_id,))
    for r in added:
        k = KINDS[r["target_type"]]
        if conn.execute(f"SELECT 1 FROM {k.table} WHERE id = ?", (r["id"],)).fetchone():
            continue  # merged into an extracted row, listed above
        items.append(_item(k.name, r, "rejected" if r["_decision"] == "reject" else "added", added=True))
    items.sort(key=lambda it: (it["start"] if it["start"] is not None else 1 << 30, -(it["end"] or 0)))
    return items


def _item(t: str, r: dict[str, Any], status: str, added: bool) -> dict[str, Any]:
    k = KINDS[t]
    corrected = json.loads(r["_fields"]) if r.get("_fields") else {}
    base = {f: r.get(f) for f in k.fields} if not added else dict(corrected)
    fields = {**base, **{f: v for f, v in corrected.items() if f in k.fields}}
    item = {
        "type": t, "id": r["id"], "status": status, "added": added, "reviews": r.get("_reviews") or 0,
        "start": r.get("start"), "end": r.get("end"), "page": r.get("page"),
        "bbox": json.loads(r["bbox"]) if r.get("bbox") else None,
        "obligation_id": r.get("obligation_id"), "provision_id": r.get("provision_id"),
        "base": base, "fields": fields,
    }
    item["label"] = label(t, fields)
    return item


def label(t: str, f: dict[str, Any]) -> str:
    """A one-line summary of a value for the side panel."""
    def g(name: str) -> str:
        v = f.get(name)
        if isinstance(v, float):
            return f"{v:,.0f}" if v.is_integer() else f"{v:,.4f}".rstrip("0")
        return "" if v is None else str(v)

    if t == "obligation":
        return g("clause") or g("text")[:60]
    if t == "unit":
        return f"{g('name')} · {g('role')}" + (f" ({g('canonical')})" if f.get("canonical") not in (None, f.get("name")) else "")
    if t == "deadline":
        return f"{g('surface')} → {g('date') or g('every') or '?'} ({g('kind')})"
    if t == "amount":
        v = g("value_yuan") or (f"{g('low_yuan')}–{g('high_yuan')}")
        return f"{g('surface')} → {v} 元 {g('bound')}" + (f" /{g('per')}" if f.get("per") else "")
    if t == "target":
        return f"{g('indicator')} {g('comparator')} {g('value')}{g('unit')}" + (f" ({g('year')})" if f.get("year") else "")
    if t == "citation":
        return g("doc_number") or g("title") or g("surface")
    return f"{g('role')} {g('person')} {g('position')}".strip()


def panel(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Obligations in text order, each with its units and values; then the values outside obligations."""
    obligations = [it for it in items if it["type"] == "obligation"]
    by_ob: dict[str, list[dict[str, Any]]] = {o["id"]: [] for o in obligations}
    loose: list[dict[str, Any]] = []
    for it in items:
        if it["type"] == "obligation":
            continue
        (by_ob[it["obligation_id"]] if it.get("obligation_id") in by_ob else loose).append(it)
    groups = [{"head": o, "children": by_ob[o["id"]]} for o in obligations]
    if loose:
        groups.append({"head": None, "children": loose})
    return groups


def text_html(text: str, lo: int, hi: int, items: list[dict[str, Any]], breaks: list[int]) -> Markup:
    """The document text [lo, hi) as escaped HTML runs with highlight classes and source offsets."""
    lo, hi = max(0, lo), min(len(text), hi)
    spans = [it for it in items if it["start"] is not None and it["end"] and it["start"] < it["end"]]
    points = {lo, hi} | {b for b in breaks if lo < b < hi}
    for it in spans:
        points.update(min(max(p, lo), hi) for p in (it["start"], it["end"]))
    cuts = sorted(points)
    brk = set(breaks)
    out = ['<div class="para">']
    for p, q in zip(cuts, cuts[1:], strict=False):
        if p in brk and p != lo:
            out.append('</div><div class="para">')
        cover = sorted((it for it in spans if it["start"] <= p and it["end"] >= q),
                       key=lambda it: it["end"] - it["start"])
        out.extend(_runs(text, p, q, cover))
    out.append("</div>")
    return Markup("".join(out))


def header_breaks(text: str, lo: int, hi: int, title: str, breaks: list[int]) -> list[int]:
    """Paragraph starts in a document's header (before its first provision), so its fields do not run together.

    The header's lines are joined like any wrapped text, except: the title (its lines until they spell
    `title`) ends a paragraph, a 文号 line (兴署办字〔2021〕11 号) is one, and the addressees end at
    their colon (各旗县市人民政府，盟直有关部门：).
    """
    end = min((b for b in breaks if lo < b < hi), default=hi)
    want, seen, out = regex.sub(r"\s+", "", title or ""), "", []
    pos = lo
    while pos < end:
        stop = text.find("\n", pos, end)
        stop, nxt = (end, end) if stop < 0 else (stop, stop + 1)
        line = text[pos:stop]
        if line.strip() and want is not None:
            seen += regex.sub(r"\s+", "", line)
            if seen.startswith(want):
                out.append(nxt)
            if seen.startswith(want) or not want.startswith(seen):
                want = None  # the title is spelled (or not printed here): stop looking for it
        elif DOC_NUMBER_LINE_RE.match(line):
            out += [pos, nxt]
        elif line.rstrip().endswith(("：", ":")):
            out.append(nxt)
        pos = nxt
    starts = {_next_printed(text, b, end) for b in out}  # a break lands on the next printed line, not a blank one
    return sorted(b for b in starts if lo < b < end)


def member_line_breaks(text: str, items: list[dict[str, Any]]) -> list[int]:
    """Paragraph starts at each line that holds a roster member, so a roster reads one seat per line.

    A member's position wrapped onto the next line stays joined to it (that line holds no member).
    """
    return sorted({text.rfind("\n", 0, it["start"]) + 1 for it in items
                   if it["type"] == "member" and it["start"] is not None})


def _next_printed(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " \t\r\n\u3000":
        i += 1
    return i


def _runs(text: str, p: int, q: int, cover: list[dict[str, Any]]) -> list[str]:
    """Runs of [p, q) without its newlines (a wrapped line is joined), each with its offset."""
    classes = " ".join(dict.fromkeys(f"h-{it['type']}" for it in cover))
    ids = " ".join(it["id"] for it in cover)
    attrs = f' class="t {classes}" data-items="{escape(ids)}"' if cover else ' class="t"'
    out = []
    i = p
    while i < q:
        j = text.find("\n", i, q)
        j = q if j < 0 else j
        if j > i:
            out.append(f'<span data-o="{i}"{attrs}>{escape(text[i:j])}</span>')
        i = j + 1
    return out
