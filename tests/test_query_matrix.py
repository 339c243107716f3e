"""`gazette matrix`: one seed document checked cell by cell against its printed clauses; CSV, XLSX, JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.exports.matrix import build_matrix, matrix_table

DOC = "001_959bca1da9133e88.txt"  # 二连浩特市“十四五”残疾人事业发展规划, 四、重点任务 (stored under path 三)

# Read by hand in corpus/001_959bca1da9133e88.txt, (一) and (二) of the key tasks. The surface names
# are the text's; the columns are their canonical names (市 = 二连浩特市; "按照职能分工负责" = 配合).
E = "二连浩特市"
EXPECTED: dict[str, dict[str, str]] = {
    # line 124: "（市残联、人社局牵头，市委组织部、财政局、卫健委，税务局按照职能分工负责）"
    "三/（一）/1": {f"{E}残疾人联合会": "牵头", f"{E}人力资源和社会保障局": "牵头", f"{E}委组织部": "配合",
                   f"{E}财政局": "配合", f"{E}卫生健康委员会": "配合", f"{E}税务局": "配合"},
    # line 144: "（市残联、人社局牵头，市民社局、财政局、卫健委、市场监督管理局、农牧水务局、工会、妇联、
    #            中国人民银行二连浩特支行、农业银行二连分行、税务局按照职能分工负责）"
    "三/（一）/2": {f"{E}残疾人联合会": "牵头", f"{E}人力资源和社会保障局": "牵头", f"{E}民社局": "配合",
                   f"{E}财政局": "配合", f"{E}卫生健康委员会": "配合", f"{E}市场监督管理局": "配合",
                   f"{E}农牧水务局": "配合", f"{E}总工会": "配合", f"{E}妇女联合会": "配合",
                   "中国人民银行二连浩特支行": "配合", "中国农业银行二连分行": "配合", f"{E}税务局": "配合"},
    # line 157: "（市残联、人社局牵头，市文体旅游广电局、融媒体中心、工会按照职能分工负责）"
    "三/（一）/3": {f"{E}残疾人联合会": "牵头", f"{E}人力资源和社会保障局": "牵头",
                   f"{E}文化体育旅游广电局": "配合", f"{E}融媒体中心": "配合", f"{E}总工会": "配合"},
    # line 167: "（市农牧水务局“乡村振兴局”牵头，市委组织部、民社局、残联按照职能分工负责）"
    "三/（二）/1": {f"{E}农牧水务局": "牵头", f"{E}委组织部": "配合", f"{E}民社局": "配合",
                   f"{E}残疾人联合会": "配合"},
    # line 178: "（市民社局、残联牵头，市教科局、公安局、财政局、人社局、住建局、医保局按照职能分工负责）"
    "三/（二）/2": {f"{E}民社局": "牵头", f"{E}残疾人联合会": "牵头", f"{E}教育和科技局": "配合",
                   f"{E}公安局": "配合", f"{E}财政局": "配合", f"{E}人力资源和社会保障局": "配合",
                   f"{E}住房和城乡建设局": "配合", f"{E}医疗保障局": "配合"},
    # line 186: "（市民社局、残联牵头，市发改委、财政局、住建局、交通运输局、卫健委、文体旅游广电局按照职能分工负责）"
    "三/（二）/3": {f"{E}民社局": "牵头", f"{E}残疾人联合会": "牵头", f"{E}发展和改革委员会": "配合",
                   f"{E}财政局": "配合", f"{E}住房和城乡建设局": "配合", f"{E}交通运输局": "配合",
                   f"{E}卫生健康委员会": "配合", f"{E}文化体育旅游广电局": "配合"},
    # line 194: "（市人社局、医保局牵头，市财政局、残联按照职能分工负责）"
    "三/（二）/4": {f"{E}人力资源和社会保障局": "牵头", f"{E}医疗保障局": "牵头", f"{E}财政局": "配合",
                   f"{E}残疾人联合会": "配合"},
    # line 196: "（武装部、退役军人事务局牵头，市公安局、残联按照职能分工负责）"
    "三/（二）/5": {f"{E}人民武装部": "牵头", f"{E}退役军人事务局": "牵头", f"{E}公安局": "配合",
                   f"{E}残疾人联合会": "配合"},
    # line 201: "（市应急管理局牵头，市民社局、卫健委、残联按照职能分工负责）"
    "三/（二）/6": {f"{E}应急管理局": "牵头", f"{E}民社局": "配合", f"{E}卫生健康委员会": "配合",
                   f"{E}残疾人联合会": "配合"},
}
TASKS = {"三/（一）/1": "促进残疾人就业创业", "三/（一）/2": "拓宽残疾人就业创业渠道",
         "三/（二）/5": "推动残疾军人和伤残民警抚恤优待"}


@pytest.fixture(scope="module")
def matrix(corpus_db):
    return build_matrix(corpus_db, document=DOC)


def test_matrix_of_seed_document_matches_hand_read_assignments_cell_by_cell(matrix):
    by_path = {r.path: r for r in matrix.rows}
    for path, expected in EXPECTED.items():
        assert path in by_path, path
        row = by_path[path]
        got = {u: row.cells.get(u, "") for u in matrix.units if row.cells.get(u)}
        assert got == expected, path


def test_matrix_rows_follow_document_order_with_short_tasks_and_deadlines(matrix):
    paths = [r.path for r in matrix.rows]
    assert paths.index("三/（一）/1") < paths.index("三/（一）/3") < paths.index("三/（二）/1")
    by_path = {r.path: r for r in matrix.rows}
    assert all(by_path[p].task == t for p, t in TASKS.items())
    # line 140: "打造残疾人集中就业创业品牌，到2025年，实现“50就业+50创业”目标"
    assert by_path["三/（一）/2"].deadline == "到2025年" and by_path["三/（一）/2"].due == "2025-12-31"


def test_matrix_columns_put_the_busiest_unit_first(matrix):
    counts = {u: sum(1 for r in matrix.rows if u in r.cells) for u in matrix.units}
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert matrix.units[0] == f"{E}残疾人联合会"


def test_matrix_transpose_puts_units_down_and_tasks_across(matrix):
    table = matrix_table(matrix, transpose=True)
    assert table[0][0] == "单位" and table[0][1].startswith(matrix.rows[0].path)
    assert [row[0] for row in table[1:]] == matrix.units
    cell = table[1 + matrix.units.index(f"{E}应急管理局")][1 + [r.path for r in matrix.rows].index("三/（二）/6")]
    assert cell == "牵头"


def test_matrix_csv_starts_with_bom_and_reads_back(corpus_db, tmp_path):
    out = tmp_path / "m.csv"
    res = CliRunner().invoke(main, ["matrix", "--db", str(corpus_db), "--document", DOC, "-o", str(out)])
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["条目", "任务", "完成时限"]
    row = next(r for r in rows if r[0] == "三/（二）/5")
    assert row[rows[0].index(f"{E}人民武装部")] == "牵头" and row[rows[0].index(f"{E}公安局")] == "配合"


def test_matrix_xlsx_has_frozen_header_widths_and_wrapped_tasks(corpus_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    res = CliRunner().invoke(main, ["matrix", "--db", str(corpus_db), "--document", DOC, "-o", str(out)])
    assert res.exit_code == 0, res.output
    ws = load_workbook(out).active
    assert ws.freeze_panes == "D2"  # header row and 条目/任务/完成时限 stay in view
    assert ws["A1"].value == "条目" and ws["A1"].font.bold
    assert ws.column_dimensions["B"].width >= 20 and ws.column_dimensions["D"].width >= 6
    assert ws["B2"].alignment.wrap_text
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "三/（一）/1")
    assert row[header.index(f"{E}税务局")] == "配合"


def test_matrix_json_and_corpus_wide_matrix_has_document_column(corpus_db):
    res = CliRunner().invoke(main, ["matrix", "--db", str(corpus_db), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len({t["document_id"] for t in data["tasks"]}) > 5
    assert {"path", "task", "deadline", "cells"} <= set(data["tasks"][0])
    assert matrix_table(build_matrix(corpus_db), transpose=False)[0][0] == "文件"


def test_matrix_for_unknown_document_fails_cleanly(corpus_db):
    res = CliRunner().invoke(main, ["matrix", "--db", str(corpus_db), "--document", "不存在的文件"])
    assert res.exit_code == 1 and "no task" in res.output
