"""`gazette review`: a small Flask app where editors accept, reject, correct and add extracted values.

Pages are rendered server-side with autoescaping (document text is always shown as text);
decisions go through one JSON POST endpoint that needs the page's CSRF token, and an
optional shared token guards every request for editors on a shared machine.
"""

from __future__ import annotations

import functools
import hmac
import io
import secrets
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, jsonify, render_template, request, session

from extract.review.anchor import load_source, resolve_path, source_changed
from extract.review.kinds import CHOICES, KINDS
from extract.review.render import doc_items, header_breaks, member_line_breaks, panel, text_html
from extract.review.store import connect, ensure_review_schema, history, record_decision

_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def create_app(db_path: str | Path, token: str | None = None, editor: str | None = None,
               secret: str | None = None, allowed_hosts: Iterable[str] = ()) -> Flask:
    """The review app over the store at `db_path` (review tables and views are created if missing).

    Requests are answered only for the Host names 127.0.0.1, localhost, ::1 and `allowed_hosts`
    (a page reached through another name — DNS rebinding — is refused).
    """
    app = Flask(__name__)
    app.config.update(DB=str(db_path), TOKEN=token or None, EDITOR=editor or "editor",
                      ALLOWED_HOSTS={h.lower().strip("[]") for h in (*LOCAL_HOSTS, *allowed_hosts)},
                      SECRET_KEY=secret or secrets.token_hex(32), SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_HTTPONLY=True, JSON_AS_ASCII=False)
    conn = connect(db_path)
    try:
        ensure_review_schema(conn)
    finally:
        conn.close()
    _install_guards(app)
    _install_routes(app)
    return app


def db() -> sqlite3.Connection:
    """The request's connection to the store."""
    if "conn" not in g:
        g.conn = connect(g.db_path)
    return g.conn


def _install_guards(app: Flask) -> None:
    @app.before_request
    def _guard() -> Any:
        g.db_path = app.config["DB"]
        host = host_name(request.host)
        if host not in app.config["ALLOWED_HOSTS"]:
            return Response(f"This review server does not answer for the host name {host!r}: open it as "
                            f"http://127.0.0.1/…, or start it with `gazette review --allow-host {host}`.\n",
                            400, mimetype="text/plain")
        want = app.config["TOKEN"]
        if want:
            given = (request.args.get("token") or request.headers.get("X-Gazette-Token")
                     or request.cookies.get("gazette_token") or "")
            if not hmac.compare_digest(given.encode(), want.encode()):
                return Response("This review server needs its token: open the URL printed by "
                                "`gazette review` (…/?token=…).\n", 401, mimetype="text/plain")
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method == "POST":
            sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
            if not hmac.compare_digest(sent.encode(), session["csrf"].encode()):
                return jsonify(ok=False, error="missing or wrong CSRF token: reload the page"), 403
        return None

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers["Content-Security-Policy"] = _CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"
        if app.config["TOKEN"] and request.args.get("token") == app.config["TOKEN"]:
            resp.set_cookie("gazette_token", app.config["TOKEN"], httponly=True, samesite="Strict")
        return resp

    @app.teardown_appcontext
    def _close(_exc: BaseException | None) -> None:
        conn = g.pop("conn", None)
        if conn is not None:
            conn.close()

    @app.context_processor
    def _common() -> dict[str, Any]:
        return {"csrf_token": session.get("csrf", ""), "default_editor": app.config["EDITOR"]}


def host_name(host: str) -> str:
    """The name part of a Host header (`[::1]:8000` → `::1`, `Example.org:80` → `example.org`)."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _install_routes(app: Flask) -> None:
    app.add_url_rule("/", "index", index)
    app.add_url_rule("/doc/<doc_id>", "document", document)
    app.add_url_rule("/orphans", "orphans", orphans)
    app.add_url_rule("/page/<path:source>/<int:number>.png", "page_image", page_image)  # names hold "/"
    app.add_url_rule("/api/decide", "decide", decide, methods=["POST"])
    app.add_url_rule("/api/history/<target_type>/<target_id>", "item_history", item_history)


def _progress(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Per document: (values to review, values with a live decision)."""
    reviewed = set(conn.execute("SELECT DISTINCT r.target_type, a.target_id FROM reviews r "
                                "JOIN review_anchors a ON a.review_id = r.id WHERE a.status <> 'orphaned'"))
    totals: dict[str, list[int]] = {}
    for k in KINDS.values():
        sql = (f"SELECT b.id, o.document_id FROM {k.table} b JOIN obligations o ON o.id = b.obligation_id"
               if k.name == "unit" else f"SELECT id, document_id FROM {k.table}")
        for rid, d in conn.execute(sql):
            t = totals.setdefault(d, [0, 0])
            t[0] += 1
            t[1] += (k.name, rid) in reviewed
    for d, n in conn.execute("""SELECT a.document_id, count(DISTINCT a.target_id) FROM review_anchors a
                                JOIN reviews r ON r.id = a.review_id
                                WHERE r.decision = 'add' AND a.status <> 'orphaned' GROUP BY a.document_id"""):
        t = totals.setdefault(d, [0, 0])
        t[0] += n
        t[1] += n
    return {d: (t[0], t[1]) for d, t in totals.items()}


def index() -> str:
    """Documents with their review progress, how many reviews are orphaned, which files changed since the build."""
    conn = db()
    progress = _progress(conn)
    docs = [{"id": i, "title": t, "source": s, "date": d, "doc_number": n, "progress": progress.get(i, (0, 0))}
            for i, t, s, d, n in conn.execute(
                "SELECT id, title, source, date, doc_number FROM documents ORDER BY source, ordinal")]
    orphans_n = conn.execute("SELECT count(*) FROM review_orphans").fetchone()[0]
    changed = [name for (name,) in conn.execute("SELECT name FROM sources ORDER BY name")
               if source_changed(conn, name, g.db_path)]
    return render_template("index.html", docs=docs, orphans=orphans_n, changed=changed)


def document(doc_id: str) -> str:
    """One document: highlighted text (and page images for PDFs) beside its obligations and values."""
    conn = db()
    row = conn.execute("""SELECT d.id, d.title, d.source, d.start, d."end", d.doc_number, d.date, s.kind, s.pages
                          FROM documents d JOIN sources s ON s.name = d.source WHERE d.id = ?""",
                       (doc_id,)).fetchone()
    if row is None:
        abort(404)
    doc = dict(zip(("id", "title", "source", "start", "end", "doc_number", "date", "kind", "pages"), row, strict=True))
    items = doc_items(conn, doc_id)
    breaks = [r[0] for r in conn.execute("SELECT start FROM provisions WHERE document_id = ?", (doc_id,))]
    source = load_source(conn, doc["source"], g.db_path)
    if source:
        breaks += header_breaks(source.text, doc["start"], doc["end"], doc["title"], breaks)
        breaks += member_line_breaks(source.text, items)
    changed = source_changed(conn, doc["source"], g.db_path)
    body = text_html(source.text, doc["start"], doc["end"], items, breaks) if source else None
    pages = _pdf_pages(conn, doc, items) if doc["kind"] == "pdf" else []
    obligations = [{"id": it["id"], "label": it["label"]} for it in items if it["type"] == "obligation"]
    kinds = {k.name: {"fields": list(k.fields), "choices": {f: list(c) for (t, f), c in CHOICES.items()
                                                            if t == k.name}} for k in KINDS.values()}
    return render_template("document.html", doc=doc, body=body, groups=panel(items), items=items,
                           pages=pages, obligations=obligations, kinds=kinds, changed=changed)


def _pdf_pages(conn: sqlite3.Connection, doc: dict[str, Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pages a PDF document spans, with their size and the boxes of its values."""
    lo, hi = conn.execute("SELECT min(page), max(page) FROM provisions WHERE document_id = ?",
                          (doc["id"],)).fetchone()
    if lo is None:
        return []
    sizes = _page_sizes(conn, doc["source"])
    pages = []
    for n in range(lo, hi + 1):
        if n > len(sizes):
            break
        w, h = sizes[n - 1]
        boxes = [{"id": it["id"], "type": it["type"], "left": 100 * it["bbox"][0] / w, "top": 100 * it["bbox"][1] / h,
                  "width": 100 * (it["bbox"][2] - it["bbox"][0]) / w, "height": 100 * (it["bbox"][3] - it["bbox"][1]) / h}
                 for it in items if it["page"] == n and it["bbox"]]
        pages.append({"number": n, "boxes": boxes, "ratio": 100 * h / w})
    return pages


def _pdf_path(conn: sqlite3.Connection, source: str) -> Path | None:
    row = conn.execute("SELECT path FROM sources WHERE name = ? AND kind = 'pdf'", (source,)).fetchone()
    return resolve_path(row[0], g.db_path) if row else None


def _page_sizes(conn: sqlite3.Connection, source: str) -> list[tuple[float, float]]:
    path = _pdf_path(conn, source)
    return _sizes(str(path), path.stat().st_mtime_ns) if path else []


@functools.lru_cache(maxsize=32)
def _sizes(path: str, _mtime: int) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return [tuple(pdf[i].get_size()) for i in range(len(pdf))]  # type: ignore[misc]
    finally:
        pdf.close()


@functools.lru_cache(maxsize=64)
def _render_png(path: str, _mtime: int, number: int, scale: float = 2.0) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        image = pdf[number - 1].render(scale=scale).to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()
    finally:
        pdf.close()


def page_image(source: str, number: int) -> Response:
    """A PDF page rendered with pypdfium2 (the page's boxes are drawn over it by the page)."""
    path = _pdf_path(db(), source)
    if path is None or number < 1 or number > len(_sizes(str(path), path.stat().st_mtime_ns)):
        abort(404)
    png = _render_png(str(path), path.stat().st_mtime_ns, number)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, max-age=3600"})


def orphans() -> str:
    """Reviews whose value could not be found after a rebuild: shown so that nobody's work is lost."""
    cur = db().execute("SELECT * FROM review_orphans ORDER BY created_at")
    cols = [c[0] for c in cur.description]
    return render_template("orphans.html", rows=[dict(zip(cols, r, strict=True)) for r in cur])


def decide() -> Response | tuple[Response, int]:
    """Record one decision (JSON body) and answer with the item's new state (400 with a reason when malformed)."""
    try:
        args = decision_args(request.get_json(silent=True))
        doc_id = args.pop("document_id")
        start, end = args.pop("start"), args.pop("end")
        span = None
        if args["decision"] == "add":
            src = db().execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if src is None:
                raise LookupError("unknown document")
            if start is None or end is None:
                raise ValueError("adding a value needs the start and end of the selected text")
            span = (src[0], start, end)
        rec = record_decision(db(), span=span, db_path=g.db_path, **args)
    except (ValueError, LookupError, KeyError, TypeError) as e:
        return jsonify(ok=False, error=str(e)), 400
    item = next((it for it in doc_items(db(), doc_id) if it["id"] == rec["target_id"]), None)
    return jsonify(ok=True, review_id=rec["review_id"], item=item)


_TEXT_ARGS = ("document_id", "target_type", "target_id", "decision", "editor", "note", "obligation_id")


def decision_args(body: Any) -> dict[str, Any]:
    """The decide endpoint's JSON body checked field by field (ValueError names what is wrong)."""
    if not isinstance(body, dict):
        raise ValueError("the request body must be a JSON object")
    out: dict[str, Any] = {}
    for key in _TEXT_ARGS:
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key} must be a string")
        value = (value or "").strip()
        out[key] = value or None
    for key in ("start", "end"):
        value = body.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{key} must be a whole number (a character offset)")
        out[key] = value
    fields = body.get("fields")
    if fields is not None and not isinstance(fields, dict):
        raise ValueError("fields must be an object of field names and values")
    out["fields"] = fields or {}
    out["document_id"] = out["document_id"] or ""
    out["target_type"] = out["target_type"] or ""
    out["decision"] = out["decision"] or ""
    return out


def item_history(target_type: str, target_id: str) -> Response:
    """Every decision on one value, oldest first."""
    return jsonify(history(db(), target_type, target_id))
