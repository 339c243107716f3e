"""Seats named in running text, beside the roster lists: who heads a group's office or a sub-group.

  协调小组办公室设在盟行署办公室，办公室主任由盟行署秘书长杨冀鹏兼任
      → group: <the roster's group>办公室, role 主任, person 杨冀鹏, position 盟行署秘书长
  综合组组长由盟行政审批和政务服务局局长王晓明兼任
      → group 综合组, role 组长, person 王晓明, position 盟行政审批和政务服务局局长
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Member


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _pattern() -> regex.Pattern:
    v = load_yaml("rosters.yaml")["inline"]
    return regex.compile(
        rf"(?P<group>\p{{Han}}{{0,6}}?(?:组|办公室))?(?P<role>{_alt(v['roles'])})由"
        rf"(?P<who>[\p{{Han}}·]{{2,40}}?)(?:{_alt(v['honorifics'])})?(?:{_alt(v['verbs'])})"
    )


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(load_yaml("rosters.yaml")["position_words"], key=len, reverse=True))


def find_seats(text: str, group: str) -> list[Member]:
    """Seats stated in `text` (offsets into it); `group` is the roster's group around the text."""
    try:
        return [m for m in (_seat(text, x, group) for x in _pattern().finditer(text)) if m]
    except Exception:  # noqa: BLE001 — a finder never raises on odd input
        return []


def _seat(text: str, m: regex.Match, group: str) -> Member | None:
    position, person = _split(m["who"])
    if not 2 <= len(person) <= 4:
        return None
    return Member(group=_group(m["group"] or "", group), role=m["role"], person=person,
                  position=position,  # None: the text names no position
                  start=m.start(), end=m.end())


def _split(who: str) -> tuple[str | None, str]:
    """`盟行署秘书长杨冀鹏` → (盟行署秘书长, 杨冀鹏): the position ends with its last title word."""
    best = -1
    for t in _titles():
        i = who.rfind(t)
        if i >= 0:
            best = max(best, i + len(t))
    if best <= 0 or best >= len(who):
        return None, who
    return who[:best], who[best:]


def _group(named: str, group: str) -> str:
    """办公室 of the roster's group, a named sub-group (综合组), or the roster's group itself."""
    if named.endswith("办公室"):
        return group if group.endswith("办公室") else f"{group}办公室"
    if named and not group.endswith(named) and not named.endswith(("小组", "领导小组")):
        return named
    return group
