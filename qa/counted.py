"""Which thing a figure counts: the rules that tell whether a figure in a clause
counts what the question asks about (the head noun, with the question's
qualifiers) or a part, a union, a target, an earlier level or something else
named beside it.
"""

from __future__ import annotations

import re

import jieba.posseg as pseg

from .evidence import matched, soft_match
from .figures import FIGURE, UNIT_RX
from .query import GENERIC_NOUNS, ORG_WORDS, QueryInfo, is_verb
from .tokenize_zh import STOPWORDS, init_dictionary, words


_RECRUITED = re.compile(r"(?:新发展|发展|吸收|接收|新)")


# What jieba may glue onto a noun from the figure after it ("扶贫产品约300万元" -> 产品约).
_FIGURE_LEADS = {"约", "近", "共", "达", "超", "逾", "计", "共计", "合计", "总计", "累计"}


def head_present(head: tuple[str, ...], clause: str, question: str) -> bool:
    """The counted thing is named in the clause as itself, not as part of another
    thing: 党员 in 发展党员 counts for "发展了多少名党员" (发展 is asked too), but
    党员 in 新党员 does not answer "共有多少名党员"."""
    if matched(head, clause) < 0:
        return False
    # "发展团员71名" counts the members recruited, not all there are.
    if not _RECRUITED.search(question):
        clause = re.sub(_RECRUITED.pattern + "(?:" + "|".join(map(re.escape, head)) + ")", "＿", clause)
    # A phrase of a group that jieba cuts apart (评选出 -> 评选/出) stands as written.
    if any(len(h) >= 3 and h in clause and not any(h in w for w in words(clause)) for h in head):
        return True
    for w in words(clause):
        for h in head:
            if h in w:
                rest = w.replace(h, "", 1)
                if not rest or rest in question or all(ch in question for ch in rest) or rest in _FIGURE_LEADS:
                    return True
                # a one-character verb asked is the spoken form of the report's verb
                # that ends in it: "登了多少篇" is "刊登20余篇"
                if len(h) == 1 and w.endswith(h) and is_verb(h) and is_verb(w):
                    return True
    return False



_QUALIFIER_TAGS = ("a", "b", "n", "nz", "j", "d", "ad", "an")


def _last_word(text: str) -> tuple[str, str]:
    """The last word of text with its part-of-speech tag, or ("", "")."""
    init_dictionary()
    tagged = [(w, f) for w, f in pseg.cut(text) if w.strip()]
    return tagged[-1] if tagged else ("", "")


def unasked_qualifier(head: tuple[str, ...], item: str, question: str) -> bool:
    """Whether the head stands in the item with a qualifier the question doesn't
    have: "援鄂党员167名" or "人均结案541件" for a question about 党员 / 结案."""
    pos = matched(head, item)
    if pos <= 0:
        return False
    before = re.sub(r"[\d.%％]+[^\u4e00-\u9fff]*", " ", item[:pos]).strip()
    w, flag = _last_word(before[-6:])
    return bool(w) and flag in _QUALIFIER_TAGS and w not in question and w not in STOPWORDS


def asked_kinds(q: QueryInfo) -> list[tuple[str, ...]]:
    """The nouns the question writes right onto the counted thing to name a kind of
    it: 知识产权 of "受理的知识产权案件有多少件" (not 纪检监察 of "纪检监察机关结案多少件":
    the words before 机关 say who closed the cases, not what kind)."""
    if q.head < 0:
        return []
    kinds = []
    for k in q.qualifiers:
        term = q.terms[k]
        if k in q.modifiers or len(term[0]) < 2 or ORG_WORDS.fullmatch(term[0]):
            continue
        if not any(term[0] + h in q.norm for h in q.terms[q.head]):
            continue
        tags = [f for w, f in pseg.cut(term[0]) if w.strip()]
        if tags in (["n"], ["nz"]) and term[0] not in _GENERIC_KIND_NOUNS:
            kinds.append(term)
    return kinds


def asked_kind_untold(kinds: list[tuple[str, ...]], sentence: str) -> bool:
    """"受理的知识产权案件有多少件" is not answered by "受理案件总量81878件": the
    figure's sentence never names the kind asked (see asked_kinds), so its figure
    counts them all."""
    return any(matched(term, sentence) < 0 and soft_match(term, sentence) == 0 for term in kinds)


# Nouns that say whose or in what work, not what kind: 机关党员, 工作制度, 系统党员.
_GENERIC_KIND_NOUNS = GENERIC_NOUNS | {"系统", "全市", "全省", "全区"}


def qualifier_in_another_item(group: tuple[str, ...], clause: str, items: list[tuple[int, int]],
                               own: tuple[int, int]) -> bool:
    """"表彰先进基层党组织18个、…、优秀党务工作者12名" does not count 先进工作者:
    the question's qualifier stands in the list only in items that count
    something of their own, never in the figure's item (nor in a lead shared by
    the items, which holds no figure)."""
    if len(items) < 2 or matched(group, clause[own[0]:own[1]]) >= 0:
        return False
    at = [m.start() for p in group for m in re.finditer(re.escape(p), clause)]
    if not at:
        return False
    for pos in at:
        a, b = next(((a, b) for a, b in items if a <= pos < b), own)
        if (a, b) == own or not FIGURE.search(clause[a:b]):
            return False
    return True


def _kinds_written_onto(q: QueryInfo, head: tuple[str, ...], text: str) -> list[str]:
    """For each place text names the head, the noun written onto it there that the
    question lacks (工会 of 优秀工会工作者), or "" where it is named as itself."""
    at = sorted(i for h in head for i in (m.start() for m in re.finditer(re.escape(h), text)))
    out = []
    for pos in at:
        w, flag = _last_word(re.sub(r"[\d.%％]+[^\u4e00-\u9fff]*", " ", text[:pos])[-6:])
        other = (flag[:1] == "n" or flag == "vn") and len(w) >= 2 and w not in q.norm and w not in STOPWORDS
        out.append(w if other else "")
    return out


def another_kind_named(q: QueryInfo, head: tuple[str, ...], clause: str, sentence: str = "") -> bool:
    """"多少名优秀党务工作者" is not answered by "…优秀共产党员681人、优秀工会工作者99人":
    the question writes a noun onto the counted thing (党务 + 工作者), and wherever
    the clause names the thing it writes another noun onto it. Nor is "多少个三星
    党支部" by "评出五星党支部203个、四星党支部271个,另对…13个党支部整顿": the
    sentence tells kinds apart by such nouns and never names the one asked."""
    if q.head < 0 or head != q.terms[q.head]:
        return False
    onto = [q.terms[k] for k in q.head_alts if any(q.terms[k][0] + h in q.norm for h in head)]
    if not onto or any(matched(g, clause) >= 0 for g in onto):
        return False
    kinds = _kinds_written_onto(q, head, clause)
    if kinds and all(kinds):
        return True
    return bool(sentence) and not any(matched(g, sentence) >= 0 for g in onto) and any(
        _kinds_written_onto(q, head, sentence))


_RECAST = re.compile(r"^(?:为|作为|成为|列为|转为)([\u4e00-\u9fff]{2,6})")


def recast_after_head(head: tuple[str, ...], item: str, question: str) -> bool:
    """"确定396名入党积极分子为发展对象": the figure counts what they became
    (发展对象), not the head itself -- unless the question asks about that too."""
    pos = matched(head, item)
    if pos < 0:
        return False
    alt = next(p for p in head if item.find(p) == pos)
    m = _RECAST.match(item[pos + len(alt):])
    return bool(m) and m.group(1)[:2] not in question


def in_parentheses(text: str, pos: int) -> bool:
    opened = max(text.rfind("(", 0, pos), text.rfind("（", 0, pos))
    closed = max(text.rfind(")", 0, pos), text.rfind("）", 0, pos))
    return opened > closed


# A clause that goes on from the one before it counts the thing named there: "…,由原来的11个调整为7个".
CONTINUES = re.compile(r"由|从|其中|共|达|分别|增加|减少|调整|同比|较|比|占")
# A change of level: the figure before it (a) is what it was, the one after it (b) what it is now.
CHANGE = re.compile(r"(?:由|从)(?:原来的|原有的|原|上年的|去年的)?(?P<a>[^，,；;]{1,12}?)(?:调整|增加|减少|提高|降低|上升|下降|扩大|压缩|精简|增长|缩减)(?:为|到|至)(?P<b>[^，,；;]{1,12})")
# Words right before a figure that make it a change, not a level: "增加127名".
DELTA_BEFORE = re.compile(r"(?:增加|增长|提高|上升|减少|下降|降低|多|少|增|减)了?(?:约|近|达)?$")
# A question that asks for the level before a change.
BEFORE_Q = re.compile(r"原来|原有|调整前|之前|此前|以前|原先|上年|去年|上一年|前一年")
# A target is not what was achieved.
TARGET = re.compile(r"目标|力争|计划|预期|要求达到")
_BREAKDOWN = re.compile(r"[（(](?:其中|含|包括|内含)")


def _in_breakdown(text: str, pos: int) -> bool:
    """Inside "(其中援鄂党员167名)": a part of the total before it, not the total."""
    opened = max(text.rfind("(", 0, pos), text.rfind("（", 0, pos))
    return opened >= 0 and in_parentheses(text, pos) and bool(_BREAKDOWN.match(text, opened))


def mask_brackets(text: str, pos: int) -> str:
    """text as seen from pos: inside brackets, only the bracketed part; outside,
    everything but bracketed parts (a head named only in "(其中机关党委119个)" is not
    what the total before it counts)."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(（":
            if depth == 0:
                start = i
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    inside = next(((a, b) for a, b in spans if a < pos < b), None)
    if inside:
        a, b = inside
        return " " * a + text[a:b] + " " * (len(text) - b)
    out = list(text)
    for a, b in spans:
        out[a:b] = " " * (b - a)
    return "".join(out)


def breakdown_unasked(inorm: str, head: tuple[str, ...], pos: int, question: str) -> bool | None:
    """"(其中援鄂党员167名)" for a question about 党员: a part of the total, named by a
    qualifier (援鄂) the question does not have (True). "(其中机关党委119个)" for a
    question about 机关党委 is a part the question names (False). None: not a part,
    or a part named by the head alone."""
    lead = inorm.lstrip()
    if lead.startswith("其中") and not in_parentheses(inorm, pos):
        inside = inorm[inorm.index("其中") + 2:pos + 1]  # "…发展党员236名,其中青年党员158名"
    elif _in_breakdown(inorm, pos):
        opened = max(inorm.rfind("(", 0, pos), inorm.rfind("（", 0, pos))
        inside = _BREAKDOWN.sub("", inorm[opened:pos + 1], count=1)
    else:
        return None  # not a part of a total
    inside = inside.split("、")[-1]  # its own item of the enumeration
    hp = matched(head, inside) if head else -1
    before = inside[:hp] if hp >= 0 else inside
    # (A figure's own unit may open it: "…5人、3名…"; a word such as 处级 is not a unit.)
    rest = re.sub(rf"^[^\u4e00-\u9fff]*[\d.%％]+(?:{UNIT_RX})?", "", before)
    rest = re.sub(r"[\d.%％]+|[^\u4e00-\u9fff]", "", rest)
    if not rest:
        return None
    terms = question.split()
    # (A single character found somewhere in the question says nothing: 处级 split
    # as 处 + 级 is not asked by "…处分…科级干部".)
    return rest not in question and not all(
        (len(w) >= 2 and w in question) or any(t and w.startswith(t) for t in terms)  # 女性 ~ 女
        for w in words(rest) if w not in STOPWORDS)


# Verbs that only say "there are": they don't restrict what is counted.
_EXISTENTIAL = {"有", "是", "为", "达", "达到", "共", "计", "共计", "合计", "共有", "总计", "累计"}


# Verbs of taking part: the figure before them counts those who did.
_TAKING_PART = re.compile(r"参加|参与|参会|到会|出席|观看|收看|听取|报名|受训|参训")
_COMPETING = re.compile(r"比拼|角逐|竞技|同台|登台|亮相|参赛|争夺|逐鹿")


# People named for taking part: that they took part narrows nothing.
_PARTICIPANT = re.compile(r"(?:学员|学生|选手|运动员|参训人员|参赛者|参会人员)$")


def unasked_predicate(head: tuple[str, ...], cnorm: str, m: re.Match, question: str) -> bool:
    """"8117名党员(其中…)参与抗疫一线工作" does not say how many 党员 there are:
    the figure counts the ones who did something the question does not mention."""
    if in_parentheses(cnorm, m.start()):
        close = min([i for i in (cnorm.find(")", m.end()), cnorm.find("）", m.end())) if i >= 0] or [len(cnorm)])
        rest = cnorm[close + 1:]
    else:
        rest = cnorm[m.end():]
        alt = next((p for p in head if 0 <= rest.find(p) <= 2), None)
        if alt is None:
            # The head is not what follows the figure ("发展党员585人"), but a verb may:
            # "组织党员1.97万人参加党课学习" counts those who took part, not all 党员.
            toks = [(w, f) for w, f in pseg.cut(rest[:10]) if w.strip()]
            if not toks or not _TAKING_PART.fullmatch(toks[0][0]):
                return False
            # (those who are counted as taking part, 学员 or 选手, all take part:
            # "分别有学员281名和88名参加")
            if any(_PARTICIPANT.search(h) for h in head):
                return False
            return not any(w in question for w, _ in toks[:3] if len(w) >= 2)
        rest = rest[rest.find(alt) + len(alt):]
    rest = re.sub(r"[（(][^）)]*[）)]", "", rest).strip()
    if not rest or rest[0] in "、，,；;。":
        return False
    init_dictionary()
    # "选派412名干部组成…工作组" for "选派了多少名干部": the verb before the figure,
    # when the question has it, already says which ones are counted.
    lead = [(w, f) for w, f in pseg.cut(cnorm[max(0, m.start() - 6):m.start()]) if w.strip()]
    # (报了 in the question is 报送 in the report: "选手报送89个曲目参赛")
    if lead and len(lead[-1][0]) >= 2 and lead[-1][0] not in _EXISTENTIAL and (
            lead[-1][0] in question or lead[-1][0][0] + "了" in question):
        return False
    # (up to the next people counted: "…举行入党宣誓仪式和300名党员重温…" tells of others)
    rest = re.split(r"(?:和|及|与|以及|[，,；;。、])\s*\d", rest, maxsplit=1)[0]
    toks = [(w, f) for w, f in pseg.cut(rest[:14]) if w.strip()]
    # The predicate may come after a short adverbial: "146名新党员面向党旗进行了
    # 入党宣誓", "到会的…在主会场集中收看", "面向党旗集体宣誓" (面向 tagged a noun).
    vi = next((i for i, (w, f) in enumerate(toks[:4]) if f.startswith("v")), None)
    if vi is None or any(not re.match(r"[npdfr]", f) or w in "、，,；;。" for w, f in toks[:vi]):
        return False
    toks = toks[vi:]
    if toks[0][0] in _EXISTENTIAL or toks[0][0] in STOPWORDS:
        return False
    # The predicate and what follows it: is any of it in the question?
    phrase = [w for w, _ in toks[:3] if len(w) >= 2 or w == toks[0][0]]
    # (competing at a contest is taking part in it: "26支代表队同台比拼" for 参加)
    if _TAKING_PART.search(question) and any(_COMPETING.search(w) for w in phrase):
        return False
    # …or a word further on that the question names ("96名选手报送89个曲目参赛" for 参加…的选手).
    later = [w for w, _ in toks[1:] if len(w) >= 2 and w not in head]
    # The counted thing's own other names say nothing of what it did: 入党 of
    # 新入党 (a name of 新党员) does not ask about "新党员举行入党宣誓".
    for alt in sorted(head, key=len, reverse=True):
        question = question.replace(alt, " ")
    return not any(w in question for w in phrase + later)


def head_phrase(q: QueryInfo) -> str:
    """The counted thing with the words of its phrase, as the question writes it
    ("机关党支部"), or "" when the head stands alone."""
    ks = sorted(set([q.head] + q.head_alts + q.modifiers + q.qualifiers)) if q.head >= 0 else []
    if len(ks) < 2:
        return ""
    text = "".join(next((p for p in q.terms[k] if p in q.norm), q.terms[k][0]) for k in ks)
    return text if text in q.norm else ""


_NOUN_TAGS = ("n", "nr", "ns", "nt", "nz", "ng", "j", "an", "b", "vn")  # vn: 三个活动


def counts_other(head: tuple[str, ...], cnorm: str, m: re.Match, asked: str) -> bool:
    """"120多个厅局党组织与100多个农村、企业…共建点": a figure counts the noun
    phrase after it; when that phrase is not the head, it counts something else
    (unless it is recast as the head: "396名入党积极分子为发展对象")."""
    if not m.group("unit"):
        return False
    rest = cnorm[m.end():m.end() + 16]
    init_dictionary()
    phrase, last_flag = "", ""
    toks = [(w, f) for w, f in pseg.cut(rest)]
    for j, (w, flag) in enumerate(toks):
        if not w.strip() or not (flag in _NOUN_TAGS or flag.startswith("n")):
            break
        # A verbal noun before 为/成 is the verb of a change ("由26个调整为19个"), not a thing.
        if flag == "vn" and j + 1 < len(toks) and (toks[j + 1][1] == "p" or toks[j + 1][0] in ("为", "成")):
            break
        phrase += w
        last_flag = flag
    # The phrase the figure counts runs to the next break or figure: "147名专职和兼职的
    # 纪检监察干部参加" counts 干部 though 专职 comes first.
    # (a figure that describes them, "党龄满50年的老党员", "35岁以下的", starts no other)
    described = re.sub(r"\d+(?:\.\d+)?(?:周?岁|年)(?:以上|以下|以内)?的?", "某", rest)
    reach = re.split(r"[，,；;。、（(\d]", described, maxsplit=1)[0]
    after = rest[len(phrase):]
    # "81个单位的机关党支部全部达标": the figure counts the 单位 whose 党支部 did.
    owner = after.startswith("的") and phrase and not any(p in phrase for p in head) and last_flag.startswith("n")
    if not phrase or (any(p in reach for p in head) and not owner) or any(phrase.endswith(p[-2:]) for p in head):
        return False
    if re.match(r"(?:为|作为|成为|列为|转为)", after) and any(p in after for p in head):
        return False
    return phrase not in asked


def unasked_union(head: tuple[str, ...], item: str, pos: int, asked: str) -> bool:
    """"困难党员和职工186人": the figure counts both together; not an answer for 党员 alone."""
    hp = matched(head, item[:pos])
    if hp < 0:
        return False
    between = item[hp:pos]
    m = re.search(r"(?:和|及|与|以及)([\u4e00-\u9fff]{2,6})$", between)
    return bool(m) and not any(w in asked for w in words(m.group(1)) if len(w) >= 2)


# Verbs that frame a time or a basis, not an action: "截至2020年底", "根据…".
_FRAME_VERBS = {"截至", "截止", "根据", "按照", "依据", "通过", "围绕", "结合", "经过", "以来"}


def question_verbs(q: QueryInfo) -> list[str]:
    """The actions the question names (核实 in "初步核实问题线索多少件"), not the counted thing."""
    init_dictionary()
    out = []
    for k, g in enumerate(q.terms):
        if k == q.head or k in q.quoted or len(g[0]) < 2:
            continue
        tags = [f for _, f in pseg.cut(g[0])]
        if (len(tags) == 1 and tags[0] == "v" and g[0] not in _EXISTENTIAL and g[0] not in _FRAME_VERBS
                and not _CHANGE_VERB.fullmatch(g[0])):
            out.append(g[0])
    return out


def action_asked(q: QueryInfo) -> tuple[str, ...] | None:
    """The verb right before the count ("新建了多少个党总支" -> 新建), as a term,
    or None: an action asked, which a figure of how many there are does not tell."""
    if q.head < 0:
        return None
    init_dictionary()
    for k, g in enumerate(q.terms):
        if k == q.head or k in q.quoted or len(g[0]) < 2 or g[0] in _EXISTENTIAL:
            continue
        # (了 marks a deed whatever the tagger says: it tags 新建 a place)
        if re.search(re.escape(g[0]) + r"了(?:多少|几)", q.norm) or (
                re.search(re.escape(g[0]) + r"(?:多少|几)", q.norm) and all(f.startswith("v") for _, f in pseg.cut(g[0]))):
            return g
    return None


def verbs_before(lead: str) -> list[str]:
    """The content verbs before a figure in its clause ("新制定党建工作制度" -> 制定)."""
    init_dictionary()
    tagged = [(w, f) for w, f in pseg.cut(lead)]
    # (了 marks a deed whatever the tagger says: "78个单位申报了" tags 申报 a noun)
    return [w for k, (w, f) in enumerate(tagged)
            if (f.startswith("v") and f != "vn" or k + 1 < len(tagged) and tagged[k + 1][0] == "了")
            and len(w) >= 2 and w not in _EXISTENTIAL and not _CHANGE_VERB.fullmatch(w)]


# A quantity that is no figure: "新评选一批市级文明机关".
_VAGUE_COUNT = re.compile(r"一批|一大批|大批|若干|一些|一系列|部分")


def told_without_figure(q: QueryInfo, verbs: list[str], sent: str, lo: int, hi: int) -> bool:
    """"新评选了多少个市级文明机关" is not answered by "新评选一批市级文明机关,复查合格
    省、市级文明机关48个": the action asked is told with a quantity that is no figure
    (一批) outside the figure's clause [lo, hi), which tells another action.
    verbs: the question's actions (question_verbs)."""
    if q.head < 0:
        return False
    for v in verbs:
        if v in sent[lo:hi]:
            continue
        for m in re.finditer(re.escape(v) + r"了?(?:" + _VAGUE_COUNT.pattern + ")", sent):
            if not lo <= m.start() < hi and matched(q.terms[q.head], sent[m.end():m.end() + 12]) >= 0:
                return True
    return False


def actions_told_bare(q: QueryInfo, verbs: list[str], text: str) -> set[str]:
    """The question's actions that a text tells straight onto the counted thing with no
    figure in the clause ("正在对接项目" for 对接了几个项目): the report says it was done
    but not how many times, so a figure from a sentence without that action is not its count."""
    if q.head < 0:
        return set()
    out = set()
    for v in verbs:
        for m in re.finditer(re.escape(v) + r"了?", text):
            if matched(q.terms[q.head], text[m.end():m.end() + 8]) != 0:
                continue
            lo = max(text.rfind(x, 0, m.start()) for x in "，,；;。\n") + 1
            his = [j for j in (text.find(x, m.end()) for x in "，,；;。\n") if j >= 0]
            if not FIGURE.search(text[lo:min(his, default=len(text))]):
                out.add(v)
    return out


# Verbs of a change ("由89.1%提高到91.4%"): the before/after rule reads those.
_CHANGE_VERB = re.compile(r"调整|增加|减少|提高|降低|上升|下降|扩大|压缩|精简|增长|缩减|提升")


def continues_without_noun(lead: str, asked: str) -> bool:
    """"修改完善217项", "初步核实231件": the words before the figure are all the
    question's own or function words, so the clause goes on counting the thing
    named in the clause before."""
    init_dictionary()
    toks = [(w, f) for w, f in pseg.cut(lead) if w.strip()]
    # (a time word may lead it: "年底已完成451个")
    return bool(toks) and all(w in asked or f[0] in "dvpcmquxt" for w, f in toks)


def opens_without_subject(clause: str) -> bool:
    """"深入机关、社区和企业宣讲…": the clause opens with a verb (after adverbs and
    time words), so its subject is the one named before it in the sentence."""
    init_dictionary()
    for w, f in pseg.cut(clause.lstrip()):
        if f[:1] in ("d", "t", "c") or not w.strip():
            continue
        return f.startswith("v") and f != "vn"
    return False


# "A和B分别居第9和第6", "受理…821件,结案…,分别…": each value goes with its subject, in order.
_RESPECTIVELY = re.compile(r"分别")
_LIST_SEP = re.compile(r"和|与|及|、|,|，")


def respective_fit(q: QueryInfo, weight, sentence: str, clause_start: int, clause: str,
                   value_starts: list[int], pos: int) -> float:
    """+1 when the figure at ``pos`` (of the clause) is the value that "分别" pairs
    with the subject the question names, -1 when it is paired with another
    subject, 0 when the clause says nothing respective. The subjects are the
    items before 分别 in the clause ("受理案件和结案数分别…"), or else the clauses of
    the sentence before this one, one per value."""
    m = _RESPECTIVELY.search(clause)
    values = [v for v in value_starts if m and v >= m.end()]
    if not m or len(values) < 2 or pos not in values:
        return 0.0
    before = [s for s in re.split(r"[，,；;]", sentence[:clause_start]) if s.strip()]
    # The subjects, most local first: the items before 分别 in its clause, the
    # items of the clause before ("受理市长信箱事项5154项、群众来信67件,办结率分别为…"),
    # or the clauses before, one each.
    options = [clause[:m.start()], before[-1] if before else ""]
    subjects = next((items for items in ([s for s in _LIST_SEP.split(o) if s.strip()] for o in options)
                     if len(items) == len(values)), before[-len(values):])
    if len(subjects) != len(values):
        return 0.0
    scores = [sum(weight(g) for g in q.terms if matched(g, s) >= 0) for s in subjects]
    best = max(scores)
    if best <= 0 or scores.count(best) > 1:
        return 0.0
    return 1.0 if scores[values.index(pos)] == best else -1.0


# Endings of the names of events and bodies a figure is told of (培训班, 座谈会, 大赛).
_EVENT_KIND = re.compile(r"(班|会|赛|课|营|周|节|团|队|组|站)$")


def displaced_by_namesake(q: QueryInfo, sentence: str, clause_start: int) -> bool:
    """"先后举办8期…专题研讨班,带动…举办学习培训班235期,培训…19360人次" does not say
    how many the 研讨班 trained: between the event the question names (told only in
    an earlier clause) and the figure's clause, another event of its kind is named,
    and the figure goes on from that one."""
    clause = sentence[clause_start:]
    for k, g in enumerate(q.terms):
        if k == q.head or not _EVENT_KIND.search(g[0]) or len(g[0]) < 3 or matched(g, clause) >= 0:
            continue
        ends = [at + len(p) for p in g if (at := sentence.rfind(p, 0, clause_start)) >= 0]
        if not ends:
            continue
        kind = g[0][-1]
        between = sentence[max(ends):clause_start]
        if any(len(w) >= 3 and w.endswith(kind) and w not in q.norm for w in words(between)):
            return True
    return False


# Money that is not spent or raised: what the money brought in.
_EARNED = re.compile(r"(收入|效益|产值|利润|税收|营业额|销售额|收益|价值)(?:达到?|为|共|约|超过|逾|近)?$")


def other_money(cnorm: str, m: re.Match, question: str) -> bool:
    """"投入帮扶资金947.6万元,…帮助结对村增加集体经济收入334万元": an amount named as
    income or benefit is not the funds asked about, unless the question names it."""
    e = _EARNED.search(cnorm[max(0, m.start() - 8):m.start()])
    return bool(e) and e.group(1) not in question


# A table row as the extractors write it: its label, then its cells ("政法系统 发展党员94名 转正87名").
_TABLE_ROW = re.compile(r"^\s*((?:19|20)\d{2}\s*年?度?|[^\s\d,，。；;]{2,14}) (?=\S*\d)")  # (a row per year: "2017年 …")
_TOTAL_ROW = re.compile(r"^(合\s*计|总\s*计|小\s*计|总数|全部|全市|全省|共计)$")


_GENERIC_LABEL = {"系统", "单位", "部门", "其他", "机关"}  # label words that name no part by themselves


def other_cell(head: tuple[str, ...], cnorm: str, m: re.Match, question: str) -> bool:
    """"科教文卫系统 发展党员166名 转正155名": in a table row each figure counts what its
    own cell names (the column header written with it); 166 is no count of 转正. A
    bare figure cell (no header written in) is left alone."""
    if not _TABLE_ROW.match(cnorm):
        return False
    lo = cnorm.rfind(" ", 0, m.start()) + 1
    hi = cnorm.find(" ", m.end())
    cell = cnorm[lo:hi if hi >= 0 else len(cnorm)]
    label = cell[:m.start() - lo]
    # (as itself: 党员 of 发展党员38名 is no count of all 党员)
    return bool(re.search(r"[\u4e00-\u9fff]{2}", label)) and not head_present(head, cell, question)


def unasked_row(cnorm: str, question: str) -> bool:
    """"政法系统 发展党员94名": a row of a table counts the part its label names; not
    an answer to a question that names no such part (the 合计 row is the whole)."""
    m = _TABLE_ROW.match(cnorm)
    if not m or _TOTAL_ROW.match(m.group(1)):
        return False
    label = m.group(1)
    return label not in question and not any(w in question for w in words(label) if len(w) >= 2 and w not in _GENERIC_LABEL)


def predicate_terms(q: QueryInfo) -> list[int]:
    """"有多少个单位得了良好等次": the terms said of the counted thing after it (良好,
    等次), taking part aside (参加: reports tell it in many ways). A sentence that
    tells none of them counts the thing for something else ("95个单位列入考核对象")."""
    if q.head < 0:
        return []
    ask = re.search(r"多少|几", q.norm)
    if not ask:
        return []
    at = [q.norm.find(p, ask.end()) for p in q.terms[q.head]]
    at = [i for i in at if i >= 0]
    said = q.norm[min(at) + 1:] if at else ""
    # "给予党纪处分的有多少个单位", "受到表彰的单位有多少个": a clause closed by 的
    # right before the count (or the counted thing) says the same of it.
    rel = re.search(r"([\u4e00-\u9fff]{2,12})的(?:(?:%s))?(?:有|是|共有|一共有)?(?:多少|几)" % _head_pattern(q), q.norm)
    if rel:
        said += " " + rel.group(1)
    if not said.strip():
        return []
    return [k for k in _terms_written_in(q, said)
            if not _TAKING_PART.search(q.terms[k][0]) and k not in q.modifiers + q.head_alts]


def _head_pattern(q: QueryInfo) -> str:
    return "|".join(map(re.escape, q.terms[q.head]))


def _terms_written_in(q: QueryInfo, text: str) -> list[int]:
    """The question's own terms (not the head, not quoted, two characters or more) written in text."""
    return [k for k, g in enumerate(q.terms)
            if k != q.head and k not in q.quoted and len(g[0]) >= 2 and any(p in text for p in g)]


def rate_of_terms(q: QueryInfo) -> list[int]:
    """"入党积极分子培训班合格率是多少": the terms of what the rate is of, written
    right before it. A sentence that tells none of them gives another thing's rate
    ("网上知识测试…合格率98.8%")."""
    if q.head < 0 or not q.terms[q.head][0].endswith("率"):
        return []
    of = re.search(r"([\u4e00-\u9fff]{2,12}?)的?(?:%s)(?:有|是|为)?(?:多少|几)" % _head_pattern(q), q.norm)
    return _terms_written_in(q, of.group(1)) if of else []


def is_noun_phrase(modifier: str, noun: str) -> bool:
    """良好 + 等次 is a kind of 等次; 建设 + 达标 is a deed and its result, no kind."""
    init_dictionary()
    flags = [f for w, f in pseg.lcut(noun, HMM=False)]
    first = [f for w, f in pseg.lcut(modifier, HMM=False)]
    return bool(flags and first) and not any(f.startswith("v") for f in flags) and not first[-1].startswith("v")


_EVENT_NAME = re.compile(r"^.+(?:会|赛|班|仪式|讲座|论坛|活动)$")

# The kinds of event a report names, each written as its family (表彰大会 and
# 表彰会, 竞赛 and 比赛 are one kind, and a 决赛 is part of one; a 运动会 is not a 球赛).
_EVENT_WORD = re.compile(r"运动会|座谈会|报告会|推进会|交流会|观摩会|联欢会|宣讲会|演讲会|表彰大?会|晚会|"
                         r"部署会|动员大?会|评议会|分享会|读书会|"
                         r"仪式|典礼|比赛|竞赛|大赛|联赛|球赛|决赛|初赛|复赛|"
                         r"培训班|研讨班|读书班|轮训班|训练班|研修班|讲座|论坛|展览")
_EVENT_FAMILY = {"竞赛": "比赛", "大赛": "比赛", "联赛": "比赛", "球赛": "比赛", "表彰大会": "表彰会",
                 "决赛": "比赛", "初赛": "比赛", "复赛": "比赛",  # (a round is part of its 比赛)
                 "动员大会": "动员会", "轮训班": "培训班", "训练班": "培训班", "研修班": "培训班", "典礼": "仪式"}


def _event_kinds(text: str) -> set[str]:
    return {_EVENT_FAMILY.get(m.group(0), m.group(0)) for m in _EVENT_WORD.finditer(text)}


_ROUND = re.compile(r"半决赛|决赛|初赛|复赛|预赛")


def act_not_told(q: QueryInfo, part: str) -> bool:
    """"新党员是在哪个纪念馆宣誓的" is not answered by "在…纪念馆举办党支部书记示范
    培训班": the act whose place is asked (宣誓) is not told in the place's part of
    the sentence, which tells an event of a kind the question does not name.
    (A verb of holding or taking part says nothing of what was done.)"""
    acts = [g for g in q.terms if len(g[0]) >= 2 and not _HOLDING.fullmatch(g[0]) and is_verb(g[0])]
    return (bool(acts) and all(matched(g, part) < 0 for g in acts)
            and bool(_event_kinds(part) - _event_kinds(q.norm)))


def only_listed(name: str, text: str) -> bool:
    """"通过举办捐赠书刊、主题党日、“绿色出行日”及文明语手机短信宣传等活动": the
    text names the event only as one item of a list of activities (the 、 before
    or after it, or the 及/和 of a list closed by 等), so what it says next of
    "活动" is said of the whole campaign, not of this item."""
    at = [m.start() for m in re.finditer(re.escape(name), text)]
    if not at:
        return False
    for i in at:
        j = i + len(name)
        a = i - 1 if text[i - 1:i] in "“\"《" else i
        b = j + 1 if text[j:j + 1] in "”\"》" else j
        listed = text[a - 1:a] == "、" or text[b:b + 1] == "、" or (
            text[b:b + 1] in ("及", "和", "与") and "等" in text[b:b + 30])
        if not listed:
            return False
    return True


def another_event_named(question: str, sent: str) -> bool:
    """"职工运动会在哪里举行" is not answered by "职工乒乓球赛在…举行": the sentence
    names an event of another kind, and not the kind the question asks about.
    Nor is the 初赛 asked told by a sentence that names only the 决赛."""
    asked_rounds = set(_ROUND.findall(question))
    told_rounds = set(_ROUND.findall(sent))
    if asked_rounds and told_rounds and not asked_rounds & told_rounds:
        return True
    asked = _event_kinds(question)
    if not asked:
        return False
    told = _event_kinds(sent)
    return not asked & told and bool(told - asked)


PRIZE = re.compile(r"第[一二三四五六七八九十\d]+名|[一二三四五六七八九十\d特]等奖|金奖|银奖|铜奖|冠军|亚军|季军")
_WINNING = re.compile(r"获|得|夺|摘|赢")
# "合唱比赛获一等奖的是…", "合唱比赛哪个代表队获得一等奖": the contest stands before the winner asked.
_WINNING_LEAD = re.compile(r"(?:(?:是)?(?:哪个|哪些|哪支|哪家)(?:代表队|单位|队伍|部门))?(?:获得?|荣获|夺得|摘得|赢得)了?$")
# "…,6个单位获一等奖": the clause before the prize only counts who won it.
_COUNTED_HOLDERS = re.compile(r"(?:^|[，,；;。])(?:共|其中|有)?[\d一二三四五六七八九十百两]+(?:个|支|家|名|位|人)"
                              r"[\u4e00-\u9fff]{0,4}?(?:获得?|荣获|被评为|夺得)?$")
_CONTEST_END = re.compile(r"(?:比赛|竞赛|大赛|赛)$")
_CONTEST_WORD = re.compile(r"比赛|竞赛|大赛")


def prize_not_told(question: str, sent: str) -> bool:
    """"运动会第二名是哪个代表队" is not answered by the team that 获团体总分第一名, nor
    "羽毛球比赛冠军是哪个代表队" by "…获拔河比赛冠军": each prize the question names
    stands in the sentence, and where the sentence ties it to a contest by name,
    to the contest asked. Nor is "获一等奖的是哪些单位" by "6个单位获一等奖": a count
    of the holders names none of them."""
    for m in PRIZE.finditer(question):
        at = [i.start() for i in re.finditer(re.escape(m.group(0)), sent)]
        if not at or all(_COUNTED_HOLDERS.search(sent[:i]) for i in at):
            return True
        lead = _WINNING_LEAD.sub("", question[:m.start()])
        lead = lead[:-1] if lead.endswith("的") else lead
        contest = _CONTEST_END.search(lead)
        # (a sport is often a verb: 拔河, 游泳)
        name = _name_before(lead, contest.start(), verbs=True) if contest else ""
        if not name:
            continue
        tied = []
        for i in at:
            # (else the contest the sentence told last before it: "…知识竞赛,7月12日决赛
            # 在…举行,市委组织部代表队获一等奖")
            c = _CONTEST_END.search(sent[:i]) or next(reversed(list(_CONTEST_WORD.finditer(sent[:i]))), None)
            # ("获得大赛金奖": the contest just told, no other by name)
            name_there = _name_before(sent, c.start(), verbs=True) if c else ""
            tied.append("" if _WINNING.search(name_there) else name_there)
        if all(t and t != name and t not in question for t in tied):
            return True
    return False


def holder_named(sent: str, prize: str) -> bool:
    """"市委组织部代表队获一等奖": the sentence says who won the prize, with a verb of
    winning right before it and no mere count of the winners ("评出一等奖1人",
    "6个单位获一等奖")."""
    if not PRIZE.fullmatch(prize):
        return False
    return any(_WINNING.search(sent[max(0, i.start() - 4):i.start()]) and not _COUNTED_HOLDERS.search(sent[:i.start()])
               for i in re.finditer(re.escape(prize), sent))


_HOLDING = re.compile(r"举办|召开|开展|组织|举行|开办|进行|开设|承办|主办|" + _TAKING_PART.pattern)


def _name_before(text: str, at: int, verbs: bool = False) -> str:
    """The name word written right before position at ("入党积极分子|培训班" -> 入党积极分子),
    or "" when a count, a pronoun or (unless verbs) a verb stands there (举办培训班,
    多少期培训班, 各类…). A verb may name a kind (示范培训班), but holding one does not."""
    w, f = _last_word(text[max(0, at - 6):at])
    if not w:
        return ""
    kind = f[0] == "n" or f in ("vn", "j", "b") or (verbs and f == "v" and not _HOLDING.search(w))
    # (the organisation holding it, "县直机关轮训班", names no kind of it)
    named = kind and len(w) >= 2 and not _EVENT_WORD.fullmatch(w) and not ORG_WORDS.fullmatch(w)
    return w if named and w not in STOPWORDS else ""


# An event as a question may name it: the report's words, or a bare 培训 for its 培训班.
_ASKED_EVENT = re.compile(_EVENT_WORD.pattern + r"|培训(?!班)")


def another_of_the_kind(question: str, part: str) -> bool:
    """"党支部书记示范培训班的结业考试合格率" is not told by "…举办入党积极分子培训班,
    …结业考试合格率98.7%": the figure's part of the sentence names the kind of
    event asked (培训班) only under another name, and not the name asked (示范)."""
    for m in _ASKED_EVENT.finditer(question):
        name = _name_before(question, m.start(), verbs=True)
        if not name or name in part:
            continue
        word = "培训班" if m.group(0) == "培训" else m.group(0)  # "新任党支部书记培训的合格率"
        at = [i for i in range(len(part)) if part.startswith(word, i)]
        # (a verb may name the kind there too: "党支部书记示范培训班" beside 入党积极分子培训班)
        # (a bare mention, "全年举办各类培训班14期", names no kind, so no other one)
        others = [o for o in (_name_before(part, i, verbs=True) for i in at) if o]
        if others and all(o not in question for o in others):
            return True
    return False


def event_not_told(q: QueryInfo, sent: str, previous: str) -> bool:
    """"…表彰大会大概有多少人参加": those who took part are counted at the event
    the question names, so that event is told in the figure's sentence or the one
    before; "…职工运动会…614名运动员参赛" counts another event's."""
    # (the head takes part, or the question says so after its count: "…有多少名
    # 党员参加"; "出席…党代会的正式代表多少人" names whom a body sends, no event held)
    ask = re.search(r"多少|几", q.norm)
    took_part = _TAKING_PART.search(q.norm, ask.end()) if ask else None
    # (with no head, people are counted by what they took part in, named after the
    # verb: "有多少人参加了廉政知识考核" is told of a 考核, its last word; not
    # "多少名出席…党代会的正式代表", a relative clause on whom a body sends)
    object_asked = q.head < 0 and took_part and "的" not in q.norm[took_part.end():]
    if not object_asked and (q.head < 0 or not (took_part or _TAKING_PART.search(" ".join(q.terms[q.head])))):
        return False
    events = [g for g in q.terms if _EVENT_NAME.match(g[0])]
    if object_asked:
        events += [g for g in q.terms if len(g[0]) >= 2 and not _TAKING_PART.search(g[0])
                   and q.norm.find(g[0], took_part.end()) >= 0][-1:]
    # (what the question is about, right before its count: "网上知识测试有多少人参加")
    # ("新党员宣誓一共多少人参加": 一共 asks too)
    topic = re.search(r"([\u4e00-\u9fff]{2,}?)(?:(?:一共|总共|共计|共)?有|一共|总共|共计)?(?:多少|几)", q.norm)
    if topic and re.fullmatch(r"(?:一共|总共|共计|合计|共|总)有?", topic.group(1)):
        topic = None  # "…活动，共有多少个单位参加": 共有 asks, it is no event
    events += [g for g in q.terms if topic and len(g[0]) >= 2 and (q.head < 0 or g is not q.terms[q.head])
               and topic.group(1).endswith(g[0]) and not _TAKING_PART.search(g[0])]
    # (the name written onto a bare 活动 or 培训: "主题党日活动有多少名党员参加" names
    # 主题党日, "网络直播培训有多少人次参加" names 直播)
    events += [g for g in q.terms if len(g[0]) >= 2 and not _EVENT_NAME.match(g[0])
               and re.search(re.escape(g[0]) + r"(?:的)?(?:活动|培训(?!班))", q.norm)]
    # (a quoted name the question gives an event by: “学习党纪条规服务科学发展”网络知识竞赛)
    events += [q.terms[k] for k in q.quoted if re.match(r"[”\"」』]?[\u4e00-\u9fff]{0,6}?(?:会|赛|班|仪式|讲座|论坛|活动)",
                                                          q.norm[q.norm.find(q.terms[k][0]) + len(q.terms[k][0]):])]
    if any(matched(g, sent) < 0 and matched(g, previous) < 0 for g in events):
        return True
    # (the event told in the sentence before does not hold when this one names
    # another: "…举行活动启动仪式。…66名党员干部参加主题演讲比赛")
    return another_event_named(q.norm, sent)
