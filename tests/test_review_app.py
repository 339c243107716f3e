"""The review web app through Flask's test client: pages, escaping, CSRF, token, PDF pages."""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.build import build
from extract.review.app import create_app
from extract.review.render import text_html

ROOT = Path(__file__).resolve().parent.parent
SEED = "002_8371b38728e487da.txt"
# a sentence of the seed's 东河区 policy, with markup smuggled into it
HOSTILE = "本政策原则上每半年兑现一次。<script>alert('x')</script><b>粗</b>"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("app")
    text = (ROOT / "corpus" / SEED).read_text(encoding="utf-8")
    (d / SEED).write_text(text.replace("本政策原则上每半年兑现一次。", HOSTILE, 1), encoding="utf-8")
    build([d / SEED], d / "gazette.db")
    return d / "gazette.db"


@pytest.fixture
def client(store: Path, tmp_path: Path):
    db = tmp_path / "gazette.db"
    shutil.copy(store, db)
    import sqlite3

    with sqlite3.connect(db) as c:
        c.execute("UPDATE sources SET path = ?", (str(store.parent / SEED),))
    return create_app(db, editor="王").test_client()


def _doc_id(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'href="/doc/(\w+)"', html)[0]


def _csrf(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html)[1]


def _data(html: str) -> dict:
    import json

    return json.loads(re.search(r'<script id="data" type="application/json">(.*?)</script>', html, re.S)[1])


def test_index_lists_documents_with_review_progress(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "东河区支持包头人力资本产业园高质量发展的政策" in html
    assert re.search(r"0/\d+", html)


def test_document_text_is_escaped_never_executed(client) -> None:
    html = client.get(f"/doc/{_doc_id(client)}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt;" in html
    assert "<script>alert" not in html and "<b>粗" not in html
    assert "script-src 'self'" in client.get("/").headers["Content-Security-Policy"]


def test_every_value_is_highlighted_at_its_offsets(client) -> None:
    html = client.get(f"/doc/{_doc_id(client)}").get_data(as_text=True)
    items = _data(html)["items"]
    deadline = next(it for it in items if it["type"] == "deadline")
    assert f'data-o="{deadline["start"]}"' in html
    assert re.search(r'class="t[^"]*h-deadline[^"]*" data-items="[^"]*' + deadline["id"], html)


def test_posting_without_the_csrf_token_is_refused(client) -> None:
    doc = _doc_id(client)
    item = _data(client.get(f"/doc/{doc}").get_data(as_text=True))["items"][0]
    r = client.post("/api/decide", json={"document_id": doc, "target_type": item["type"], "target_id": item["id"],
                                         "decision": "reject"})
    assert r.status_code == 403
    assert "0/" in client.get("/").get_data(as_text=True)


def test_accept_and_correct_through_the_api(client) -> None:
    doc = _doc_id(client)
    html = client.get(f"/doc/{doc}").get_data(as_text=True)
    items, token = _data(html)["items"], _csrf(html)
    unit = next(it for it in items if it["type"] == "unit")
    deadline = next(it for it in items if it["type"] == "deadline")
    r = client.post("/api/decide", headers={"X-CSRF-Token": token}, json={
        "document_id": doc, "target_type": "unit", "target_id": unit["id"], "decision": "accept", "editor": "王"})
    assert r.json["item"]["status"] == "accepted"
    r = client.post("/api/decide", headers={"X-CSRF-Token": token}, json={
        "document_id": doc, "target_type": "deadline", "target_id": deadline["id"], "decision": "correct",
        "fields": {"date": "2022-06-30"}, "note": "复核"})
    assert r.json["item"]["fields"]["date"] == "2022-06-30" and r.json["item"]["status"] == "corrected"
    history = client.get(f"/api/history/deadline/{deadline['id']}").json
    assert [h["decision"] for h in history] == ["correct"] and history[0]["note"] == "复核"


def test_a_bad_correction_answers_400_with_the_reason(client) -> None:
    doc = _doc_id(client)
    html = client.get(f"/doc/{doc}").get_data(as_text=True)
    unit = next(it for it in _data(html)["items"] if it["type"] == "unit")
    r = client.post("/api/decide", headers={"X-CSRF-Token": _csrf(html)}, json={
        "document_id": doc, "target_type": "unit", "target_id": unit["id"], "decision": "correct",
        "fields": {"role": "boss"}})
    assert r.status_code == 400 and "role must be one of" in r.json["error"]


def test_adding_a_selected_span(client) -> None:
    doc = _doc_id(client)
    html = client.get(f"/doc/{doc}").get_data(as_text=True)
    deadline = next(it for it in _data(html)["items"] if it["type"] == "deadline")
    r = client.post("/api/decide", headers={"X-CSRF-Token": _csrf(html)}, json={
        "document_id": doc, "target_type": "target", "decision": "add", "start": deadline["start"],
        "end": deadline["end"], "fields": {"indicator": "兑现频次", "value": "2"}})
    assert r.json["item"]["status"] == "added" and r.json["item"]["fields"]["value"] == 2.0


def test_token_guards_every_request(store: Path, tmp_path: Path) -> None:
    shutil.copy(store, tmp_path / "t.db")
    c = create_app(tmp_path / "t.db", token="s3cret").test_client()
    assert c.get("/").status_code == 401
    assert c.get("/?token=wrong").status_code == 401
    assert c.get("/?token=s3cret").status_code == 200
    assert c.get("/").status_code == 200  # the cookie set on the first visit


def test_orphans_page_lists_nothing_on_a_fresh_store(client) -> None:
    assert "No orphaned reviews." in client.get("/orphans").get_data(as_text=True)


def test_pdf_document_shows_page_images_with_value_boxes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfgen import build_gazette

    build_gazette(tmp_path / "g.pdf", pages=3, scanned=False)
    build([tmp_path / "g.pdf"], tmp_path / "g.db")
    c = create_app(tmp_path / "g.db").test_client()
    html = c.get(f"/doc/{_doc_id(c)}").get_data(as_text=True)
    pages = re.findall(r'src="(/page/g.pdf/\d+.png)"', html)
    assert pages and 'class="box h-deadline"' in html
    r = c.get(pages[0])
    assert r.status_code == 200 and r.mimetype == "image/png" and r.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert c.get("/page/g.pdf/999.png").status_code == 404


def test_a_document_whose_file_moved_still_lists_its_values(store: Path, tmp_path: Path) -> None:
    import sqlite3

    shutil.copy(store, tmp_path / "m.db")
    with sqlite3.connect(tmp_path / "m.db") as c:
        c.execute("UPDATE sources SET path = '/nonexistent/gone.txt'")
    client = create_app(tmp_path / "m.db").test_client()
    html = client.get(f"/doc/{_doc_id(client)}").get_data(as_text=True)
    # the text comes from the store (as the build read it), with a note that the file is not found
    assert "cannot be found from here" in html and 'id="body"' in html and 'class="item' in html


@given(st.text(max_size=120), st.lists(st.tuples(st.integers(-3, 130), st.integers(-3, 130)), max_size=6),
       st.lists(st.integers(-3, 130), max_size=4))
@settings(max_examples=150, deadline=None)
def test_rendered_runs_hold_the_source_text_at_their_offsets(text: str, spans: list, breaks: list) -> None:
    items = [{"type": "unit", "id": f"i{k}", "start": s, "end": e} for k, (s, e) in enumerate(spans)]
    out = str(text_html(text, 0, len(text), items, breaks))
    runs = re.findall(r'<span data-o="(\d+)"[^>]*>(.*?)</span>', out, re.S)
    assert "".join(html.unescape(piece) for _, piece in runs) == text.replace("\n", "")
    for o, piece in runs:
        raw = html.unescape(piece)
        assert text[int(o):int(o) + len(raw)] == raw
