"""The task-responsibility matrix (任务分工表): one row per task, one column per unit, cells 牵头/配合/负责.

Rows follow document order and carry the path label, a short task and its deadline; columns are
canonical units, busiest first. Written as CSV (UTF-8 with BOM, for Excel), XLSX or JSON.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from extract.query.common import DB, vocab
from extract.query.obligations import obligations

HEADERS = {"document": "文件", "path": "条目", "task": "任务", "deadline": "完成时限", "unit": "单位"}


@dataclass
class MatrixRow:
    """A task: where it stands, what it says, when it is due, and each unit's role in it."""

    obligation_id: str
    document_id: str
    document: str
    doc_number: str | None
    path: str | None
    task: str
    due: str | None
    deadline: str | None
    source: str
    line: int
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Matrix:
    """Tasks × units; `units` is the column order."""

    rows: list[MatrixRow]
    units: list[str]

    @property
    def documents(self) -> int:
        return len({r.document_id for r in self.rows})


def build_matrix(db: DB, document: str | None = None, unit: str | None = None) -> Matrix:
    """The matrix of one document (id, 文号, source or title words) or of the whole corpus."""
    v = vocab()
    labels, strength = v["role_labels"], v["role_strength"]
    out: list[MatrixRow] = []
    load: dict[str, int] = {}
    for o in obligations(db, document=document, unit=unit, limit=None):
        cells: dict[str, str] = {}
        for role in sorted(("lead", "co", "responsible"), key=strength.index, reverse=True):
            for name in o[role]:
                cells[name] = labels[role]  # stronger roles are written last and win
        for name in cells:
            load[name] = load.get(name, 0) + 1
        out.append(MatrixRow(o["id"], o["document_id"], o["document"], o["doc_number"], o["path"], o["short_task"],
                             o["due"], o["deadline"], o["source"], o["line"], cells))
    first = {}
    for k, r in enumerate(out):
        for name in r.cells:
            first.setdefault(name, k)
    units = sorted(load, key=lambda n: (-load[n], first[n]))
    return Matrix(out, units)


def matrix_table(m: Matrix, transpose: bool = False) -> list[list[str]]:
    """The matrix as a header row plus rows of strings (tasks down, units across; or transposed)."""
    lead_cols = (["document"] if m.documents > 1 else []) + ["path", "task", "deadline"]
    if not transpose:
        table = [[HEADERS[c] for c in lead_cols] + m.units]
        for r in m.rows:
            table.append([_lead_cell(r, c) for c in lead_cols] + [r.cells.get(u, "") for u in m.units])
        return table
    table = [[HEADERS["unit"]] + [f"{r.path or ''} {r.task}".strip() for r in m.rows]]
    for u in m.units:
        table.append([u] + [r.cells.get(u, "") for r in m.rows])
    return table


def _lead_cell(r: MatrixRow, col: str) -> str:
    if col == "document":
        return r.doc_number or r.document
    if col == "deadline":
        return r.deadline or r.due or ""
    return getattr(r, col) or ""


def write_csv(m: Matrix, out: str | Path | IO[str], transpose: bool = False) -> None:
    """CSV with a UTF-8 byte-order mark, so Excel reads the Chinese right."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(matrix_table(m, transpose))
        return
    out.write("\ufeff")
    csv.writer(out).writerows(matrix_table(m, transpose))


def write_xlsx(m: Matrix, path: str | Path, transpose: bool = False) -> None:
    """XLSX: bold frozen header (and label columns), sized columns, task text wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    table = matrix_table(m, transpose)
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工" if not transpose else "单位分工"
    for row in table:
        ws.append(row)
    n_label = 1 if transpose else len(table[0]) - len(m.units)
    widths = _widths(table, n_label, transpose)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = center
    for row in ws.iter_rows(min_row=2):
        for j, cell in enumerate(row):
            cell.alignment = wrap if j < n_label else center
    ws.freeze_panes = ws.cell(row=2, column=n_label + 1)
    wb.save(str(path))


def _widths(table: list[list[str]], n_label: int, transpose: bool) -> list[float]:
    """Column widths in Excel characters (a CJK character counts two)."""
    out = []
    for j in range(len(table[0])):
        longest = max(_display_len(row[j]) for row in table[1:]) if len(table) > 1 else 4
        head = _display_len(table[0][j])
        if j < n_label:
            out.append(min(max(longest, head) + 2, 50 if not transpose else 30))
        else:
            out.append(min(max(head, 6), 12 if not transpose else 24))
    return out


def _display_len(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text or "")


def matrix_json(m: Matrix) -> dict[str, Any]:
    """The matrix as JSON: the unit columns and one object per task with its cells."""
    return {"units": m.units, "tasks": [asdict(r) for r in m.rows]}
