"""The review app under hostile or unlucky use: a source edited before the rebuild, a foreign Host
header (DNS rebinding), malformed JSON, and decisions racing a rebuild."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from extract.build import build
from extract.review.app import create_app, host_name
from extract.review.store import after_build, connect, record_decision

NOTICE = """某市民政局关于调整困难群众补贴标准的通知
某民发〔2023〕12号

各区民政局：
经市政府同意，现将有关事项通知如下。
一、将城市低保标准提高到每人每月800元。（责任单位：各区民政局）
二、将农村低保标准提高到每人每年6000元。（责任单位：各区民政局）
三、将两项补贴标准均提高到每人每月110元。（责任单位：各区民政局、市财政局）

某市民政局
2023年5月1日
"""
SURFACES = {"每人每月800元", "每人每年6000元", "每人每月110元"}
EDITED = NOTICE.replace("经市政府同意，", "经市政府同意，根据省民政厅有关要求，结合我市财力状况，")  # offsets move


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("harden")
    (d / "notice.txt").write_text(NOTICE, encoding="utf-8")
    build([d / "notice.txt"], d / "gazette.db")
    return d


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Path:
    shutil.copy(built / "notice.txt", tmp_path / "notice.txt")
    shutil.copy(built / "gazette.db", tmp_path / "gazette.db")
    with sqlite3.connect(tmp_path / "gazette.db") as c:
        c.execute("UPDATE sources SET path = ?", (str(tmp_path / "notice.txt"),))
    return tmp_path


def _amounts(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as c:
        return dict(c.execute("SELECT id, surface FROM amounts"))


def _page(client, doc_id: str) -> tuple[str, str]:
    html = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    return html, re.search(r'name="csrf-token" content="([^"]+)"', html)[1]


def _doc(db: Path) -> str:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT id FROM documents").fetchone()[0]


def test_amounts_accepted_while_the_file_changed_keep_their_text_through_the_rebuild(store):
    """Issue 15.7: decisions took the edited file's text at the stored offsets (将两项补贴标准均 for
    每人每月110元) and ended orphaned after the rebuild."""
    db = store / "gazette.db"
    amounts = _amounts(db)
    assert set(amounts.values()) == SURFACES
    (store / "notice.txt").write_text(EDITED, encoding="utf-8")  # edited, not rebuilt yet
    client = create_app(db).test_client()
    index = " ".join(client.get("/").get_data(as_text=True).split())
    assert "1 source file(s) changed on disk since the last build: notice.txt." in index
    html, token = _page(client, _doc(db))
    assert "changed on disk since the last build" in html
    for aid in amounts:
        r = client.post("/api/decide", headers={"X-CSRF-Token": token}, json={
            "document_id": _doc(db), "target_type": "amount", "target_id": aid, "decision": "accept"})
        assert r.status_code == 200, r.json
    with sqlite3.connect(db) as c:
        assert {r[0] for r in c.execute("SELECT surface FROM reviews")} == SURFACES
    build([store / "notice.txt"], db)
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM review_orphans").fetchone() == (0,)
        accepted = {r[0] for r in c.execute("SELECT surface FROM reviewed_amounts WHERE review_status = 'accepted'")}
    assert accepted == SURFACES
    html, _ = _page(create_app(db).test_client(), _doc(db))
    assert "changed on disk" not in html


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "10.0.0.5"])
def test_a_foreign_host_header_is_refused(store, host):
    """Issue 15.8: with a foreign Host (DNS rebinding) pages were served and a decision saved."""
    db = store / "gazette.db"
    client = create_app(db).test_client()
    _, token = _page(client, _doc(db))
    r = client.get("/", headers={"Host": host})
    assert r.status_code == 400 and "--allow-host" in r.get_data(as_text=True)
    aid = next(iter(_amounts(db)))
    r = client.post("/api/decide", headers={"Host": host, "X-CSRF-Token": token}, json={
        "document_id": _doc(db), "target_type": "amount", "target_id": aid, "decision": "accept"})
    assert r.status_code == 400
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_local_names_and_allowed_hosts_are_served(store):
    db = store / "gazette.db"
    client = create_app(db, allowed_hosts=["review.lan"]).test_client()
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000", "review.lan:8000", "REVIEW.LAN"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    assert host_name("[::1]:8000") == "::1" and host_name("Example.org:80") == "example.org"


@pytest.mark.parametrize("body", [
    [], "accept", 3, None,
    {"target_type": "amount", "target_id": ["x"], "decision": "accept"},
    {"target_type": "amount", "target_id": {"id": "x"}, "decision": "accept"},
    {"target_type": ["amount"], "target_id": "x", "decision": "accept"},
    {"target_type": "amount", "target_id": "AMOUNT", "decision": "correct", "fields": ["value_yuan", 1]},
    {"target_type": "amount", "target_id": "AMOUNT", "decision": "correct", "fields": {"value_yuan": [1]}},
    {"target_type": "amount", "target_id": "AMOUNT", "decision": "accept", "editor": {"name": "王"}},
    {"target_type": "amount", "decision": "add", "start": "3", "end": 9},
    {"target_type": "amount", "decision": "add", "start": True, "end": 9},
], ids=["list", "string", "number", "null", "id-list", "id-object", "type-list", "fields-list", "field-list",
        "editor-object", "start-string", "start-bool"])
def test_malformed_json_answers_400_with_a_message(store, body):
    """Issue 15.9: these answered HTTP 500, and an editor given as an object was stored as its repr."""
    db = store / "gazette.db"
    client = create_app(db).test_client()
    _, token = _page(client, _doc(db))
    if isinstance(body, dict):
        body = {"document_id": _doc(db), **body}
        if body.get("target_id") == "AMOUNT":
            body["target_id"] = next(iter(_amounts(db)))
    r = client.post("/api/decide", headers={"X-CSRF-Token": token}, json=body)
    assert r.status_code == 400 and r.json["ok"] is False and r.json["error"]
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_a_body_that_is_not_json_answers_400(store):
    client = create_app(store / "gazette.db").test_client()
    _, token = _page(client, _doc(store / "gazette.db"))
    r = client.post("/api/decide", headers={"X-CSRF-Token": token}, data=b"{not json", content_type="application/json")
    assert r.status_code == 400 and "JSON object" in r.json["error"]


def test_decisions_racing_a_rebuild_are_saved_with_the_right_anchor_or_refused_clearly(store):
    db = store / "gazette.db"
    amounts = _amounts(db)  # id → surface before the rebuild
    (store / "notice.txt").write_text(EDITED, encoding="utf-8")
    saved, refused, failures = [], [], []

    def editor(k: int) -> None:
        conn = connect(db)
        try:
            for _ in range(6):
                for aid in amounts:
                    try:
                        rec = record_decision(conn, "amount", aid, "accept", editor=f"编辑{k}", db_path=str(db))
                        saved.append((rec["review_id"], aid))
                    except LookupError as e:
                        refused.append(str(e))
        except Exception as e:  # noqa: BLE001 — anything else is a failure of the test
            failures.append(repr(e))
        finally:
            conn.close()

    threads = [threading.Thread(target=editor, args=(k,)) for k in range(3)]
    rebuild = threading.Thread(target=lambda: build([store / "notice.txt"], db))
    for t in (*threads, rebuild):
        t.start()
    for t in (*threads, rebuild):
        t.join()
    assert not failures
    assert all("reload the page" in m for m in refused)
    conn = connect(db)
    after_build(conn, str(db))
    for rid, aid in saved:  # each saved decision recorded the text of the value it was made on
        assert conn.execute("SELECT surface FROM reviews WHERE id = ?", (rid,)).fetchone() == (amounts[aid],)
    assert conn.execute("SELECT count(*) FROM review_orphans").fetchone() == (0,)
    if saved:
        live = {r[0] for r in conn.execute("SELECT surface FROM reviewed_amounts WHERE review_status = 'accepted'")}
        assert live == {amounts[aid] for _, aid in saved}
    conn.close()


def test_a_pdf_in_a_sub_folder_shows_its_page_images(tmp_path):
    """Source names hold '/' now (path relative to the build root): the page-image route takes them."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from pdfgen import build_gazette

    (tmp_path / "in" / "2022").mkdir(parents=True)
    build_gazette(tmp_path / "in" / "2022" / "g.pdf", pages=1, scanned=False)
    (tmp_path / "in" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "g.db")
    client = create_app(tmp_path / "g.db").test_client()
    with sqlite3.connect(tmp_path / "g.db") as c:
        doc = c.execute("SELECT id FROM documents WHERE source = '2022/g.pdf'").fetchone()[0]
    html = client.get(f"/doc/{doc}").get_data(as_text=True)
    src = re.search(r'src="(/page/2022/g.pdf/1.png)"', html)[1]
    assert client.get(src).status_code == 200


def test_review_command_takes_allowed_host_names():
    from click.testing import CliRunner

    from extract.cli import main

    out = CliRunner().invoke(main, ["review", "--help"]).output
    assert "--allow-host" in out
