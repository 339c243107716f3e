"""Recurring time limits: 每季度 / 每半年 / 每年3月底前 / 按月 + an action (CONVENTIONS `recurring`).

Not a recurrence: the 每年 of a rate (每人每年200元, 每年给予2000元: the amount's `per`), a 每X
after another per-basis word (每张床位每月). Periods listed together (`每周或每月更新食谱`) are each
one. A month date without a year later in the sentence of a yearly cycle (`每年4月底前报送…，
市养老服务指导单位于5月底前完成清算`) is part of that cycle: it recurs every year too.
Vocabularies: extract/data/dates.yaml (`recurrence`, `recurrence_blockers_before`…).
"""

from __future__ import annotations

import regex

from extract.extractors.amounts import find_amounts
from extract.model import Deadline

# A clause ends here: a month date after it belongs to another sentence's cycle.
_SENTENCE_END_RE = regex.compile(r"[。；;]")
# A listed period before this 每X: 每周或 / 每月、 / 每季度和 (每周或每月更新食谱)
_LISTED_RE = regex.compile(r"每\p{Han}{1,3}(?:或|和|及|、|或者)$")


def recurring(text: str, rx: regex.Pattern, v: dict) -> list[Deadline]:
    """每季度 / 每半年 / 每年 3 月底前 in `text`, with `rx` the recurrence pattern and `v` dates.yaml."""
    out = []
    for m in rx.finditer(text):
        before = text[max(0, m.start() - 6) : m.start()]
        listed = _LISTED_RE.search(before) and any(before.rstrip("或和及、者").endswith(w) for w in v["recurrence"])
        if regex.search(r"每\p{Han}{1,3}$", text[max(0, m.start() - 4) : m.start()]) and not listed:
            continue  # 每张床位每月: part of a per basis
        if _amount_follows(text, m.end("word"), v["recurrence_amount_gap"]):
            continue
        needs = v["recurrence_needs_action"].get(m.group("word"))
        if needs and not text[m.end("word") : m.end("word") + 4].lstrip().startswith(tuple(map(str, needs))):
            continue  # 按年度发展目标: a noun follows, nothing recurs
        every = v["recurrence"][m.group("word")]
        out.append(Deadline(m.group(), "recurring", None, every=every, start=m.start(), end=m.end()))
    return out


def _amount_follows(text: str, end: int, gap: int) -> bool:
    """An amount starts within a few characters after `end` in the same clause: 每年给予 2000元."""
    window = text[end : end + gap + 20]
    amounts = find_amounts(window)
    return (
        bool(amounts)
        and amounts[0].start <= gap
        and not regex.search(r"[，,。；;、]", window[: amounts[0].start])
    )


def carry_cycle(text: str, found: list[Deadline]) -> None:
    """A month date without a year (`于5月底前`) after a yearly recurrence in the same sentence
    (`每年4月底前…，…于5月底前完成`) recurs every year: kind `recurring`, no date."""
    for prev, d in zip(found, found[1:], strict=False):
        if (
            prev.kind == "recurring" and prev.every == "year" and d.kind == "due" and "年" not in d.surface
            and "月" in d.surface and not _SENTENCE_END_RE.search(text[prev.end : d.start])
        ):
            d.kind, d.date, d.every = "recurring", None, "year"
