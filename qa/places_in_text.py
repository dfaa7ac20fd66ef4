"""Places as the reports' sentences name them: where an event was held ("在孙中山
纪念堂举办…", "驻…") and names of the kind a question asks for ("哪个网站" → …网).
(Which locality a whole report is about is qa/places.py.)
"""

from __future__ import annotations

import re

import jieba
import jieba.posseg as pseg

from .dates_in_text import DATE
from .tokenize_zh import STOPWORDS, init_dictionary

_PLACE = re.compile(
    r"(?:在|于|赴|到|前往|深入)(?P<p>[^，,。；;：:“”]{2,60}?)[,，]?(?:共|先后|分别|隆重|集中|统一|联合|集体)?"
    # ("在…纪念馆面向党旗宣誓": what the deed faces stands between)
    r"(?:(?:面向|面对|对着)[^，,。；;：:“”]{1,6}?)?"
    r"(?:召开|举办|举行|开展|开办|开班|承办|放映|进行|组织|设立|集中|参观|开幕|接受|学习|考察|调研|培训|瞻仰|缅怀|重温|"
    r"宣誓|慰问|走访|看望|挂职|锻炼|交流|实践|体验|驻村|帮扶|开设|建立|落户|播放|播出|展出|展示|刊登|刊发|主办|上演|演出|展演)"
    # (a verb that begins the venue's own name is no verb: 培训基地, 实践中心, 展示厅)
    r"(?!基地|中心|学校|学院|大楼|大厦|广场|馆|厅|室|园|站|楼|场|所)"
    r"|驻(?:地)?(?:在|于)?(?P<q>[^，,。；;（(]{3,30})"
    # where it was set: "召开…表彰大会，会场设在市民中心报告厅", "…，地点在南充大剧院"
    r"|(?:设在|设于|地点(?:设)?(?:在|为|是))(?P<s>[^，,。；;：:“”（(]{2,30}?)(?=[，,。；;]|$)"
    # a move: "由市行政中心迁至…综合办公楼办公"
    r"|(?:迁至|迁到|迁往|迁入|搬至|搬到|搬往|搬进|搬迁至|搬迁到)(?P<m>[^，,。；;：:“”（(]{2,40}?)(?=(?:办公|工作)?(?:[，,。；;]|$))"
)
_DATE_THEN_AT = re.compile(rf"(?:{DATE.pattern})(?:上午|下午|晚上|晚)?(?:在|于)")
# A long list of venues is answered by its first items: "海南广场、国兴办公区以及…等单位办公区".
_LIST_CUT = re.compile(r"以及|及|和|等")
_LONG_PLACE = 24
# What a place answer ends in: a building, a venue, an address or an administrative unit.
_PLACE_WORD = re.compile(
    r"(堂|馆|校|园|苑|室|厅|楼|场|宫|台|频道|街道|(?<![重特亮难焦优缺要观起终])点|中心|基地|大学|学院|村|乡|镇|区|县|市|省|路|号|街|院|局|部|厂|山|湖|岛|宾馆|酒店|大厦|"
    r"会场|礼堂|广场|公园|剧院|影剧院|党校|会议室|办公区|社区|委|站|所|港|机场|队|城|碑|遗址|故居|旧址|会址|营地|农场|林场)$"
)


# The kind of place a question names ("在哪个网站") and the endings of names of that kind.
_PLACE_KINDS: dict[str, tuple[str, ...]] = {
    "网站": ("网站", "网"), "网": ("网",), "平台": ("平台",), "公园": ("公园",), "广场": ("广场",),
    "学校": ("学校", "学院", "大学", "中学", "小学", "党校"), "医院": ("医院",),
    "高校": ("大学", "学院"), "大学": ("大学",), "党校": ("党校",),
    "宾馆": ("宾馆", "酒店", "饭店"), "酒店": ("酒店", "宾馆", "饭店"),
    "会场": ("会场", "礼堂", "会议室", "会议中心", "大厅"), "会议室": ("会议室",),
    "纪念馆": ("纪念馆",), "展馆": ("馆",), "场馆": ("馆", "剧院", "会堂", "礼堂", "中心", "体育场"), "基地": ("基地",), "杂志": ("杂志",),
    "报纸": ("报",), "刊物": ("刊", "杂志"), "期刊": ("刊", "杂志"), "报刊": ("报", "刊", "杂志"), "城市": ("市",), "村": ("村",), "乡": ("乡",), "镇": ("镇",), "县": ("县",),
    "区": ("区",), "市": ("市",), "省": ("省",), "社区": ("社区",), "陵园": ("陵园",), "景区": ("景区",),
    "片区": ("片区",), "镇区": ("镇区", "镇", "区"),
    # A 结对点 or 联系点 is a village or community, named as one: "到结对点贵港市覃塘区五里镇林村".
    "结对点": ("村", "社区"), "联系点": ("村", "社区"), "帮扶点": ("村", "社区"), "共建点": ("村", "社区"),
    # "跟哪些地方的政协联动": places summed up as "广州、深圳等地".
    "地方": ("地方", "地"), "地区": ("地区", "地"),
}
GENERIC_PLACE_KINDS = {"地方", "地区"}
_PLACE_KIND_Q = re.compile(
    r"(?:哪个|哪一个|什么|哪座|哪所|哪家|哪些|哪几个|哪两个|哪三个|哪本|哪份|哪种)(" + "|".join(sorted(_PLACE_KINDS, key=len, reverse=True)) + ")")
# Words that may stand in a name before its ending: 枣庄/机关/建设/网.
# (and any person-name tag nr*: 张澜/纪念馆 is tagged nrfg/n)
_NAME_PART = ("n", "ns", "nt", "nz", "nr", "vn", "j", "b", "l", "an", "m", "t")  # t: 古今/村


def asks_place_kind(question: str) -> bool:
    """"在哪个村", "哪些县", "什么网站": the question names the kind of place it wants."""
    return _kind_match(question) is not None


def _kind_match(question: str) -> re.Match | None:
    """The question's "哪个村"/"哪些平台", when the kind is a word of its own there
    (not 什么网 in 什么网络知识竞赛)."""
    for m in _PLACE_KIND_Q.finditer(question):
        if m.group(1) in GENERIC_PLACE_KINDS and not re.match(r"哪些|哪几|哪两|哪三", m.group(0)):
            continue  # "在什么地方举办": a venue; "哪些地方": a list of places
        init_dictionary()
        first = jieba.lcut(question[m.start(1):m.start(1) + 8])[0]
        # (or a word the tagger runs into the next: "哪个村开的" -> 村开)
        if first == m.group(1) or first in _PLACE_KINDS or re.match(r"[的开办召举里中上?？,，]|$", question[m.end(1):]):
            return m
    return None


# Kinds whose names are titles: "在《机关党的工作》刊登20余篇" for 哪本杂志.
_TITLED_KINDS = {"杂志", "报纸", "刊物", "期刊", "报刊"}


def titled_names(text: str, kind: str) -> list[tuple[int, int]]:
    """Spans of the titles in text (inside 《》) when the kind asked is written with one."""
    if kind not in _TITLED_KINDS:
        return []
    return [(m.start(1), m.end(1)) for m in re.finditer(r"《([^》]{2,30})》", text)]


def owned_after_kind(question: str) -> str:
    """"哪个村的总支部书记" -> 总支部书记: what the place asked for has, which the
    text names right after the place."""
    kind = _kind_match(question)
    m = re.match(r"的([\u4e00-\u9fff]{2,8})", question[kind.end():]) if kind else None
    return m.group(1) if m else ""


def asked_place_kind(question: str) -> str:
    """The kind of place the question names ("哪些县" -> 县), or ""."""
    kind = _kind_match(question)
    return kind.group(1) if kind else ""


def asked_place_endings(question: str) -> tuple[str, ...]:
    """"在哪个村/网站/公园…" names the kind of place wanted: the endings of names
    of that kind, or () when the question names no kind."""
    kind = asked_place_kind(question)
    return _PLACE_KINDS[kind] if kind else ()


_COUNT = r"[\d一二三四五六七八九十两]+个?"
# Where a list of places starts after a verb of going or being: "每半年到三角、大涌…".
_LIST_LEAD = re.compile(r".*(?:在|于|到|赴|驻|向|对|与|和|同|前往)")


def listed_names(text: str, kind: str) -> list[tuple[int, int]]:
    """The names of a list the text sums up by the kind asked for: "到三角、大涌等8个片区",
    "在今日头条、爱奇艺…等平台", "與南寧、貴港、來賓、崇左四市" -> spans of each name."""
    if not kind:
        return []
    kinds = "|".join(re.escape(k) for k in {kind, *_PLACE_KINDS.get(kind, ())})
    out = []
    for m in re.finditer(rf"(?:等(?:{_COUNT})?|{_COUNT})(?:{kinds})", text):
        start = max(text.rfind(x, 0, m.start()) for x in "，,。；;：:()（）") + 1
        segment = text[start:m.start()]
        if "、" not in segment:
            continue
        lead = _LIST_LEAD.match(segment.split("、")[0])
        pos = start + (lead.end() if lead else 0)
        spans = []
        for item in text[pos:m.start()].split("、"):
            a = pos + len(item) - len(item.lstrip())
            if not 2 <= len(item.strip()) <= 12:
                spans = []
                break
            spans.append((a, pos + len(item.rstrip())))
            pos += len(item) + 1
        out.extend(spans)
    return out


_VISIT_VERBS = {"参观", "瞻仰", "前往", "走进", "来到", "考察", "调研", "访问", "慰问"}


def names_ending(text: str, endings: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of names that end in one of endings, grown leftwards over the nouns before it."""
    init_dictionary()
    toks, pos = [], 0
    for w, flag in pseg.cut(text):
        toks.append((pos, pos + len(w), w, flag))
        pos += len(w)
    out = []
    for i, (a, b, w, _) in enumerate(toks):
        if not w.endswith(endings):
            continue
        j = i
        while j > 0 and b - toks[j - 1][0] <= 16 and toks[j - 1][2] not in STOPWORDS and (
                toks[j - 1][3] in _NAME_PART or toks[j - 1][3].startswith("nr")
                or (toks[j - 1][3] == "a" and len(toks[j - 1][2]) == 1)):
            j -= 1  # a one-character adjective is part of a rare name the tagger splits (广宁/大/良村)
        while j < i and toks[j][2] in _VISIT_VERBS:
            j += 1  # "参观红七军纪念馆": the visit is not part of the name
        start = toks[j][0]
        lead = text[start:b - len(w)]
        if re.fullmatch(_COUNT, lead) or re.search(r"[\d一二三四五六七八九十两]+个$", lead):
            continue  # "四个市", "南宁、…、崇左四个市" count places, they name none
        ending = max(len(e) for e in endings if w.endswith(e))
        # A one-character ending needs a name of two or more before it: 乡村 is no village's name.
        if b - start > ending + (1 if ending == 1 else 0):
            out.append((start, b))
    return out


_TRAILING_VERB = re.compile(r"(办公|工作|召开|举行|举办|开展)$")
# Where a text is published: a journal, paper, column or site ("在…《旗帜》杂志上刊发").
_PUBLICATION = re.compile(r"(?:杂志|期刊|刊物|报|专栏|网站|公众号|客户端)(?:社)?[上中里]?$")


def _looks_like_place(s: str) -> bool:
    s = _TRAILING_VERB.sub("", s.strip().rstrip("。"))
    return bool(_PLACE_WORD.search(s) or _PUBLICATION.search(s)) and not s.startswith(("全", "各", "本", "该"))  # 全区, 本单位: a scope, not a place


def venue_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the places text says something happened at ("在…举办", "驻…"),
    cut to their first items when they list many."""
    found: list[tuple[int, int]] = []
    for m in _PLACE.finditer(text):
        grp = next(g for g in ("p", "q", "m", "s") if m.group(g))
        a, b = m.start(grp), m.end(grp)
        # "于4月20日至22日在井冈山干部学院举办": the date is when, the place follows its 在.
        dated = _DATE_THEN_AT.match(text, a, b)
        if dated and b - dated.end() >= 2:
            a = dated.end()
        tail = _TRAILING_VERB.search(text[a:b])
        b = a + tail.start() if tail else b
        if _PUBLICATION.search(text[a:b]) and text[b - 1] in "上中里":
            b -= 1  # "《旗帜》杂志上": the journal, not its pages
        if b - a > _LONG_PLACE:
            cut = _LIST_CUT.search(text, a + 2, b)
            b = cut.start() if cut else a + _LONG_PLACE
        if _looks_like_place(text[a:b]):
            found.append((a, b))
    return found


def place_endings(kind: str) -> tuple[str, ...]:
    """The endings of names of a kind of place ("场馆" -> 馆, 剧院, …)."""
    return _PLACE_KINDS.get(kind, ())
