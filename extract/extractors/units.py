"""Responsible units: split a printed unit list, distribute shared prefixes and suffixes, resolve names.

`parse_units` reads one responsibility clause (`市残联、人社局牵头，市委组织部…按照职能分工负责`)
into UnitMentions with roles; `canonical_unit` resolves one name against the registry in
extract/data/units.yaml (盟市场监管局 + 兴安盟 → 兴安盟市场监督管理局); `jurisdiction_of` reads the
place an issuer governs. The clause grammar (markers, roles) lives in roles.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml
from extract.model import UnitMention

GENERIC_ENDINGS = ("部门", "组织", "机关", "系统", "机构")  # 教育部门负责… names every level's body
COLLECTIVE_ENDINGS = ("各地", "各级", "）", ")", "城市", "地区", "省份")  # besides unit suffixes: 各社区（嘎查）, 试点城市
# An item label before a duty line's subject: `3.产业园运营机构负责…`, `（2）`, `一、`, `**`.
ENUM_RE = regex.compile(
    r"""^(?:
          \d{1,3}\s*[.．、](?!\d)              # 3.产业园运营机构负责提出…
        | [（(][一二三四五六七八九十\d]{1,3}[）)]   # （2）发展改革部门负责…
        | [一二三四五六七八九十]{1,3}、          # 一、
        | (?:第[一二三四五六七八九十百零〇\d]{1,5}章\s*\p{Han}{0,12}?\s*)?第[一二三四五六七八九十百零〇\d]{1,5}条\s*
                                              # 第四条市建设行政主管部门负责… / 第七章安全保障第三十八条数据提供部门负责…
        | [#>]+                               # ### (markdown heading marks)
    )""",
    regex.VERBOSE,
)
# A unit printed with its alternative in brackets: 镇人民政府（街道办事处）, 区残联（区残工委）.
ALTERNATIVE_RE = regex.compile(r"(?P<x>[^（(]{2,})[（(](?P<y>[^（()）]{2,})[）)]")
PLACE_ENDINGS = ("苏木", "街道", "嘎查", "社区", "乡", "镇", "旗", "县")  # 格苏木: a place, takes no prefix


def _alt(words: object) -> str:
    """A regex alternation of `words`, longest first (so 等有关部门 is tried before 等)."""
    items = sorted({str(w) for w in (words or [])}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in items) or "(?!)"


@dataclass(frozen=True)
class Entry:
    """One registry body: its canonical name, provincial name, field and kind."""

    canonical: str
    kind: str
    function: str | None = None
    provincial: str | None = None
    no_prefix: bool = False


@dataclass(frozen=True)
class Piece:
    """One unit of a printed list: `name` with prefix/suffix distributed, `surface` as printed."""

    name: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class _Registry:
    """Lookup tables and patterns built once from units.yaml."""

    alias: dict[str, tuple[Entry, bool]]  # printed alias → (entry, is the provincial form)
    levels: dict[str, str]
    stems: frozenset[str]  # 教育, 发展改革, 住建 … (aliases without 局/部门) for 发展改革、教育部门
    collective_re: regex.Pattern
    vague_re: regex.Pattern
    level_run_re: regex.Pattern
    suffix_re: regex.Pattern
    not_unit_re: regex.Pattern
    toponym_re: regex.Pattern
    lead_in_re: regex.Pattern
    filler_re: regex.Pattern
    rewrites: tuple[tuple[regex.Pattern, str], ...]
    not_prefix_starts: tuple[str, ...]
    national_starts: tuple[str, ...]
    pronouns: tuple[str, ...]
    national: frozenset[str]
    not_in_unit_re: regex.Pattern
    organ_re: regex.Pattern
    vocab: dict


def _entries(v: dict) -> dict[str, tuple[Entry, bool]]:
    """alias → (Entry, provincial?) for every printed form of every registry body."""
    out: dict[str, tuple[Entry, bool]] = {}
    for u in v["units"]:
        e = Entry(u["canonical"], u["kind"], u.get("function"), u.get("provincial"), bool(u.get("no_prefix")))
        for a in [u["canonical"], *(u.get("aliases") or [])]:
            out[str(a)] = (e, False)
        for a in [*([u["provincial"]] if u.get("provincial") else []), *(u.get("provincial_aliases") or [])]:
            out[str(a)] = (e, True)
    return out


def _stems(aliases: dict[str, tuple[Entry, bool]]) -> frozenset[str]:
    """Field stems printed before a shared 部门: 发展改革部门 → 发展改革, 住建局 → 住建."""
    ends = regex.compile(r"(?:委员会|办公室|部门|局|厅|委|办)$")
    return frozenset(s for a in aliases if len(s := ends.sub("", a)) >= 2 and s != a)


@cache
def _reg() -> _Registry:
    """Build the registry and patterns from units.yaml once per process."""
    v = load_yaml("units.yaml")
    alias = _entries(v)
    levels = {str(k): str(x) for k, x in v["levels"].items()}
    level_alt = _alt([w for w in levels if w not in ("直辖市", "市辖区")] + ["地区", "自治县", "自治旗"])
    # A place name: 兴安盟, 包头市东河区, 内蒙古自治区 (a chain of names each ending in a level word).
    toponym = rf"(?:[\p{{Han}}]{{1,10}}?(?:{level_alt}))+"
    return _Registry(
        alias=alias,
        levels=levels,
        stems=_stems(alias),
        collective_re=regex.compile("|".join(f"(?:{p})" for p in v["collectives"])),
        vague_re=regex.compile("|".join(f"(?:{p})" for p in v["vague"])),
        level_run_re=regex.compile(v["level_run"]),
        suffix_re=regex.compile(rf"(?:{_alt(v['unit_suffixes'])})$"),
        not_unit_re=regex.compile(rf"(?:{_alt(v['not_unit_endings'])})$"),
        toponym_re=regex.compile(toponym),
        lead_in_re=regex.compile(rf"^(?:{_alt(v['lead_ins'])})"),
        filler_re=regex.compile(rf"(?:{_alt(v['fillers'])})$"),
        rewrites=tuple((regex.compile(r["pattern"]), r["body"]) for r in v["rewrites"]),
        not_prefix_starts=tuple(v["not_prefix_starts"]),
        national_starts=tuple(v["national_starts"]),
        pronouns=tuple(v["pronoun_starts"]),
        national=frozenset(v["national"]),
        not_in_unit_re=regex.compile(_alt(v["not_in_unit"])),
        organ_re=regex.compile(rf"(?:{_alt(v['issuer_organs'])})$"),
        vocab=v,
    )


# ---------------------------------------------------------------- one name


def _clean(name: str) -> str:
    """Drop spaces, markdown stars and a quoted brand (市农牧水务局“乡村振兴局” → 市农牧水务局)."""
    n = regex.sub(r"[\s*]+|[（(](?:以下)?简称[^）)]*[）)]", "", name)
    bare = regex.sub(r"[“\"][^”\"]*[”\"]", "", n)
    return bare or n


def is_collective(name: str) -> bool:
    """True for names that stand for many bodies: 各旗县市政府, 各成员单位, 盟直有关部门."""
    return bool(_reg().collective_re.fullmatch(_clean(name)))


def _is_prefix(p: str) -> bool:
    """True when `p` is a jurisdiction prefix: a level word (盟, 市, 自治区) or a place (兴安盟)."""
    r = _reg()
    return p in r.levels or bool(r.toponym_re.fullmatch(p))


def split_name(name: str) -> tuple[str, str, Entry | None, bool]:
    """(prefix, body, entry, provincial) for one name: 盟市场监管局 → (盟, 市场监管局, 市场监督管理局…)."""
    r = _reg()
    n = _clean(name)
    for pat, body in r.rewrites:  # 团市委 → 市 + 团委
        if m := pat.fullmatch(n):
            e, prov = r.alias.get(body, (None, False))
            return m.group("prefix"), body, e, prov
    for i in range(len(n) - 1):  # the longest registry alias that ends the name, after a real prefix
        if (hit := r.alias.get(n[i:])) and (i == 0 or _is_prefix(n[:i])):
            return n[:i], n[i:], hit[0], hit[1]
    for a, (e, prov) in ((a, hit) for a, hit in r.alias.items() if hit[0].no_prefix):
        if n.startswith(a):  # 人民银行兴安盟中心支行 → 中国人民银行兴安盟中心支行
            return "", e.canonical + n[len(a) :], e, prov
    if not n.startswith(r.not_prefix_starts):
        for w in sorted(r.levels, key=len, reverse=True):  # 市物业管理… → 市 + 物业管理…
            if n.startswith(w) and len(n) - len(w) >= 2:
                return w, n[len(w) :], None, False
    return "", n, None, False


# A verb of not_in_unit that ends the name with a generic noun is a role noun, part of the name:
# 数据提供部门, 项目实施单位 (but 牵头单位 / 负责部门 / 配合单位 are clause labels, not names).
ROLE_NOUN_RE = regex.compile(r"(?<!牵头|负责|配合)(?:部门|单位|机构)$")


def _has_verb(n: str) -> bool:
    """True when a not_in_unit word (开展, 落实, 提供…) sits in `n` other than just before its 部门/单位 ending."""
    for m in _reg().not_in_unit_re.finditer(n):
        if not (ROLE_NOUN_RE.match(n, m.end()) and m.end() + 2 == len(n) and m.start() > 0):
            return True
    return False


def looks_like_unit(name: str, strict: bool = True) -> bool:
    """True when `name` reads as an organisation (ends in 局 委 办 部门 政府 单位 机构 … or is registered).

    Strict mode (free text) also refuses names holding 的, digits or a pronoun (我部, 本单位).
    """
    r = _reg()
    n = _clean(name)
    if not n or len(n) > (25 if strict else 30) or not regex.search(r"\p{Han}", n):
        return False
    if strict and (regex.search(r"[的\d０-９]", n) or n.startswith(r.pronouns)):
        return False
    if _has_verb(n) or r.vague_re.fullmatch(n):
        return False  # 有关部门, 其他有关部门: vague objects are never units
    if (m := ALTERNATIVE_RE.fullmatch(n)) and looks_like_unit(m["x"], strict) and looks_like_unit(m["y"], strict):
        return True  # 镇人民政府（街道办事处）: a unit with its bracketed alternative
    if r.collective_re.fullmatch(n):
        return n.endswith(COLLECTIVE_ENDINGS) or (bool(r.suffix_re.search(n)) and not r.not_unit_re.search(n))
    prefix, body, entry, _ = split_name(n)
    if entry is not None or any(p.fullmatch(n) for p, _ in r.rewrites):
        return True
    return len(n) >= 3 and bool(r.suffix_re.search(n)) and not r.not_unit_re.search(n)


def level_of(prefix: str) -> str | None:
    """The government level a prefix or place names: 盟 → 盟市, 东河区 → 旗县区, 内蒙古自治区 → 省级."""
    levels = _reg().levels
    for w in sorted(levels, key=len, reverse=True):
        if prefix.endswith(w):
            return levels[w]
    return "盟市" if prefix.endswith("地区") else None


def _kind_of(body: str) -> str:
    """Kind of an unregistered body from its ending (党组 → party, 公司 → enterprise …)."""
    if body.endswith(("党组", "党委", "党支部", "工委", "纪委")):
        return "party"
    if body.endswith(("政府", "公署", *PLACE_ENDINGS)):
        return "government"
    if body.endswith(("银行", "分行", "支行", "公司", "集团")):
        return "enterprise"
    if body.endswith(("协会", "联合会", "商会", "工会", "残联", "妇联")):
        return "people_org"
    return "agency"


def _collective_canonical(n: str) -> tuple[str, str | None, str | None]:
    """A collective keeps its text, 政府 spelled 人民政府 (各旗县市政府 → 各旗县市人民政府)."""
    canon = regex.sub(r"(?<!人民)政府", "人民政府", n)
    m = regex.search(r"自治区|盟市|旗县|苏木|乡镇|盟|省|旗|县|州|市|区", n)
    return canon, (level_of(m.group()) if m else None), "collective"


def _body_canonical(body: str, entry: Entry | None, prov: bool, level: str | None) -> str:
    """The body's canonical: registry name, provincial form at 省级, 教育部门 for generic mentions."""
    if entry is None:
        return body
    if body.endswith(GENERIC_ENDINGS) and entry.kind == "agency" and entry.function:
        return f"{entry.function}部门"
    if body.startswith(entry.canonical) and body != entry.canonical:
        return body  # 中国人民银行兴安盟中心支行: a branch keeps its own name
    if (prov or (level == "省级" and entry.kind != "party")) and entry.provincial:  # 省委组织部 ≠ 党委组织部
        return entry.provincial
    return entry.canonical


def canonical_unit(name: str, jurisdiction: str | None = None) -> tuple[str, str | None, str | None]:
    """(canonical, level, kind) of one printed name; the prefix 盟/市/区 becomes `jurisdiction` when it fits.

    Never raises: an unreadable name comes back as itself with no level or kind.
    """
    try:
        return _canonical(name, jurisdiction)
    except Exception:  # noqa: BLE001 - public API never raises
        return name, None, None


def _canonical(name: str, jurisdiction: str | None) -> tuple[str, str | None, str | None]:
    n = _clean(name)
    if not n:
        return name, None, None
    if n in _reg().national or n.startswith(("国家", "国务院")):
        return n, "国家", _kind_of(n)
    if is_collective(n):
        return _collective_canonical(n)
    prefix, body, entry, prov = split_name(n)
    generic = body.endswith(GENERIC_ENDINGS) and not prefix
    kind = entry.kind if entry else _kind_of(body)
    jur = jurisdiction or ""
    if prefix and jur and prefix in _reg().levels and jur.endswith(prefix):
        prefix = jur  # 盟 + 兴安盟 → 兴安盟
    elif not prefix and jur and not generic and kind != "enterprise" and not (entry and entry.no_prefix):
        if not body.endswith(PLACE_ENDINGS) and not n.startswith(_reg().national_starts):
            prefix = jur  # 民政厅负责… in a 内蒙古自治区 document → 内蒙古自治区民政厅
    level = level_of(prefix) if prefix else (level_of(body) if body.endswith(PLACE_ENDINGS) else None)
    return prefix + _body_canonical(body, entry, prov, level), level, kind


def jurisdiction_of(issuer: str) -> str | None:
    """The place an issuer governs: 兴安盟行政公署办公室 → 兴安盟, 包头市东河区人民政府办公室 → 东河区."""
    try:
        r = _reg()
        s = regex.sub(r"^(?:中共|中国共产党)", "", _clean(issuer or ""))
        prefix, _, entry, _ = split_name(s)
        if entry is not None and prefix:
            s = prefix  # 内蒙古自治区民政厅 → 内蒙古自治区
        s = r.organ_re.sub("", s)
        places = r.toponym_re.fullmatch(s)
        if not places:
            return None
        parts = regex.findall(r"[\p{Han}]{1,10}?(?:自治区|自治州|自治县|自治旗|地区|省|市|盟|县|旗|区)", s)
        last = parts[-1] if parts else s
        return None if last in r.levels else last
    except Exception:  # noqa: BLE001 - public API never raises
        return None


# ---------------------------------------------------------------- a printed list


def _filler_ok(rest: str, filler: str) -> bool:
    """Whether to drop `filler` from the end: 区残联相关部门 → 区残联, but 各相关部门 stays whole."""
    if not rest:
        return False
    if "部门" not in filler and "单位" not in filler:
        return True
    items = regex.split(r"[、，,]", rest)
    last = items[-1]
    if looks_like_unit(last, strict=False) or last in _reg().stems:
        return True
    return bool(SECTOR_RE.fullmatch(last)) and sum(map(_is_stem, items)) >= 2  # 税务、审计、价格等有关职能部门


def trim_list(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Narrow [start, end) to the unit list: drop lead-ins (由, 从而形成) and fillers (等部门, 要积极).

    Returns (start, end, shared) where `shared` is a generic suffix a filler carried (等相关部门 → 部门).
    """
    r = _reg()
    shared = ""
    while start < end:
        seg = text[start:end]
        stripped = seg.strip(" \t\u3000*:：")
        if stripped != seg:
            start += seg.index(stripped[0]) if stripped else len(seg)
            end = start + len(stripped)
            continue
        if (m := r.filler_re.search(seg)) and _filler_ok(seg[: m.start()], m.group()):
            if "部门" in m.group() or "单位" in m.group():
                shared = shared or ("部门" if "部门" in m.group() else "单位")
            end -= len(m.group())
            continue
        if m := ENUM_RE.match(seg):
            start += len(m.group())
            continue
        if m := r.lead_in_re.search(seg):
            first = regex.split(r"[、，,]", seg)[0]
            if len(seg) - len(m.group()) >= 2 and split_name(first)[2] is None:
                start += len(m.group())
                continue
        break
    return start, end, shared


def _raw_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) on 、，,/ and on 和 及 与 以及 或(者) after a complete unit; keep 旗、县、区 runs whole."""
    r = _reg()
    protected = [(m.start(), m.end()) for m in r.level_run_re.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    i, s, depth = start, start, 0
    while i < end:
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        inside = depth > 0 or any(a <= i < b for a, b in protected)
        joiner = next((w for w in ("以及", "或者", "和", "及", "与", "或") if text.startswith(w, i)), None)
        if not inside and ch in "、，,/;；":
            out.append((s, i))
            s = i + 1
        elif not inside and joiner and i > s and not text.startswith(("及以上", "及以下"), i):
            j = i + len(joiner)
            run_end = next((b for a, b in protected if a == j), j)  # 和省、市、自治区计委: the run is one item
            right = text[j:run_end] + regex.split(r"[、，,/;；]", text[run_end:end])[0]
            group_body = _clean(right).endswith("组")  # 行业协会商会与行政机关脱钩联合工作组: one name
            # 商务部、发展改革委等和各有关省级人民政府负责: the list before 等 ends at 等
            left_end = i - 1 if text[s:i].endswith("等") and i - 1 > s else i
            if (
                looks_like_unit(text[s:left_end], strict=False)
                and looks_like_unit(right, strict=False)
                and not group_body
            ):
                out.append((s, left_end))
                s = i + len(joiner)
                i = s
                continue
        i += 1
    out.append((s, end))
    return out


def _strip_piece(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, markdown stars and stray punctuation around one list item."""
    while a < b and text[a] in " \t\u3000*。.—-":
        a += 1
    while b > a and text[b - 1] in " \t\u3000*。.—-":
        b -= 1
    return a, b


def _may_take_prefix(name: str) -> bool:
    """Whether a bare name takes the list's shared prefix (not 各…, banks, places, 中国…)."""
    r = _reg()
    n = _clean(name)
    if is_collective(n) or n.startswith(r.national_starts) or n.endswith(PLACE_ENDINGS) or "的" in n:
        return False
    _, body, entry, _ = split_name(n)
    return not (entry and entry.no_prefix) and _kind_of(body) != "enterprise"


def _names_prefix(name: str, prefix: str) -> bool:
    """`市政务服务管理办` already names its 市 (市 + 政务服务管理办); `市场监督管理局` does not (市场…)."""
    if not name.startswith(prefix) or name in _reg().alias:
        return False
    return looks_like_unit(name[len(prefix) :])


def _is_stem(s: str) -> bool:
    """A bare field stem, with or without its prefix: 财政, 市发展改革, 各级发展改革 (of 市发展改革、财政等相关部门)."""
    stems = _reg().stems
    s = s.removeprefix(ALL_LEVELS)
    if s in stems:
        return True
    prefix, body, _, _ = split_name(s)
    return bool(prefix) and body in stems


def is_stem_list(s: str) -> bool:
    """True for bare field stems awaiting their ending after a comma: 自治区民政、财政 (，税务…等部门)."""
    items = regex.split(r"[、]", s)
    return len(items) >= 2 and all(_is_stem(i) for i in items)


ALL_LEVELS = "各级"  # 各级发展改革、财政部门: a prefix shared by the bare sector names after it
# A bare sector name in running text: 2–6 characters, e.g. 房管, 规划, 国土资源 (of 市…、房管、规划等相关部门).
SECTOR_RE = regex.compile(r"\p{Han}{2,6}")
# The last sector of a list with 等 before the shared ending: 网信、公安、通信管理等主管部门.
# 审计等政府相关职能部门 → 审计部门 too.
SECTOR_DENG_RE = regex.compile(r"(?P<x>\p{Han}{2,6}?)等(?:政府)?(?:有关|相关)?(?:职能)?(?P<end>主管部门|部门|单位|机构)")


def _spread_suffix(items: list[str], ok: list[bool], strict: bool, shared: str) -> list[str]:
    """The generic ending each bare field name takes from the list (发展改革、教育、公安部门 → …部门).

    Besides registered stems (财政, 发展改革), a run of bare sector names takes the ending when most
    of it is registered stems (市发展改革、财政、规划、房管、统计等相关部门: 规划, 房管 too); loose
    (non-strict) lists accept any short name. Sets ok[k] for the names that take one.
    """
    suffix = [""] * len(items)

    def sector(s: str) -> bool:
        return bool(SECTOR_RE.fullmatch(s.removeprefix(ALL_LEVELS))) and not _has_verb(s)

    def give(run: list[int], gen: str) -> None:
        known = sum(_is_stem(items[j]) for j in run)
        for j in run:
            if _is_stem(items[j]) or not strict or (known >= 2 and 2 * known >= len(run)):
                suffix[j], ok[j] = gen, True

    run: list[int] = []
    for k, s in enumerate(items):
        if not ok[k] and (_is_stem(s) or (strict and sector(s)) or (not strict and len(s) <= 10 and regex.fullmatch(r"\p{Han}+", s))):
            run.append(k)
        elif ok[k] and s.endswith(GENERIC_ENDINGS) and run:
            give(run, next(g for g in GENERIC_ENDINGS if s.endswith(g)))
            run = []
        else:
            run = []
    if run and shared:
        give(run, shared)
    return suffix


def _is_body(name: str) -> bool:
    """A government body of some place: registered (民政厅) or a field stem's office (气象主管部门),
    not a role noun (专区监管部门, 数据提供部门, 运营单位)."""
    _, body, entry, _ = split_name(name)
    return entry is not None or any(body.startswith(s) for s in _reg().stems)


def split_list(
    text: str, start: int, end: int, strict: bool = True, carry: str = ""
) -> tuple[list[Piece], str] | None:
    """Read text[start:end] as a unit list; None if (strict) any item is no unit.

    Distributes a shared suffix (发展改革、教育、公安部门 → …部门) and a shared jurisdiction
    prefix (盟市场监管局、农牧局 → 盟农牧局; a name with its own prefix keeps it). `carry` is the
    prefix in force from earlier in the clause; the prefix in force after the list is returned.
    The prefix goes to government bodies and bare sector names, not to role nouns:
    北京市经济和信息化局会同专区监管部门 → 专区监管部门, but 自治区党委组织部会同民政厅 → 自治区民政厅.
    """
    start, end, shared = trim_list(text, start, end)
    spans = [_strip_piece(text, a, b) for a, b in _raw_pieces(text, start, end)]
    spans = [(a, b) for a, b in spans if b > a]
    if not spans:
        return None
    ok = [looks_like_unit(text[a:b], strict) for a, b in spans]
    suffix = _spread_suffix([text[a:b] for a, b in spans], ok, strict, shared)
    if strict and not all(ok):
        return None
    pieces: list[Piece] = []
    outer = carry
    for k, (a, b) in enumerate(spans):
        if not ok[k]:
            continue
        surface = text[a:b]
        name = _clean(surface) if "“" not in surface else regex.sub(r"[\s*]+", "", surface)
        name += suffix[k]
        sector = bool(suffix[k]) or bool(k and suffix[k - 1])  # …、卫生健康、社会组织管理部门: the donor too
        if (m := SECTOR_DENG_RE.fullmatch(name)) and (_is_stem(m.group("x")) or (k and suffix[k - 1])):
            name, sector = m.group("x") + m.group("end"), True  # …、保密、通信管理等主管部门 → 通信管理主管部门
        prefix = split_name(name)[0]
        if prefix and _is_prefix(prefix):
            carry = prefix
        elif suffix[k] and name.startswith(ALL_LEVELS):
            carry = ALL_LEVELS  # 各级发展改革、财政部门 → 各级财政部门 (within this list only)
        elif carry and _may_take_prefix(name) and not _names_prefix(name, carry) and (sector or _is_body(name)):
            name = carry + name
        pieces += [Piece(n, surface, a, b) for n in _distribute_levels(name)]
    return (pieces, outer if carry == ALL_LEVELS else carry) if pieces else None


# One level word of a printed run, with its bracketed alternatives: 州 / 县（市） / 旗县（市、区）.
LEVEL_ITEM_RE = regex.compile(r"(?:盟市|旗县|苏木|自治区|省|州|盟|市|区|县|旗|乡|镇)+(?:[（(][^）)]*[）)])?")


def _distribute_levels(name: str) -> list[str]:
    """A run of level words before one body is one name per level, as a reader distributes a shared
    suffix (CONVENTIONS): 州、县（市）数据资源主管部门 → 州…, 县（市）…; 旗、县、区人民政府 → three.
    A set named as such stays whole: 市、区两级政府, 各旗县市人民政府 (no 、)."""
    m = _reg().level_run_re.match(name)
    if not m or m.group().startswith("各"):
        return [name]
    items = regex.split(r"[、，](?![^（(]*[）)])", m.group())  # not the 、 inside 旗县（市、区）
    body = name[m.end() :]
    if len(items) < 2 or len(body) < 2 or body.startswith(("两级", "三级", "各级", "级")):
        return [name]
    if not all(LEVEL_ITEM_RE.fullmatch(i) for i in items):
        return [name]
    return [i + body for i in items]


def mention(p: Piece, role: str, jurisdiction: str | None, shift: int = 0) -> UnitMention:
    """A UnitMention for one list piece, resolved against the registry."""
    canon, level, kind = canonical_unit(p.name, jurisdiction)
    return UnitMention(p.name, role, p.surface, canon, level, kind, p.start + shift, p.end + shift)  # type: ignore[arg-type]


def parse_units(clause: str, jurisdiction: str | None = None) -> list[UnitMention]:
    """The units a responsibility clause names, with roles, offsets into `clause` and canonical names.

    `（市残联、人社局牵头，市委组织部、财政局…按照职能分工负责）` → 市残联 lead, 市人社局 lead,
    市委组织部 co, 市财政局 co …; a bare list (`盟市场监管局、农牧局`) is all `responsible`.
    Never raises; [] when the text names no unit.
    """
    try:
        from extract.extractors.roles import role_groups  # roles imports this module

        return [
            mention(p, g.role, jurisdiction)
            for g in role_groups(clause or "", strict=False, bare_role="responsible")
            for p in g.pieces
        ]
    except Exception:  # noqa: BLE001 - public API never raises
        return []
