"""Responsibility clauses in provision text and the role each named unit plays in them.

`find_clauses` finds three shapes in reflowed paragraph text:
  * parenthetical — `（市残联、人社局牵头，市委组织部、财政局…按照职能分工负责）`, `(责任单位:盟金融办、…)`;
  * inline        — `由卫生健康部门牵头，发展改革、教育…等按职责分工负责`, `X会同Y…`;
  * duty_line     — an inline clause opening its paragraph: `盟财政局负责下达财政补助资金…`;
  * label_lines   — a task's label lines, each on its own line: `牵头单位：市民政局` / `责任单位:…`.
Roles: lead (牵头, 会同's subject), co (配合, 参与, 协助, 会同's object, 按照职能分工负责 beside a
lead), responsible (责任单位, 负责, 承担, and 分工负责 with no lead in the clause).

Not every 负责 is an assignment. A subject counts only when it reads as an organisation
name — it ends in 局 委 办 厅 部 部门 政府 公署 单位 机构 中心 协会 残联 组 … or is in the
registry (`产业园运营机构负责提出…` counts; `代办员主要负责…`, `首问负责`, `政府负责、部门协同`,
`本办法由X负责解释`, `负责人`, `负责同志` do not). In running text (strict mode) a subject must
also hold no 的, digit or pronoun, and a bare 配合/参与 counts only beside a lead in the same
sentence (`社会力量参与` is no clause; `X牵头、有关部门单位参加` is).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

import regex

from extract.data import load_yaml
from extract.extractors.units import Piece, is_stem_list, looks_like_unit, mention, split_list, trim_list
from extract.model import UnitMention

# ---------------------------------------------------------------- named patterns

# A clause label before its list; role from units.yaml `labels`.
#   （责任单位：盟金融办、盟财政局、各旗县市政府）   (责任单位:盟市场监管局、农牧局…)
LABEL_SUFFIX = r"\s*[:：]"

# 按照职能分工负责 and kin: co beside a lead, responsible alone.
CO_DUTY = r"""
      (?:按照|按|根据|依据)?(?:各自)?(?:职能|职责)?分工(?:负责|落实|承担)(?!的)
    | (?:按照|按|根据|依据)各自(?:的)?(?:职能|职责)(?:负责)?   # 网信部门、公安部门…应当按照各自职责，做好…
    | (?:按照|按|根据|依据)(?:部门|本方案和)?(?:职能|职责)分工(?![负落承的])   # 各成员单位按照部门职责分工，制定…
    # 市委组织部…按照职能分工负责 / …等按职责分工负责 / 盟直有关部门分工负责 (not 部门分工负责的运维体系)
"""
LEAD = r"""
      发挥牵头(?:作用|抓总作用)          # 市场监管总局要发挥牵头作用
    | 牵头负责(?!单位|部门|的)          # （盟文旅体局牵头负责）
    | 负责牵头                          # X负责牵头
    | 牵头抓总
    | 牵头的(?=[^，,。；;]{0,6}?(?:联席会议|协调机制|工作机制|领导小组|工作专班|工作组))
                                        # 建立市场监管部门牵头的联席会议制度 (X leads the body set up)
    | 牵头(?!部门|单位|作用|人|责任|负责|抓|的)   # 市残联、人社局牵头 (not 牵头部门要…, 发挥牵头作用)
"""
WITH = r"""
    会同                                # 自治区发展改革委要会同自治区统计局等有关部门
"""
CO = r"""
      协同配合                          # 各相关部门协同配合
    | 密切配合
    | 配合(?!部门|单位|的)              # 其他金融机构配合 (not 配合部门要主动作为)
    | 参与(?!度|权|的)                  # X牵头、Y参与
    | 参加(?!的)                        # 由人力资源和社会保障厅牵头、有关部门单位参加
    | 协助(?!的)
    | 协办(?!单位)
"""
RESPONSIBLE = r"""
      (?:落实|履行)(?:好)?主体责任          # X作为…主体，要切实落实主体责任
    | 具体负责(?!人|同志)
    | 负责(?!人(?!才)|同志|制|解释|的|、|”|")   # 盟医保局负责…监管工作 (not 负责人, 负责解释, 政府负责、)
    | 承担(?!的|单位|部门|机构|主体)    # 盟行政审批和政务服务局承担办公室日常工作 (not 由项目承担单位负责)
"""
MARKER_RE = regex.compile(
    rf"(?P<co_duty>{CO_DUTY})|(?P<lead>{LEAD})|(?P<with>{WITH})|(?P<co>{CO})|(?P<responsible>{RESPONSIBLE})",
    regex.VERBOSE,
)
# What ends a clause segment: commas, semicolons, full stops, colons, line breaks.
SEGMENT_SEP = "，,；;。！？!?：:\n"
# What ends a sentence of running text.
SENTENCE_END_RE = regex.compile(r"[。！？!?；;\n]")
# An enumeration label or markdown that may open a duty line: `1.` `（3）` `25.` `一、` `**`.
ENUM_LABEL_RE = regex.compile(
    r"""^[\s*#>]*(?:
          \d{1,3}\s*[.．、]                # 3.产业园运营机构负责提出…
        | [（(][一二三四五六七八九十\d]{1,3}[）)]   # （2）明确负责部门
        | [一二三四五六七八九十]{1,3}、     # 一、
        | 第[一二三四五六七八九十百零〇\d]{1,5}条   # 第四条
    )?[\s*]*$""",
    regex.VERBOSE,
)
JOINERS = ("、", "和", "及", "与")  # X牵头、Y参与 continues the segment
# 等有关部门 after the last unit of a 会同 object: 会同自治区统计局等有关部门
FILLER_AFTER_RE = regex.compile(r"等(?:有关|相关)?(?:部门|单位)?")


@cache
def _labels() -> dict[str, str]:
    """Clause labels and table headers → role, from units.yaml."""
    return {str(k): str(r) for k, r in load_yaml("units.yaml")["labels"].items()}


@cache
def _label_re() -> regex.Pattern:
    """`责任单位：` / `牵头单位:` at the start of a segment."""
    alt = "|".join(regex.escape(w) for w in sorted(_labels(), key=len, reverse=True))
    return regex.compile(rf"[\s*]*(?P<label>{alt}){LABEL_SUFFIX}")


# ---------------------------------------------------------------- clause grammar


@dataclass
class Group:
    """Units sharing one role in a clause; `end` is where the role marker ends."""

    role: str
    pieces: list[Piece]
    start: int
    end: int
    marker: str = ""


@dataclass
class _State:
    """What a clause reader carries from one segment to the next."""

    strict: bool
    groups: list[Group] = field(default_factory=list)
    pending: list[tuple[int, int]] = field(default_factory=list)
    carry: str = ""
    label: str | None = None
    open_co: bool = False
    topic: tuple[int, int] | None = None  # the unit a sentence opens with: 政务部门是…，负责…


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at commas, stops and colons, and at parentheses that are not part of a name."""
    out: list[tuple[int, int]] = []
    s, i = start, start
    while i < end:
        ch = text[i]
        if ch in "（(":
            close = _matching(text, i, end)
            inner = text[i + 1 : close] if close else ""
            if close and "简称" in inner:
                i = close + 1  # 联合工作组(以下简称联合工作组): part of the name
                continue
            if (
                close
                and i > s
                and len(inner) <= 8
                and not regex.search(r"[，,；;。：:]", inner)
                and not MARKER_RE.search(inner)
                and regex.match(r"\p{Han}", text[i - 1])
            ):
                i = close + 1  # 各社区（嘎查）: part of the name
                continue
        if ch in SEGMENT_SEP or ch in "（()）":
            out.append((s, i))
            s = i + 1
        i += 1
    out.append((s, end))
    return [(a, b) for a, b in out if b > a]


def _matching(text: str, i: int, end: int) -> int | None:
    """Index of the parenthesis closing the one at `i` (either width), or None."""
    depth = 0
    for j in range(i, end):
        if text[j] in "（(":
            depth += 1
        elif text[j] in "）)":
            depth -= 1
            if depth == 0:
                return j
    return None


def _add(st: _State, role: str, ranges: list[tuple[int, int]], text: str, end: int, marker: str = "") -> bool:
    """Read each range as a unit list and record one group; False when none reads (strict)."""
    pieces: list[Piece] = []
    carry = st.carry
    if (len(ranges) > 1 and all(b > a for a, b in ranges)
            and all(text[b:c] in "，," for (_, b), (c, _) in pairwise(ranges))):
        if split_list(text, ranges[0][0], ranges[-1][1], st.strict, carry) is not None:
            ranges = [(ranges[0][0], ranges[-1][1])]  # 自治区民政、财政，税务、审计等部门: one list over a stray comma
    for a, b in ranges:
        got = split_list(text, a, b, st.strict, carry)
        if got is None:
            if st.strict:
                return False
            continue
        pieces += got[0]
        carry = got[1]
    if not pieces:
        return False
    st.carry = carry
    st.groups.append(Group(role, pieces, pieces[0].start, max(end, pieces[-1].end), marker))
    return True


# A vague object opening a 会同 object list: 会同有关部门对临时救助资金定期组织检查 (never a unit, CONVENTIONS).
VAGUE_OPENING_RE = regex.compile(r"(?:其他|其它)?(?:有关|相关)(?:政务|行政|业务)?(?:部门|单位|方面|机构)")


def _leading_units(text: str, s: int, e: int, st: _State) -> int | None:
    """End of the unit list opening [s, e): 会同自治区统计局等有关部门，… / 会同直属机关工委、民政厅提出….

    Item by item: each item is the shortest unit name (stretched by ≤3 characters, 卫生健康委 →
    卫生健康委员会), then a filler (等有关部门) may follow, and 、 和 及 与 continue the list.
    """
    pos, found = s, None
    while pos < e:
        if VAGUE_OPENING_RE.match(text, pos, e):
            break  # 会同有关部门对…定期组织: a vague object ends the list
        ends = [k for k in range(pos + 2, min(e, pos + 30) + 1) if looks_like_unit(text[pos:k], strict=True)]
        if not ends:
            break
        k = ends[0]
        for c in ends[1:]:
            if c - k > 3 or text[pos:k].endswith(("部门", "单位")):  # not 监管部门组织 (组织 is the verb)
                break
            k = c
        if f := FILLER_AFTER_RE.match(text, k, e):
            k = f.end()
        found = k
        j = next((j for j in JOINERS if text.startswith(j, k)), None)
        if j is None:
            break
        pos = k + len(j)
    return found


# Words after which the unit that does the work is named: 工作由卫生健康部门牵头;
# 州人民政府授权州数据资源主管部门负责… (the authorised unit is the responsible one, not the grantor);
# 县人民政府确定的数据资源主管部门负责… (a relative clause before the name is not part of it).
SUBJECT_AFTER_RE = regex.compile(r"由|授权|委托")
SUBJECT_AFTER_STRICT_RE = regex.compile(r"由|授权|委托|的")  # running text only: a list item with 的 is no unit there


def _subject(text: str, s: int, e: int, strict: bool = False) -> int:
    """Where the subject before a marker starts: after the last 由 / 授权 / 委托 (and 的 in running text)."""
    hits = list((SUBJECT_AFTER_STRICT_RE if strict else SUBJECT_AFTER_RE).finditer(text, s, e))
    return hits[-1].end() if hits and e - hits[-1].start() > 2 else s


def _read_with(text: str, m: regex.Match, s: int, e: int, st: _State) -> None:
    """X会同Y…: X leads, Y co-operates; an object running to the segment end stays open (…，财政厅，…)."""
    a, b, _ = trim_list(text, _subject(text, s, m.start(), st.strict), m.start())
    if b > a or st.pending:
        ok = _add(st, "lead", st.pending + [(a, b)], text, m.end(), "会同")
    else:  # 由市政府办公室牵头，会同市财政局…: the lead was named before
        ok = any(g.role == "lead" for g in st.groups)
    st.pending = []
    if ok and (k := _leading_units(text, m.end(), e, st)) is not None:
        _add(st, "co", [(m.end(), k)], text, k, "会同")
        a, b, _ = trim_list(text, k, e)
        st.open_co = b <= a


def _read_segment(text: str, s: int, e: int, st: _State) -> None:
    """Read one segment: a labelled list, a list before a marker, or an unmarked list kept pending."""
    if text[s:e].strip(" *") in _labels() and e < len(text) and text[e] in ":：":
        st.label = _labels()[text[s:e].strip(" *")]  # 责任单位：… (the colon ended the segment)
        return
    if lm := _label_re().match(text, s, e):
        st.label, s = _labels()[lm.group("label")], lm.end()
    pos, found = s, False
    while (m := MARKER_RE.search(text, pos, e)) is not None:
        found = True
        if m.lastgroup == "with":
            _read_with(text, m, pos, e, st)
            return
        a = _subject(text, pos, m.start(), st.strict)
        sa, sb, _ = trim_list(text, a, m.start())
        ranges = st.pending + ([(a, m.start())] if sb > sa else [])
        if st.topic and not st.groups and not st.pending and m.lastgroup == "responsible" and (
            MODAL_ONLY_RE.fullmatch(text, a, m.start())
        ):
            ranges = [st.topic]  # 运营单位作为运营主体，负责…: the sentence's subject owns the duty
        if ranges:
            marker = m.group()
            if m.group() in ("配合", "协助") and _leads_named_after(text, m.end(), e, st):
                marker = "会同"  # X配合有关部门做好…: the one X works with is named after 配合
            _add(st, m.lastgroup or "responsible", ranges, text, m.end(), marker)
        st.pending, st.open_co = [], False
        nxt = next((j for j in JOINERS if text.startswith(j, m.end())), None)
        if nxt is None:
            return
        pos = m.end() + len(nxt)
    if found:
        return
    if st.open_co:  # 会同发展改革委，财政厅，…，民政厅等部门提出… : the object list goes on
        if (k := _leading_units(text, s, e, st)) is not None:
            _add(st, "co", [(s, k)], text, k, "会同")
            a, b, _ = trim_list(text, k, e)
            if b <= a:
                return
        st.pending, st.open_co = [], False
        return
    if split_list(text, s, e, st.strict, st.carry) is not None or is_stem_list(text[s:e]):
        if st.label:
            _add(st, st.label, [(s, e)], text, e)
        else:
            st.pending.append((s, e))
        return
    st.pending = []


# What follows a sentence's subject when later commas carry it to a bare 负责 / 承担:
# 政务部门是…的责任主体，…，负责… / 运营单位作为专区运营主体，负责… / 政务部门应当…，承担…责任.
TOPIC_VERB_RE = regex.compile(r"是|作为|应当|应|要|须|必须")
# A segment holding only modal words before its marker (要切实落实主体责任, 并负责…): no subject of its own.
MODAL_ONLY_RE = regex.compile(r"[\s要应当须必切实并将还也同时]*")


def _topic(text: str, s: int, e: int, st: _State) -> tuple[int, int] | None:
    """The unit list opening a sentence's first segment when a copula or modal follows it."""
    a, b, _ = trim_list(text, s, e)
    k = _leading_units(text, a, b, st)
    return (a, k) if k is not None and TOPIC_VERB_RE.match(text, k, e) else None


def _leads_named_after(text: str, k: int, e: int, st: _State) -> bool:
    """True when 配合 / 协助 names whom it helps: 配合相关部门对…整改, 协助市民政局开展…."""
    return bool(VAGUE_OPENING_RE.match(text, k, e)) or _leading_units(text, k, e, st) is not None


def _resolve(st: _State) -> list[Group]:
    """Final roles: 按照职能分工负责 is co (as the issue defines it), with or without a lead named
    beside it; in running text a bare 配合 needs a lead or a unit named responsible beside it."""
    has_owner = any(g.role in ("lead", "responsible") for g in st.groups)  # 由X负责，Y配合 too
    out = []
    for g in st.groups:
        if g.role == "co_duty":
            g.role = "co"
        elif g.role == "co" and not has_owner and st.strict and g.marker != "会同":
            continue
        out.append(g)
    return out


def role_groups(
    text: str, start: int = 0, end: int | None = None, strict: bool = True, bare_role: str | None = None
) -> list[Group]:
    """The unit groups of the clause text[start:end], each with its role; offsets into `text`.

    `strict` is for running text (every item must read as a unit); `bare_role` is the role of a
    list with no marker at all (parse_units gives `responsible`; running text gives none).
    """
    end = len(text) if end is None else end
    st = _State(strict=strict)
    segments = _segments(text, start, end)
    if strict and segments:
        st.topic = _topic(text, *segments[0], st)
    for a, b in segments:
        _read_segment(text, a, b, st)
    if st.pending and bare_role and not st.groups:
        _add(st, bare_role, st.pending, text, st.pending[-1][1])
    return _resolve(st)


# ---------------------------------------------------------------- finding clauses


@dataclass
class Clause:
    """A responsibility clause: its text, offsets into the searched text, and the units it names."""

    text: str
    start: int
    end: int
    units: list[UnitMention]
    kind: str  # parenthetical | inline | duty_line | label_lines


def _mentions(groups: list[Group], jurisdiction: str | None) -> list[UnitMention]:
    """UnitMentions (offsets into the searched text) for every piece of every group."""
    return [mention(p, g.role, jurisdiction) for g in groups for p in g.pieces]


def _parentheticals(text: str, jurisdiction: str | None) -> list[Clause]:
    """（…牵头，…按照职能分工负责）, (责任单位:…), （A负责）: top-level parentheses holding a marker."""
    out: list[Clause] = []
    i = 0
    while i < len(text):
        if text[i] in "（(" and (j := _matching(text, i, len(text))) is not None:
            inner = text[i + 1 : j]
            if MARKER_RE.search(inner) or _label_re().search(inner):
                if groups := role_groups(text, i + 1, j, strict=False):
                    out.append(
                        Clause(text[i : j + 1], i, j + 1, _mentions(groups, jurisdiction), "parenthetical")
                    )
                    i = j + 1
                    continue
        i += 1
    return out


# A field line of a task that names no unit: `责任领导：张三`, `完成时限：2024年6月底前` (people and
# dates, never units; it stays inside the task's label-line run so its deadline joins the task).
FIELD_LINE_RE = regex.compile(r"^[\s*]*\p{Han}{2,6}\s*[:：]")


def _label_lines(text: str, jurisdiction: str | None) -> list[Clause]:
    """Runs of label lines under a task (`牵头单位：A` / `责任单位：B` / `完成时限：…`), one clause
    per run: lead from the 牵头 line, responsible from the 责任 line, and so on."""
    out: list[Clause] = []
    run: list[tuple[int, int, bool]] = []  # (start, end, names units)
    pos = 0
    for line in [*text.split("\n"), None]:
        if line is not None:
            start, end = pos, pos + len(line)
            pos = end + 1
            is_label = _label_re().match(line) is not None
            if is_label or (run and FIELD_LINE_RE.match(line)):
                run.append((start, end, is_label))
                continue
        if any(named for _, _, named in run):
            groups = [g for a, b, named in run if named for g in role_groups(text, a, b, strict=False)]
            if groups:
                s, e = run[0][0], run[-1][1]
                out.append(Clause(text[s:e], s, e, _mentions(groups, jurisdiction), "label_lines"))
        run = []
    return out


# A web page's footer: `主办单位：广州市人民政府办公厅` beside `网站标识码：…` / `ICP备案号` / `版权所有` is site
# furniture, never an assignment of work; a clause within two lines of such words gives no units.
FOOTER_RE = regex.compile(r"网站标识码|ICP备|公网安备|版权所有|网站地图|联系我们|技术支持[:：]")


def _in_footer(text: str, c: Clause) -> bool:
    """True when the clause sits within two lines of website footer words."""
    a = c.start
    for _ in range(3):
        a = text.rfind("\n", 0, max(a - 1, 0)) + 1 if a > 0 else 0
    b = c.end
    for _ in range(3):
        k = text.find("\n", b + 1)
        b = len(text) if k < 0 else k
    return FOOTER_RE.search(text, a, b) is not None


def _sentences(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence ranges of running text outside the parenthetical clauses already taken."""
    cuts = sorted({0, len(text), *(m.end() for m in SENTENCE_END_RE.finditer(text))})
    out = []
    for a, b in pairwise(cuts):
        for ta, tb in taken:  # a parenthetical ends the sentence it sits in
            if a < tb and ta < b:
                out.append((a, max(a, ta)))
                a = min(b, tb)
        out.append((a, b))
    return [(a, b) for a, b in out if b > a]


def _kind(text: str, start: int) -> str:
    """duty_line when the clause opens its paragraph (after an enumeration label), else inline."""
    line_start = text.rfind("\n", 0, start) + 1
    return "duty_line" if ENUM_LABEL_RE.match(text[line_start:start]) else "inline"


# `可由X…` grants a permission (可由供养服务机构制定实施方案), `已(经)由X…` reports a past event
# (草案已经由国务院通过): no duty, not read.
# `由X + an action` names who does it (CONVENTIONS: 由X负责 → responsible; the same for any action a
# unit is charged with): 由区民政部门列入年度部门预算, 由镇人民政府（街道办事处）按照…办理,
# 由区民政部门、镇人民政府督促…整改. Funds (由区财政全额负担) and vague objects are no units.
# The verbs after the unit are data (units.yaml `by_actions`); a unit may carry a bracketed
# alternative, also inside a list: 由区民政部门或镇人民政府（街道办事处）与运营机构通过协议方式确定.
BY_UNITS = r"(?<!可|已|经)由(?P<units>(?:[^，,。；;：:由（(]|[（(][^）)]{1,12}[）)]){2,40}?)"


@cache
def _by_action_re() -> regex.Pattern:
    """`由X` followed by one of the actions units.yaml lists (longest first)."""
    verbs = sorted(load_yaml("units.yaml")["by_actions"], key=len, reverse=True)
    # 由县人民政府确定的审核机构进行审核: a verb + 的 is a relative clause naming another body
    return regex.compile(BY_UNITS + "(?=(?:" + "|".join(regex.escape(v) for v in verbs) + ")(?!的))")


# Not a unit after 由: where money comes from (由自治区财政按机构等级…), a bare 政府, a pronoun (由其按规定…),
# a vague object (由区政府相关部门提出意见).
BY_NOT_UNIT_RE = regex.compile(r"财政$|资金$|基金$|^政府$|^其|相关|有关")


def _by_action(text: str, jurisdiction: str | None) -> list[Clause]:
    """Clauses `由X + action` of a paragraph that has no marked clause: X responsible."""
    out: list[Clause] = []
    for m in _by_action_re().finditer(text):
        a, b = m.span("units")
        if BY_NOT_UNIT_RE.search(text[a:b]):
            continue
        got = split_list(text, a, b, True, "") or _with_bracket(text, a, b)
        if got:
            group = Group("responsible", got[0], got[0][0].start, got[0][-1].end, "由")
            out.append(Clause(text[m.start() : b], m.start(), b, _mentions([group], jurisdiction), "inline"))
    return out


def _with_bracket(text: str, a: int, b: int) -> tuple[list[Piece], str] | None:
    """One unit with a bracketed alternative kept in its name: 镇人民政府（街道办事处）."""
    k = max(text.rfind("（", a, b), text.rfind("(", a, b))
    got = split_list(text, a, k, True, "") if k > a and text[b - 1] in "）)" else None
    if not got or len(got[0]) != 1:
        return None
    p = got[0][0]
    return [replace(p, name=p.name + text[k:b], surface=p.surface + text[k:b], end=b)], got[1]


def find_clauses(text: str, jurisdiction: str | None = None) -> list[Clause]:
    """Every responsibility clause in reflowed provision text, in order. Never raises."""
    try:
        text = text or ""
        clauses = _parentheticals(text, jurisdiction)
        clauses += [c for c in _label_lines(text, jurisdiction) if not _overlaps(c, clauses)]
        for a, b in _sentences(text, [(c.start, c.end) for c in clauses]):
            if not MARKER_RE.search(text, a, b):
                continue
            groups = role_groups(text, a, b, strict=True)
            if groups:
                s = min(g.start for g in groups)
                e = max(g.end for g in groups)
                clauses.append(Clause(text[s:e], s, e, _mentions(groups, jurisdiction), _kind(text, s)))
        if not any(c.kind in ("parenthetical", "label_lines") for c in clauses):
            # a paragraph closed by （A牵头，B配合） or label lines assigns its whole task there: kept whole
            clauses += [c for c in _by_action(text, jurisdiction) if not _overlaps(c, clauses)]
        return sorted((c for c in clauses if not _in_footer(text, c)), key=lambda c: c.start)
    except Exception:  # noqa: BLE001 - public API never raises
        return []


def _overlaps(c: Clause, others: list[Clause]) -> bool:
    return any(c.start < o.end and o.start < c.end for o in others)


def role_for_column(header: str) -> str | None:
    """Role of a task-table column: 牵头单位 → lead, 配合单位/协办单位 → co, 责任单位/负责部门 → responsible."""
    h = regex.sub(r"[\s*:：]+", "", header or "")
    if h in _labels():
        return _labels()[h]
    if not regex.search(r"单位|部门|机构|主体", h):
        return None
    for words, role in (
        (r"牵头|主责", "lead"),
        (r"配合|协办|协同|参与", "co"),
        (r"责任|负责|承办|实施|指导", "responsible"),  # 指导部门 of a 推广清单: who answers for the row
    ):
        if regex.search(words, h):
            return role
    return None
