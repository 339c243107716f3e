"""Whether a processed source gave anything to query, and if not, why (a build reports it as a warning).

Pure functions of a SourceResult, so that a worker process decides them before it slims the result.
"""

from __future__ import annotations

import regex

from extract.pipeline import SourceResult

_HAN = regex.compile(r"\p{Han}")

# A source must give a record with some body: a sentence (ended by 。！？；) or this many Chinese characters.
MIN_BODY_HAN = 30
_SENTENCE_END = regex.compile(r"[。！？；]")


def gave_records(result: SourceResult) -> bool:
    """Whether a source gave something to query: a chronicle event, an interpretation or press section,
    or documents whose body holds a sentence or MIN_BODY_HAN Chinese characters (a page-furniture-only
    file segmented into an untitled document of its masthead does not count)."""
    if result.events or any(s.kind not in ("other", "toc", "documents") for s in result.sections):
        return True
    body = "".join(p.text for p in result.provisions)
    return bool(result.documents) and (len(_HAN.findall(body)) >= MIN_BODY_HAN or bool(_SENTENCE_END.search(body)))


def no_documents_reason(result: SourceResult) -> str:
    """Why a source that was read gave nothing to query, in words a user can act on."""
    src = result.source
    text = src.text
    han = len(_HAN.findall(text[:2_000_000]))
    pages = [w for w in src.warnings if "OCR" in w or "text layer" in w]
    if pages:
        return f"no documents: {pages[0]}"
    if not text.strip():
        return "no documents: the file has no text"
    if han == 0:
        return f"no documents: no Chinese text in its {len(text)} characters"
    if result.documents:
        body = len(_HAN.findall("".join(p.text for p in result.provisions)))
        return (f"{len(result.documents)} document(s) but no body: {body} Chinese characters and no sentence "
                "(page furniture, a masthead or a heading only?)")
    lines = result.line_count or len(src.lines)
    return (f"no documents found in {lines} lines ({han} Chinese characters): nothing reads as a "
            "document title or body")
