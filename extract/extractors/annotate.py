"""Run the rule extractors over a document's provision tree; give every value a Span.

The finders (roles, deadlines, amounts, targets, citations, rosters) work on plain
strings and report offsets into them; this module feeds them each provision's
reflowed text, maps their offsets back to the source through the paragraph's
offset map, and ties values to the obligation whose task or clause holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.amounts import find_amounts
from extract.extractors.citations import find_citations, self_published
from extract.extractors.deadlines import find_deadlines, parse_deadline
from extract.extractors.genre import (
    achieved_only,
    document_date,
    goal_heading_year,
    inline_sections,
    is_report,
    is_review_heading,
    issue_date,
)
from extract.extractors.quotas import find_quotas
from extract.extractors.roles import find_clauses, role_for_column
from extract.extractors.rosters import find_members, group_name
from extract.extractors.seats import find_seats
from extract.extractors.targets import find_targets, targets_from_table
from extract.extractors.units import is_collective, jurisdiction_of, parse_units
from extract.model import (
    Deadline,
    Document,
    Extracted,
    Obligation,
    Paragraph,
    Provision,
    Source,
    Span,
    UnitMention,
    stable_id,
)

# How sure each way of stating a clause makes the rules.
CONFIDENCE = {"parenthetical": 0.95, "table": 0.95, "inline": 0.85, "duty_line": 0.85, "label_lines": 0.95, "inherited": 0.8}
VALUE_CONFIDENCE = 0.9

# Column headers holding the task text / the deadline of a task table.
_TASK_HEADER_RE = regex.compile(r"任务|工作内容|措施|事项|内容|指标")
_DEADLINE_HEADER_RE = regex.compile(r"时限|时间|节点")
# Sentence ends inside a provision (a clause's task is its sentence when stated inline).
_SENTENCE_END_RE = regex.compile(r"[。；;！？\n]")
# Paragraph joins inside a provision's text (not part of what was printed).
_LINE_JOIN_RE = regex.compile(r"\s*\n\s*")


@dataclass
class Extraction:
    """What the rules found in one document."""

    obligations: list[Obligation] = field(default_factory=list)
    values: list[Extracted] = field(default_factory=list)


@dataclass
class _Ctx:
    source: Source
    doc: Document
    jurisdiction: str | None
    by_id: dict[str, Provision]
    doc_date: str | None = None  # ISO, or a report's year alone (`2023`)
    issued: str | None = None  # the 印发 date the document prints at its foot (版记), ISO
    achieved_only: bool = False  # a statistics bulletin: no targets, no deadlines
    report: bool = False  # a work report: outside its review, a plan for its year
    first_leads: bool = False  # the document said 列第一位者为牵头单位: every list's first unit leads
    out: Extraction = field(default_factory=Extraction)
    by_provision: dict[str, list[Obligation]] = field(default_factory=dict)
    # indicator tables that gave targets, and the values each of their rows got (row id → values)
    tables_with_targets: set[str] = field(default_factory=set)
    row_targets: dict[str, set[float | None]] = field(default_factory=dict)


def extract_document(source: Source, doc: Document, default_issuer: str | None = None) -> Extraction:
    """Obligations and typed values of one document, rules only (method='rule').

    Unit names are qualified with the jurisdiction of the document's issuer; a document that
    prints none (a plan without its cover notice) takes `default_issuer`, the issuer of the
    gazette's other documents.
    """
    jurisdiction = jurisdiction_of(doc.issuer or "") or jurisdiction_of(default_issuer or "")
    ctx = _Ctx(source, doc, jurisdiction, {p.id: p for p in doc.provisions},
               doc_date=document_date(source, doc), issued=issue_date(source, doc), achieved_only=achieved_only(doc, source),
               report=is_report(doc, source))
    for prov in doc.provisions:
        if prov.kind == "table" and not ctx.achieved_only:
            _table_targets(ctx, prov)
        elif prov.kind == "row":
            _row(ctx, prov)
        elif prov.kind == "roster":
            _roster(ctx, prov)
        elif prov.paragraph is not None:
            _text(ctx, prov, history=ctx.achieved_only or _under_history_heading(ctx, prov))
    _inherit(ctx)
    return ctx.out


def _goal_year(ctx: _Ctx, prov: Provision) -> int | None:
    """The year of the goal section a provision sits in: a heading above it (`三、2026年重点工作`),
    else, in a work report (outside its review), the report's year."""
    year = int(ctx.doc_date[:4]) if ctx.doc_date and ctx.doc_date[:4].isdigit() else None
    p: Provision | None = ctx.by_id.get(prov.parent_id or "")
    while p is not None:
        if p.kind == "item":
            y = goal_heading_year(p.heading or p.text.split("\n", 1)[0][:40], year)
            if y:
                return y
        p = ctx.by_id.get(p.parent_id or "")
    return year if ctx.report else None


def _under_history_heading(ctx: _Ctx, prov: Provision) -> bool:
    """Inside a review section (…发展回顾, 发展基础, 过去一年工作回顾): its numbers are results
    and its dates past events, not targets or deadlines."""
    words = load_yaml("targets.yaml")["history_headings"]
    p: Provision | None = prov
    while p is not None:
        head = p.heading or p.text.split("\n", 1)[0][:40]
        if p.kind == "item" and (any(w in head for w in words) or is_review_heading(head)):
            return True
        p = ctx.by_id.get(p.parent_id or "")
    return False


@cache
def _first_listed_lead_re() -> regex.Pattern:
    """A document's own rule that the first unit of each list leads (units.yaml `first_listed_lead`)."""
    return regex.compile(load_yaml("units.yaml")["first_listed_lead"], regex.VERBOSE)


def _text(ctx: _Ctx, prov: Provision, history: bool = False) -> None:
    para = prov.paragraph
    assert para is not None
    text = para.text
    prev_end = 0
    obligations: list[tuple[Obligation, int, int]] = []
    ctx.first_leads = ctx.first_leads or bool(_first_listed_lead_re().search(text))
    for clause in find_clauses(text, ctx.jurisdiction):
        if not clause.units:
            continue
        first = clause.units[0]
        if (ctx.first_leads and clause.kind in ("parenthetical", "inline")
                and (len(clause.units) > 1 or text.startswith("等", first.end)) and not _collective(first.name)):
            # （…负责。列第一位者为牵头单位，下同）: the first of a list leads (also before 等有关部门, the
            # others it leads left unnamed); a unit named alone is responsible (it leads no one), and a
            # set (各省级人民政府) leads nothing
            first.role = "lead"
        a, b = _task_range(text, clause, prev_end)
        ob = _obligation(ctx, prov, para, text[a:b].strip() or text, (a, b), clause.text, (clause.start, clause.end),
                         [(u, u.start, u.end) for u in clause.units], clause.kind)
        obligations.append((ob, min(a, clause.start), max(b, clause.end)))
        prev_end = clause.end
    _values(ctx, prov, para, text, obligations, skip_targets=history, skip_deadlines=history)
    if "由" in text:
        for m in find_seats(text, _group_for(ctx, prov)):
            _add_value(ctx, prov, "member", m, _span(ctx.source, para, m.start, m.end), None)


def _collective(name: str) -> bool:
    """各省级人民政府 / 地方各级人民政府: a set of units, not one that can lead."""
    return is_collective(name) or "各" in name[:4]


def _task_range(text: str, clause, prev_end: int) -> tuple[int, int]:
    """The task a clause assigns: what precedes a closing parenthetical, else the clause's sentence."""
    if clause.kind in ("parenthetical", "label_lines"):
        start = prev_end
        while start < clause.start and text[start] in "，,。；; \n）)":
            start += 1
        return start, clause.start
    s = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, clause.start)), default=0)
    m = _SENTENCE_END_RE.search(text, clause.end)
    return s, m.end() if m else len(text)


def _obligation(
    ctx: _Ctx, prov: Provision, para: Paragraph, task: str, task_range: tuple[int, int], clause: str,
    clause_range: tuple[int, int], units: list[tuple[UnitMention, int, int]], kind: str,
) -> Obligation:
    span = _span(ctx.source, para, *clause_range)
    ob = Obligation(
        id=stable_id(ctx.source.sha256, "obligation", prov.id, span.start, span.end, kind),
        document_id=ctx.doc.id,
        provision_id=prov.id,
        text=task,
        clause=clause,
        span=span,
        task_span=_span(ctx.source, para, *task_range),
        units=[(u, _span(ctx.source, para, a, b)) for u, a, b in units],
        kind=kind,
        confidence=CONFIDENCE.get(kind, 0.8),
    )
    ctx.out.obligations.append(ob)
    ctx.by_provision.setdefault(prov.id, []).append(ob)
    return ob


def _values(
    ctx: _Ctx, prov: Provision, para: Paragraph, text: str,
    obligations: list[tuple[Obligation, int, int]], skip_targets: bool = False, skip_deadlines: bool = False,
) -> None:
    """Deadlines, amounts, targets and citations of a provision, tied to the obligation around them."""
    found = _goals_and_deadlines(ctx, prov, text, skip_targets, skip_deadlines)
    reported = ctx.achieved_only or (skip_targets and skip_deadlines)  # a bulletin, a review section
    found += [("amount", replace(a, status="past") if reported else a) for a in find_amounts(text)]
    if skip_targets and not ctx.achieved_only:  # a table row whose table gave its targets: add only quotas it did not state
        known = ctx.row_targets.get(prov.id, set())
        found += [("target", q) for q in find_quotas(text) if q.value not in known]
    own = self_published(text)
    cites = [c for c in find_citations(text) if not any(a <= c.start < b for a, b in own)]
    found = [(t, v) for t, v in found if not _inside_title(v, cites)]  # 《…（2014-2020年）》 is a title
    found += [("citation", c) for c in cites]
    for typ, v in found:
        owner = _owner(obligations, v.start)  # type: ignore[attr-defined]
        _add_value(ctx, prov, typ, v, _span(ctx.source, para, v.start, v.end), owner)  # type: ignore[attr-defined]


def _goals_and_deadlines(
    ctx: _Ctx, prov: Provision, text: str, skip_targets: bool, skip_deadlines: bool,
) -> list[tuple[str, object]]:
    """Deadlines and targets of a provision's text, part by part when the text prints its numbered
    headings inline (a one-line report): a review part gives neither, a goal part sets its year."""
    found: list[tuple[str, object]] = []
    if ctx.achieved_only:
        return found
    year = int(ctx.doc_date[:4]) if ctx.doc_date and ctx.doc_date[:4].isdigit() else None
    default_goal_year = _goal_year(ctx, prov)
    gaps = prov.paragraph.gaps if prov.paragraph is not None else None
    for a, b, heading in inline_sections(text, gaps):
        if heading and is_review_heading(heading):
            continue
        part = text[a:b]
        if not skip_deadlines:
            found += [("deadline", _shifted(d, a)) for d in find_deadlines(part, ctx.doc_date, ctx.issued)]
        if not skip_targets:
            goal_year = (goal_heading_year(heading, year) if heading else None) or default_goal_year
            targets = find_targets(part, ctx.doc_date, goal_year=goal_year)
            targets += [q for q in find_quotas(part) if not any(_overlaps(q, t) for t in targets)]
            found += [("target", _shifted(t, a)) for t in targets]
    return found


def _shifted(v: object, offset: int) -> object:
    """A value found in a part of a text, its offsets moved to the whole text."""
    v.start += offset  # type: ignore[attr-defined]
    v.end += offset  # type: ignore[attr-defined]
    return v


def _overlaps(a: object, b: object) -> bool:
    return a.start < b.end and b.start < a.end  # type: ignore[attr-defined]


def _inside_title(v: object, cites: list) -> bool:
    s, e = v.start, v.end  # type: ignore[attr-defined]
    return any(c.title and c.start <= s and e <= c.end for c in cites)


def _owner(obligations: list[tuple[Obligation, int, int]], pos: int) -> str | None:
    for ob, a, b in obligations:
        if a <= pos < b:
            return ob.id
    return obligations[0][0].id if len(obligations) == 1 else None


def _add_value(ctx: _Ctx, prov: Provision, typ: str, value: object, span: Span, owner: str | None) -> None:
    surface = getattr(value, "surface", None)
    if surface and "\n" in surface:
        value.surface = _LINE_JOIN_RE.sub("", surface)  # type: ignore[attr-defined]  # as printed, unwrapped
    ctx.out.values.append(Extracted(
        id=stable_id(ctx.source.sha256, typ, span.start, span.end, getattr(value, "surface", "") or ""),
        type=typ,  # type: ignore[arg-type]
        value=value,  # type: ignore[arg-type]
        span=span,
        document_id=ctx.doc.id,
        provision_id=prov.id,
        obligation_id=owner,
        confidence=VALUE_CONFIDENCE,
    ))


# ------------------------------------------------------------------ tables


def _row(ctx: _Ctx, prov: Provision) -> None:
    """A task-table row: units from 责任/牵头/配合 columns, deadline from 完成时限, task from 任务."""
    para = prov.paragraph
    assert para is not None and prov.cells
    header, row = prov.cells[0], prov.cells[-1]
    units: list[tuple[UnitMention, int, int]] = []
    task, deadline_cell = "", None
    for j, h in enumerate(header):
        cell = row[j] if j < len(row) else ""
        if not cell:
            continue
        a, b = _locate(para.text, cell)
        role = role_for_column(h)
        if role:
            for u in parse_units(cell, ctx.jurisdiction):
                u.role = role  # type: ignore[assignment]
                units.append((u, a + u.start, a + u.end) if a >= 0 else (u, 0, len(para.text)))
        elif _DEADLINE_HEADER_RE.search(h):
            deadline_cell = (cell, a, b)
        elif _TASK_HEADER_RE.search(h) and not task:
            task = cell
    obligations: list[tuple[Obligation, int, int]] = []
    if units:
        clause = "、".join(u.surface for u, _, _ in units)
        first, last = min(a for _, a, _ in units), max(b for _, _, b in units)
        ob = _obligation(ctx, prov, para, task or para.text, (0, len(para.text)), clause, (first, last), units, "table")
        obligations.append((ob, 0, len(para.text)))
    if deadline_cell and not ctx.achieved_only:
        _table_deadline(ctx, prov, para, deadline_cell, obligations)
    _values_without_deadline_cell(ctx, prov, para, para.text, obligations, deadline_cell)


def _table_deadline(ctx: _Ctx, prov: Provision, para: Paragraph, cell: tuple[str, int, int],
                    obligations: list[tuple[Obligation, int, int]]) -> None:
    text, a, b = cell
    d = parse_deadline(text, ctx.doc_date)
    if d is None:
        return
    d = Deadline(surface=text, kind="due" if d.kind != "recurring" else d.kind, date=d.date, every=d.every,
                 start_date=d.start_date, start=max(a, 0), end=b if a >= 0 else len(para.text))
    owner = obligations[0][0].id if obligations else None
    _add_value(ctx, prov, "deadline", d, _span(ctx.source, para, d.start, d.end), owner)


def _values_without_deadline_cell(ctx: _Ctx, prov: Provision, para: Paragraph, text: str,
                                  obligations: list[tuple[Obligation, int, int]], cell) -> None:
    """Values in the row's text, not counting the deadline cell twice."""
    if cell and cell[1] >= 0:
        masked = text[: cell[1]] + " " * (cell[2] - cell[1]) + text[cell[2]:]
    else:
        masked = text
    table_has_targets = (prov.parent_id or "") in ctx.tables_with_targets
    _values(ctx, prov, para, masked, obligations, skip_targets=table_has_targets)


def _table_targets(ctx: _Ctx, table: Provision) -> None:
    """Indicator tables (专栏 主要指标): one target per indicator row, on that row's span."""
    if not table.cells:
        return
    rows = [p for p in ctx.doc.provisions if p.parent_id == table.id and p.kind == "row"]
    found = targets_from_table(table.cells)
    for i, _col, t in found:
        if 1 <= i <= len(rows) and rows[i - 1].paragraph is not None:
            row = rows[i - 1]
            para = row.paragraph
            a, b = _locate(para.text, t.surface) if t.surface else (-1, -1)
            a, b = (a, b) if a >= 0 else (0, len(para.text))
            t.start, t.end = a, b
            _add_value(ctx, row, "target", t, _span(ctx.source, para, a, b), None)
            ctx.row_targets.setdefault(row.id, set()).add(t.value)
    if found:
        ctx.tables_with_targets.add(table.id)


def _locate(text: str, cell: str) -> tuple[int, int]:
    """Where a cell's text stands in its row's text (-1, -1 if its characters were rearranged)."""
    i = text.find(cell)
    if i >= 0:
        return i, i + len(cell)
    compact_cell = cell.replace(" ", "")
    m = regex.search(r"\s*".join(map(regex.escape, compact_cell)), text) if compact_cell else None
    return (m.start(), m.end()) if m else (-1, -1)


# ------------------------------------------------------------------ rosters


def _roster(ctx: _Ctx, prov: Provision) -> None:
    """Members of a leading group: the roster's raw lines, group named by the nearest heading."""
    block, offsets = _raw_block(ctx.source, prov.span)
    group = _group_for(ctx, prov)
    for m in find_members(block, group):
        if m.end <= m.start:
            continue
        start, end = offsets[m.start], offsets[m.end - 1] + 1
        span = ctx.source.span(start, end)
        ctx.out.values.append(Extracted(
            id=stable_id(ctx.source.sha256, "member", start, end, m.person),
            type="member", value=m, span=span, document_id=ctx.doc.id, provision_id=prov.id,
            confidence=VALUE_CONFIDENCE,
        ))


def _raw_block(source: Source, span: Span) -> tuple[str, list[int]]:
    """The non-blank raw lines of a span joined by newlines, with each char's source offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for ln in source.lines[span.line - 1 : span.end_line]:
        if not ln.text.strip():
            continue
        if chars:
            chars.append("\n")
            offsets.append(offsets[-1] + 1)
        chars.extend(ln.text)
        offsets.extend(range(ln.start, ln.start + len(ln.text)))
    return "".join(chars), offsets


def _group_for(ctx: _Ctx, prov: Provision) -> str:
    p = ctx.by_id.get(prov.parent_id or "")
    while p is not None:
        name = group_name(p.text.split("\n", 1)[0])
        if name:
            return name
        p = ctx.by_id.get(p.parent_id or "")
    return group_name(ctx.doc.title) or ctx.doc.title


# ------------------------------------------------------------------ inheritance


def _inherit(ctx: _Ctx) -> None:
    """A clause stated once in a heading applies to the items below it that have none of their own."""
    children: dict[str, list[Provision]] = {}
    for p in ctx.doc.provisions:
        if p.parent_id:
            children.setdefault(p.parent_id, []).append(p)
    for p in ctx.doc.provisions:
        obs = ctx.by_provision.get(p.id, [])
        if p.kind != "item" or len(obs) != 1 or not _clause_in_heading(p, obs[0]):
            continue
        for child in _descendant_items(p, children):
            if ctx.by_provision.get(child.id) or child.paragraph is None:
                continue
            src = obs[0]
            ob = Obligation(
                id=stable_id(ctx.source.sha256, "obligation", child.id, src.span.start, src.span.end, "inherited"),
                document_id=ctx.doc.id, provision_id=child.id, text=child.text, clause=src.clause,
                span=src.span, task_span=child.span, units=list(src.units), kind="inherited",
                confidence=CONFIDENCE["inherited"],
            )
            ctx.out.obligations.append(ob)
            ctx.by_provision.setdefault(child.id, []).append(ob)


def _clause_in_heading(p: Provision, ob: Obligation) -> bool:
    first_line_end = p.span.start + len(p.text.split("\n", 1)[0])
    return ob.span.start < first_line_end + 2 and len(p.text.split("\n", 1)[0]) < 160


def _descendant_items(p: Provision, children: dict[str, list[Provision]]) -> list[Provision]:
    out: list[Provision] = []
    for c in children.get(p.id, []):
        if c.kind == "item":
            out.append(c)
            out.extend(_descendant_items(c, children))
    return out


def _span(source: Source, para: Paragraph, a: int, b: int) -> Span:
    """Source span of paragraph text [a, b)."""
    a = max(0, min(a, len(para.offsets) - 1))
    b = max(a + 1, min(b, len(para.offsets)))
    start, end = para.source_range(a, b)
    return source.span(start, end)
