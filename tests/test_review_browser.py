"""The review app in a real browser: Debian's Chromium driven headless by Playwright.

Skipped (with the reason) when /usr/bin/chromium or the playwright package is missing; `.ci/run`
installs both (apt `chromium`, PyPI `playwright`; no browser download).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from extract.build import build
from extract.review.app import create_app
from extract.review.store import after_build

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium) for the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright for the browser tests")

ROOT = Path(__file__).resolve().parent.parent
SEED = "002_8371b38728e487da.txt"
HOSTILE = "本政策原则上每半年兑现一次。<script>alert('x')</script>"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The seed (with a <script> smuggled into a sentence) built and served on a free local port."""
    from werkzeug.serving import make_server

    text = (ROOT / "corpus" / SEED).read_text(encoding="utf-8")
    (tmp_path / SEED).write_text(text.replace("本政策原则上每半年兑现一次。", HOSTILE, 1), encoding="utf-8")
    db = tmp_path / "gazette.db"
    build([tmp_path / SEED], db)
    server = make_server("127.0.0.1", 0, create_app(db, editor="王"), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", db
    server.shutdown()
    thread.join(5)


def _first_doc(db: Path) -> str:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT id FROM documents ORDER BY ordinal LIMIT 1").fetchone()[0]


def _ids(db: Path, sql: str) -> str:
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchone()[0]


def test_accept_and_correct_with_the_keyboard_survive_reload_and_rebuild(browser, served) -> None:
    url, db = served
    doc = _first_doc(db)
    unit = _ids(db, f"SELECT u.id FROM obligation_units u JOIN obligations o ON o.id = u.obligation_id "
                    f"WHERE o.document_id = '{doc}' ORDER BY u.start LIMIT 1")
    deadline = _ids(db, f"SELECT id FROM deadlines WHERE document_id = '{doc}' ORDER BY start LIMIT 1")
    page = browser.new_page()
    page.set_default_timeout(5000)
    page.goto(f"{url}/doc/{doc}")
    page.click(f'#panel .item[data-id="{unit}"]')
    page.keyboard.press("a")
    page.wait_for_selector(f'#panel .item.st-accepted[data-id="{unit}"]')
    page.click(f'#panel .item[data-id="{deadline}"]')
    page.keyboard.press("e")
    page.fill("form.edit input[name=date]", "2022-06-30")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#panel .item.st-corrected[data-id="{deadline}"]')

    def check() -> None:
        page.reload()
        assert page.locator(f'#panel .item[data-id="{unit}"] .status').inner_text() == "accepted"
        assert "2022-06-30" in page.locator(f'#panel .item[data-id="{deadline}"] .label').inner_text()
        assert page.locator(f'#body .t.st-accepted[data-items^="{unit}"]').count() >= 1

    check()
    build([db.parent / SEED], db, force=True)
    after_build(str(db))  # what `gazette build` runs after every build
    check()
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT date, review_status FROM reviewed_deadlines WHERE id = ?",
                         (deadline,)).fetchone() == ("2022-06-30", "corrected")
    page.close()


def test_script_in_a_document_shows_as_text(browser, served) -> None:
    url, db = served
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/doc/{_first_doc(db)}")
    assert "<script>alert('x')</script>" in page.locator("#body").inner_text()
    assert page.locator("#body script").count() == 0
    assert dialogs == []
    page.close()


def test_selecting_text_and_pressing_n_adds_a_value(browser, served) -> None:
    url, db = served
    page = browser.new_page()
    page.set_default_timeout(5000)
    page.goto(f"{url}/doc/{_first_doc(db)}")
    # select 每半年 inside the run that holds it
    page.evaluate("""() => {
        const run = Array.from(document.querySelectorAll('#body .t')).find(r => r.textContent.includes('每半年'));
        const node = run.firstChild, at = node.textContent.indexOf('每半年');
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 3);
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""")
    page.keyboard.press("n")
    page.select_option("form.edit select[name=type]", "deadline")
    page.select_option("form.edit select[name=kind]", "recurring")
    page.select_option("form.edit select[name=every]", "half_year")
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#panel .item.st-added")
    assert "每半年" in page.locator("#panel .item.st-added .label").inner_text()
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT surface, every FROM reviewed_deadlines WHERE review_status = 'added'").fetchone() \
            == ("每半年", "half_year")
    page.close()


ROSTER_SEED = "004_a2b4083a9edf5c5a.txt"  # opens with a roster notice: long unit labels that wrap in the panel


@pytest.fixture(scope="module")
def roster_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from conftest import build_seed_store
    from werkzeug.serving import make_server

    d = build_seed_store(tmp_path_factory.mktemp("roster"), ROSTER_SEED)
    server = make_server("127.0.0.1", 0, create_app(d / "gazette.db", editor="王"), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", d / "gazette.db"
    server.shutdown()
    thread.join(5)


def test_document_view_shows_header_fields_apart_and_one_badge_per_value(browser, roster_served, tmp_path) -> None:
    """Also saves the page as document-view.png (in $GAZETTE_SCREENSHOTS when set) to look at."""
    import os

    url, db = roster_served
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(5000)
    page.goto(f"{url}/doc/{_first_doc(db)}")
    page.evaluate("document.getElementById('text').scrollTop = 0")
    shots = Path(os.environ.get("GAZETTE_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(shots / "document-view.png"))
    paras = [p.strip() for p in page.locator("#body .para").all_inner_texts()[:3]]
    assert paras == ["兴安盟行政公署办公室关于调整盟推进政府职能转变和“放管服”改革协调小组等议事协调机构组成人员的通知",
                     "兴署办字〔2021〕11 号", "各旗县市人民政府，盟直有关部门："]
    assert "副组长：杨冀鹏 盟行署秘书长" in [p.strip() for p in page.locator("#body .para").all_inner_texts()]
    # every status badge sits inside its own row, beside (never over) any label
    clashes = page.evaluate("""() => {
        const rows = Array.from(document.querySelectorAll('#panel .item'));
        const labels = rows.flatMap(r => Array.from(r.querySelector('.label').getClientRects()));
        const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        return rows.filter(r => {
            const s = r.querySelector('.status').getBoundingClientRect(), box = r.getBoundingClientRect();
            return s.top < box.top - 1 || s.bottom > box.bottom + 1 || labels.some(l => meet(l, s));
        }).map(r => r.dataset.id);
    }""")
    assert page.locator("#panel .item").count() > 20 and clashes == []
    page.close()
