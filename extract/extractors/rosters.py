"""Rosters of leading groups and committees: who holds which seat, in what position.

A roster block is the raw lines of a roster joined with "\\n":

    组 长：姜天虎 盟委委员、常务副
    盟长、扎赉特旗委
    书记
    副组长：杨冀鹏 盟行署秘书长

A line opens a member when it starts with a role label (`组 长：`) or with a name
(2–6 Han characters, or `杨 磊` spaced) followed by spaces and a position; any
other short line of position words continues the previous member's position.
"""

from __future__ import annotations

from functools import cache

import regex

from extract.data import load_yaml
from extract.model import Member


@cache
def _vocab() -> dict:
    return load_yaml("rosters.yaml")


def _spaced(word: str) -> str:
    """`组长` → `组\\s*长`: labels are printed with stray spaces between characters."""
    return r"[ \t\u3000]*".join(regex.escape(c) for c in word)


@cache
def role_line_re() -> regex.Pattern:
    """A line opening with a role label and a colon: `组 长：姜天虎 …`, `副组长: 杨冀鹏 …`."""
    labels = sorted(_vocab()["role_labels"], key=len, reverse=True)
    return regex.compile(
        rf"""
        ^[ \t\u3000]*
        (?P<role>{"|".join(_spaced(w) for w in labels)})   # 组 长 / 副组长 / 成 员
        [ \t\u3000]*[：:][ \t\u3000]*                        # ： or : with spaces
        (?P<rest>.*)$
        """,
        regex.VERBOSE,
    )


# A line that starts a new heading or item, never a position fragment:
#   （二）协调小组各专题组组成人员   1.精简行政审批组   4、深化商事制度改革组   二、工作职责
ENUMERATOR_RE = regex.compile(
    r"""
    ^\s*(?:
        [（(][一二三四五六七八九十\d]{1,3}[）)]      # （二）
      | [一二三四五六七八九十]{1,3}[、.．]          # 二、
      | \d{1,3}[.、．]                              # 1.  4、
    )
    """,
    regex.VERBOSE,
)

# A position fragment: Han characters and the punctuation positions use.
#   盟长、扎赉特旗委   会保障局副局长   中心支行副行长
FRAGMENT_RE = regex.compile(r"^[\p{Han}、·（）()“”\-]+$")

_WS = regex.compile(r"[ \t\u3000]+")


def is_roster_line(line: str) -> bool:
    """Whether `line` opens with a role label and a colon (`成 员：刘海涛 …`)."""
    try:
        return bool(role_line_re().match(line))
    except Exception:  # noqa: BLE001
        return False


def _is_name(name: str) -> bool:
    """Whether `name` has the shape of a person's name rather than of a position."""
    v = _vocab()
    if not 2 <= len(name) <= 6 or not regex.fullmatch(r"\p{Han}+", name):
        return False
    if any(c in v["non_name_chars"] for c in name) or name[-1] in v["non_name_endings"]:
        return False
    return not any(w in name for w in v["position_words"])


def split_entry(entry: str) -> tuple[str, str, int] | None:
    """(person, position, name_length_in_entry) for `杨 磊 盟行署办公室副主任`, or None.

    The name is the first token (`哈斯额尔敦`) or a 1-char token plus a 1–2-char token
    (`杨 磊`, `图 雅`); the rest of the line is the position.
    """
    tokens = [(m.start(), m.group()) for m in regex.finditer(r"\S+", entry)]
    if not tokens:
        return None
    candidates = []
    if len(tokens) >= 3 and len(tokens[0][1]) == 1 and len(tokens[1][1]) <= 2:
        candidates.append(2)
    candidates.append(1)
    for k in candidates:
        name = "".join(t for _, t in tokens[:k])
        if _is_name(name):
            name_end = tokens[k - 1][0] + len(tokens[k - 1][1])
            position = "".join(t for _, t in tokens[k:])
            paren = regex.fullmatch(r"[（(](.*)[）)]", position)
            return name, (paren.group(1) if paren else position), name_end
    paren = regex.match(r"(\p{Han}{2,6})[（(]([^）)]*)[）)]", entry.strip())
    if paren and _is_name(paren.group(1)):  # 刘海涛（盟行署办公室副主任）
        return paren.group(1), paren.group(2), entry.index(paren.group(1)) + len(paren.group(1))
    return None


def _opens_member(line: str) -> bool:
    """Whether a label-less line is a new member: a name, spaces, then a position."""
    parts = split_entry(line)
    return parts is not None and bool(parts[1])


def _is_continuation(line: str) -> bool:
    """Whether a label-less, name-less line is a wrapped piece of a position."""
    text = _WS.sub("", line)
    if not text or ENUMERATOR_RE.match(line) or len(text) > int(_vocab()["max_continuation_chars"]):
        return False
    return bool(FRAGMENT_RE.match(text))


def _member_from(line: str, line_start: int, entry_offset: int, role: str, group: str) -> Member | None:
    """A Member for the entry that begins at `entry_offset` of `line`, or None."""
    entry = line[entry_offset:]
    parts = split_entry(entry)
    if parts is None:
        return None
    person, position, _ = parts
    lead = len(entry) - len(entry.lstrip())
    start = line_start + entry_offset + lead
    return Member(group=group, role=role, person=person, position=position,
                  start=start, end=line_start + len(line.rstrip()))


def find_members(block: str, group: str) -> list[Member]:
    """Every member of a roster block, with role, joined name and joined position.

    Offsets (start/end) are into `block` and cover the name, the position and any
    continuation lines of the position.
    """
    try:
        return _find_members(block, group)
    except Exception:  # noqa: BLE001 — a parse function never raises on odd input
        return []


def _find_members(block: str, group: str) -> list[Member]:
    members: list[Member] = []
    role: str | None = None
    current: Member | None = None
    pos = 0
    for line in block.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        m = role_line_re().match(line)
        if m:
            role = _WS.sub("", m.group("role"))
            current = _member_from(line, line_start, m.start("rest"), role, group)
        elif role is not None and _opens_member(line):
            current = _member_from(line, line_start, 0, role, group)
        elif current is not None and _is_continuation(line):
            current.position += _WS.sub("", line)
            current.end = line_start + len(line.rstrip())
            continue
        else:
            current = None
            continue
        if current is not None:
            members.append(current)
    return members


# ---------------------------------------------------------------- group names


@cache
def _group_re() -> regex.Pattern:
    """A group name inside a heading: up to a group suffix that a follower word closes."""
    v = _vocab()
    suffixes = "|".join(regex.escape(w) for w in sorted(v["group_suffixes"], key=len, reverse=True))
    followers = "|".join(regex.escape(w) for w in sorted(v["group_name_followers"], key=len, reverse=True))
    return regex.compile(rf"(?P<name>.+?(?:{suffixes}))(?=(?:{followers})|\s*$)")


@cache
def _prefix_re() -> regex.Pattern:
    """Text before a group name: issuer + 关于, then setup verbs (调整, 成立 …)."""
    verbs = "|".join(regex.escape(w) for w in sorted(_vocab()["group_setup_verbs"], key=len, reverse=True))
    return regex.compile(rf"^(?:.*?关于)?(?:{verbs})+")


def group_name(heading: str) -> str | None:
    """The group a roster heading names (`1.精简行政审批组` → 精简行政审批组), or None."""
    try:
        text = _WS.sub("", ENUMERATOR_RE.sub("", heading or "", count=1))
        m = _group_re().search(text)
        if not m:
            return None
        name = _prefix_re().sub("", m.group("name"))
        if not name or name in _vocab()["generic_group_names"]:
            return None
        return name
    except Exception:  # noqa: BLE001
        return None
