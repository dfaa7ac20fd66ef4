"""The extractive answerer: picks the exact figure, date, place or sentences
that answer a question from retrieved passages, or refuses.

No language model: every answer is a span of a cited passage, so a figure can
only be one that the report states, and when no passage supports the
question's terms the answer is a refusal rather than the nearest number.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .places import place_label
from .query import _ORG_WORDS, QueryInfo
from .textnorm import CN_NUMERAL_CHARS, chinese_numeral_value
import jieba.posseg as pseg

from .tokenize_zh import STOPWORDS, init_dictionary, words
from .types import Answer, Chunk, Citation, Hit

# ---------------------------------------------------------------- patterns

UNITS = ("万元", "亿元", "元", "起", "宗", "人", "年", "人次", "名", "人", "个百分点", "个", "次", "项", "篇", "件", "场次", "场",
         "期", "家", "条", "份", "批次", "批", "所", "户", "套", "枚", "部", "天", "对", "幅", "位",
         "支", "届", "余篇", "公里", "平方米", "小时", "倍", "%", "％", "吨", "本", "张", "首", "声",
         "棵", "株", "册", "台", "辆", "块", "间", "座", "处", "亩", "米", "千米", "万册", "课时", "学时", "门", "堂", "盒", "箱")
_UNIT_RX = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUM_RX = rf"\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]{{2,}}|[{CN_NUMERAL_CHARS}](?=(?:余|多)?(?:{_UNIT_RX}))"
FIGURE = re.compile(
    rf"(?P<pre>约|近|超过|逾|达|共)?(?P<num>{_NUM_RX})(?P<q>余|多)?(?P<mag>万|亿)?(?P<q2>余|多)?(?P<unit>{_UNIT_RX})?"
)
_DATE = re.compile(
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬|初|中|底|末)?(?:(?:至|-|—|到)(?:\d{1,2}月)?\d{1,2}日)?"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
)
# Holidays and seasons answer a "when" that does not ask for a day: 在元旦、春节“两节”期间.
_FESTIVAL = r"“?(?:元旦|春节|新春|国庆|中秋|清明|端午|五一|七一|八一|十一|两节|双节|春运|汛期|暑期|暑假|寒假)”?"
_HOLIDAY = re.compile(rf"{_FESTIVAL}(?:[、和及]?{_FESTIVAL})*(?:前后|期间|前夕|假期|之际)?")
_DAY_Q = re.compile(r"几月|几日|几号|哪天|哪一天|日期|哪个月")
# A question about the report itself: "这篇工作总结写的是哪一年的工作", "这份报告是哪年的".
_REPORT_YEAR_Q = re.compile(r"(这篇|这份|该|本|此)(工作)?(报告|总结|年鉴|材料|文章|综述|汇报)")
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}年")
_PLACE = re.compile(
    r"(?:在|于|赴|到|前往)(?P<p>[^，,。；;：:“”]{2,60}?)[,，]?(?:共|先后|分别|隆重|集中|统一|联合)?"
    r"(?:召开|举办|举行|开展|放映|进行|组织|设立|集中|参观|开幕|接受|学习|考察|调研|培训|瞻仰|缅怀|重温|"
    r"宣誓|慰问|走访|看望|挂职|锻炼|交流|实践|体验|驻村|帮扶|开设|建立|落户)"
    r"|驻(?:地)?(?:在|于)?(?P<q>[^，,。；;（(]{3,30})"
)
# A long list of venues is answered by its first items: "海南广场、国兴办公区以及…等单位办公区".
_LIST_CUT = re.compile(r"以及|及|和|等")
_LONG_PLACE = 24
# What a place answer ends in: a building, a venue, an address or an administrative unit.
_PLACE_WORD = re.compile(
    r"(堂|馆|校|园|室|厅|楼|场|中心|基地|大学|学院|村|乡|镇|区|县|市|省|路|号|街|院|局|部|厂|山|湖|岛|宾馆|酒店|大厦|"
    r"会场|礼堂|广场|公园|剧院|影剧院|党校|会议室|办公区|社区|委|站|所|港|机场|队|城|碑|遗址|故居|旧址|会址|营地|农场|林场)$"
)


# The kind of place a question names ("在哪个网站") and the endings of names of that kind.
_PLACE_KINDS: dict[str, tuple[str, ...]] = {
    "网站": ("网站", "网"), "网": ("网",), "平台": ("平台",), "公园": ("公园",), "广场": ("广场",),
    "学校": ("学校", "学院", "大学", "中学", "小学", "党校"), "医院": ("医院",),
    "高校": ("大学", "学院"), "大学": ("大学",), "党校": ("党校",),
    "宾馆": ("宾馆", "酒店", "饭店"), "酒店": ("酒店", "宾馆", "饭店"),
    "会场": ("会场", "礼堂", "会议室", "会议中心", "大厅"), "会议室": ("会议室",),
    "纪念馆": ("纪念馆",), "展馆": ("馆",), "场馆": ("馆",), "基地": ("基地",), "杂志": ("杂志",),
    "报纸": ("报",), "城市": ("市",), "村": ("村",), "乡": ("乡",), "镇": ("镇",), "县": ("县",),
    "区": ("区",), "市": ("市",), "省": ("省",),
}
_PLACE_KIND_Q = re.compile(
    r"(?:哪个|哪一个|什么|哪座|哪所|哪家|哪些)(" + "|".join(sorted(_PLACE_KINDS, key=len, reverse=True)) + ")")
# Words that may stand in a name before its ending: 枣庄/机关/建设/网.
_NAME_PART = ("n", "ns", "nt", "nz", "nr", "vn", "j", "b", "l", "an", "m")


def _names_ending(text: str, endings: tuple[str, ...]) -> list[tuple[int, int]]:
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
                toks[j - 1][3] in _NAME_PART or (toks[j - 1][3] == "a" and len(toks[j - 1][2]) == 1)):
            j -= 1  # a one-character adjective is part of a rare name the tagger splits (广宁/大/良村)
        start = toks[j][0]
        if b - start > max(len(e) for e in endings if w.endswith(e)):
            out.append((start, b))
    return out


_TRAILING_VERB = re.compile(r"(办公|工作|召开|举行|举办|开展)$")


def _looks_like_place(s: str) -> bool:
    s = _TRAILING_VERB.sub("", s.strip().rstrip("。"))
    return bool(_PLACE_WORD.search(s)) and not s.startswith(("全市", "全省", "各"))


_SENT_SPLIT = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_CLAUSE_SPLIT = re.compile(r"[^，,；;：:。！？!?\n]+[，,；;：:。！？!?]?")

# Units that count people are interchangeable (多少人 / 多少名).
_PEOPLE = {"人", "名", "位"}
_REFUSE = "报告中没有找到能回答这个问题的内容。"
_AMBIGUOUS = "报告中有几个数字都可能是所问的（如{a}、{b}），无法确定是哪一个。请把问题问得更具体些。"


def _figure_key(answer: str) -> str:
    return re.sub(r"\D", "", answer.split("（")[0]) or answer


class Answerer(Protocol):
    def answer(self, query: QueryInfo, hits: list[Hit]) -> Answer: ...


# ---------------------------------------------------------------- helpers

@dataclass
class Span:
    """A sentence or clause of a hit, in chunk coordinates."""

    hit_rank: int
    hit: Hit
    start: int
    end: int

    @property
    def norm(self) -> str:
        return self.hit.chunk.search_text[self.start:self.end]

    @property
    def text(self) -> str:
        return self.hit.chunk.text[self.start:self.end]


@dataclass
class Candidate:
    span: Span  # the quote
    answer: str
    score: float
    coverage: float
    ans_start: int = 0  # offsets of the answer inside the chunk
    ans_end: int = 0
    extra: list[Span] = field(default_factory=list)


# Used with .match(text, pos), which anchors it at pos.
_LEADING_HEADING = re.compile(r"\s*(【[^】\n]{1,24}】|[^【】。\n]{1,24}】)\s*")


def _spans(hit: Hit, rank: int, rx: re.Pattern) -> list[Span]:
    out = []
    for m in rx.finditer(hit.chunk.search_text):
        s, e = m.start(), m.end()
        # A paragraph heading ("机关党组织建设】") is not part of the quoted sentence.
        h = _LEADING_HEADING.match(hit.chunk.search_text, s, e)
        if h and h.end() < e:
            s = h.end()
        while s < e and hit.chunk.search_text[s].isspace():
            s += 1
        if e - s >= 2:
            out.append(Span(rank, hit, s, e))
    return out


class TermWeights:
    """IDF of query terms over the indexed chunks: rare terms decide, common ones barely count."""

    def __init__(self, chunk_texts: list[str]):
        self.texts = chunk_texts
        self.n = max(len(chunk_texts), 1)
        self.cache: dict[tuple[str, ...], float] = {}

    def weight(self, group: tuple[str, ...]) -> float:
        return math.log(1 + self.n / (self.df(group) + 0.5))

    def df(self, group: tuple[str, ...]) -> int:
        if group not in self.cache:
            self.cache[group] = sum(1 for t in self.texts if any(p in t for p in group))
        return self.cache[group]


def _matched(group: tuple[str, ...], text: str) -> int:
    """Position of the first alternative of group in text, or -1."""
    best = -1
    for p in group:
        i = text.find(p)
        if i >= 0 and (best < 0 or i < best):
            best = i
    return best


def _soft_match(group: tuple[str, ...], text: str) -> float:
    """1 for an exact match; otherwise partial credit for the share of the
    term's characters present (转为正式 ~ 转正), so paraphrases count a little."""
    if _matched(group, text) >= 0:
        return 1.0
    best = 0.0
    for p in group:
        if len(p) >= 2:
            best = max(best, sum(1 for ch in p if ch in text) / len(p))
    return 0.6 * best if best >= 0.5 else 0.0


def _coverage(query: QueryInfo, weights: TermWeights, near: str, sentence: str, passage: str = ""
              ) -> tuple[float, bool]:
    """Weighted share of the question's terms found: full weight in the clause
    that holds the answer, less in its sentence, less again elsewhere in the
    passage (its section heading and the passage before it included).
    Also says whether the counted thing (head term) is in the clause."""
    total = got = 0.0
    head_ok = query.head < 0
    for k, g in enumerate(query.terms):
        if k in query.quoted and weights.df(g) == 0:
            continue  # quoted in other words than the report's: its words still count
        w = weights.weight(g) * (2.0 if k == query.head else 1.0)
        total += w
        m_near = _soft_match(g, near)
        if k == query.head and m_near > 0:
            head_ok = True
        got += w * max(m_near, 0.8 * _soft_match(g, sentence), 0.6 * _soft_match(g, passage))
    return (got / total if total else 0.0), head_ok


_QUESTION_NUMBER = re.compile(r"第[一二三四五六七八九十\d]+|\d+(?:\.\d+)?(?:-\d+)?")


def _question_numbers_present(q: QueryInfo, text: str) -> bool:
    """Numbers and ordinals the question names (other than years) must be in the passage:
    a question about 第二人民法院 is not answered by a passage on 第一人民法院."""
    for m in _QUESTION_NUMBER.finditer(q.norm):
        tok = m.group(0)
        if any(str(y) == tok for y in q.years):
            continue
        if tok not in text:
            return False
    return True


def _head_present(head: tuple[str, ...], clause: str, question: str) -> bool:
    """The counted thing is named in the clause as itself, not as part of another
    thing: 党员 in 发展党员 counts for "发展了多少名党员" (发展 is asked too), but
    党员 in 新党员 does not answer "共有多少名党员"."""
    if _matched(head, clause) < 0:
        return False
    for w in words(clause):
        for h in head:
            if h in w:
                rest = w.replace(h, "", 1)
                if not rest or rest in question or all(ch in question for ch in rest):
                    return True
    return False


_QUALIFIER_TAGS = ("a", "b", "n", "nz", "j", "d", "ad", "an")


def _unasked_qualifier(head: tuple[str, ...], item: str, question: str) -> bool:
    """Whether the head stands in the item with a qualifier the question doesn't
    have: "援鄂党员167名" or "人均结案541件" for a question about 党员 / 结案."""
    pos = _matched(head, item)
    if pos <= 0:
        return False
    before = re.sub(r"[\d.%％]+[^\u4e00-\u9fff]*", " ", item[:pos]).strip()
    if not before:
        return False
    init_dictionary()
    tagged = [(w, f) for w, f in pseg.cut(before[-6:]) if w.strip()]
    if not tagged:
        return False
    w, flag = tagged[-1]
    return flag in _QUALIFIER_TAGS and w not in question and w not in STOPWORDS


_RECAST = re.compile(r"^(?:为|作为|成为|列为|转为)([\u4e00-\u9fff]{2,6})")


def _recast_after_head(head: tuple[str, ...], item: str, question: str) -> bool:
    """"确定396名入党积极分子为发展对象": the figure counts what they became
    (发展对象), not the head itself -- unless the question asks about that too."""
    pos = _matched(head, item)
    if pos < 0:
        return False
    alt = next(p for p in head if item.find(p) == pos)
    m = _RECAST.match(item[pos + len(alt):])
    return bool(m) and m.group(1)[:2] not in question


def _in_parentheses(text: str, pos: int) -> bool:
    opened = max(text.rfind("(", 0, pos), text.rfind("（", 0, pos))
    closed = max(text.rfind(")", 0, pos), text.rfind("）", 0, pos))
    return opened > closed


_CONTINUES = re.compile(r"由|从|其中|共|达|分别|增加|减少|调整|同比|较|比|占")
_CHANGE = re.compile(r"(?:由|从)(?:原来的|原有的|原|上年的|去年的)?(?P<a>[^，,；;]{1,12}?)(?:调整|增加|减少|提高|降低|上升|下降|扩大|压缩|精简|增长|缩减)(?:为|到|至)(?P<b>[^，,；;]{1,12})")
_DELTA_BEFORE = re.compile(r"(?:增加|增长|提高|上升|减少|下降|降低|多|少|增|减)了?(?:约|近|达)?$")
_BEFORE_Q = re.compile(r"原来|原有|调整前|之前|此前|以前|原先|上年|去年|上一年|前一年")
_TARGET = re.compile(r"目标|力争|计划|预期|要求达到")
_BREAKDOWN = re.compile(r"[（(](?:其中|含|包括|内含)")


def _in_breakdown(text: str, pos: int) -> bool:
    """Inside "(其中援鄂党员167名)": a part of the total before it, not the total."""
    opened = max(text.rfind("(", 0, pos), text.rfind("（", 0, pos))
    return opened >= 0 and _in_parentheses(text, pos) and bool(_BREAKDOWN.match(text, opened))


def _mask_brackets(text: str, pos: int) -> str:
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


def _breakdown_unasked(inorm: str, head: tuple[str, ...], pos: int, question: str) -> bool | None:
    """"(其中援鄂党员167名)" for a question about 党员: a part of the total, named by a
    qualifier (援鄂) the question does not have. "(其中机关党委119个)" for a question
    about 机关党委 is not."""
    lead = inorm.lstrip()
    if lead.startswith("其中") and not _in_parentheses(inorm, pos):
        inside = inorm[inorm.index("其中") + 2:pos + 1]  # "…发展党员236名,其中青年党员158名"
    elif _in_breakdown(inorm, pos):
        opened = max(inorm.rfind("(", 0, pos), inorm.rfind("（", 0, pos))
        inside = _BREAKDOWN.sub("", inorm[opened:pos + 1], count=1)
    else:
        return False
    inside = inside.split("、")[-1]  # its own item of the enumeration
    hp = _matched(head, inside) if head else -1
    before = inside[:hp] if hp >= 0 else inside
    rest = re.sub(r"[\d.%％]+|[^\u4e00-\u9fff]", "", before)
    rest = re.sub(rf"^(?:{_UNIT_RX})", "", rest)
    if not rest:
        return None
    return rest not in question and not all(
        w in question or sum(ch in question for ch in w) * 2 >= len(w)  # 女性 ~ 女
        for w in words(rest) if w not in STOPWORDS)


# Verbs that only say "there are": they don't restrict what is counted.
_EXISTENTIAL = {"有", "是", "为", "达", "达到", "共", "计", "共计", "合计", "共有", "总计", "累计"}


def _unasked_predicate(head: tuple[str, ...], cnorm: str, m: re.Match, question: str) -> bool:
    """"8117名党员(其中…)参与抗疫一线工作" does not say how many 党员 there are:
    the figure counts the ones who did something the question does not mention."""
    if _in_parentheses(cnorm, m.start()):
        close = min([i for i in (cnorm.find(")", m.end()), cnorm.find("）", m.end())) if i >= 0] or [len(cnorm)])
        rest = cnorm[close + 1:]
    else:
        rest = cnorm[m.end():]
        alt = next((p for p in head if 0 <= rest.find(p) <= 2), None)
        if alt is None:
            return False  # the head is not what follows the figure: "发展党员585人"
        rest = rest[rest.find(alt) + len(alt):]
    rest = re.sub(r"[（(][^）)]*[）)]", "", rest).strip()
    if not rest or rest[0] in "、，,；;。":
        return False
    init_dictionary()
    # "选派412名干部组成…工作组" for "选派了多少名干部": the verb before the figure,
    # when the question has it, already says which ones are counted.
    lead = [(w, f) for w, f in pseg.cut(cnorm[max(0, m.start() - 6):m.start()]) if w.strip()]
    if lead and len(lead[-1][0]) >= 2 and lead[-1][0] not in _EXISTENTIAL and lead[-1][0] in question:
        return False
    toks = [(w, f) for w, f in pseg.cut(rest[:12]) if w.strip()]
    if not toks or not toks[0][1].startswith("v") or toks[0][0] in _EXISTENTIAL or toks[0][0] in STOPWORDS:
        return False
    # The predicate and what follows it: is any of it in the question?
    phrase = [w for w, _ in toks[:3] if len(w) >= 2 or w == toks[0][0]]
    return not any(w in question for w in phrase)


def _head_phrase(q: QueryInfo) -> str:
    """The counted thing with the words of its phrase, as the question writes it
    ("机关党支部"), or "" when the head stands alone."""
    ks = sorted(set([q.head] + q.head_alts + q.modifiers + q.qualifiers)) if q.head >= 0 else []
    if len(ks) < 2:
        return ""
    text = "".join(next((p for p in q.terms[k] if p in q.norm), q.terms[k][0]) for k in ks)
    return text if text in q.norm else ""


_NOUN_TAGS = ("n", "nr", "ns", "nt", "nz", "ng", "j", "an", "b")


def _counts_other(head: tuple[str, ...], cnorm: str, m: re.Match, asked: str) -> bool:
    """"120多个厅局党组织与100多个农村、企业…共建点": a figure counts the noun
    phrase after it; when that phrase is not the head, it counts something else
    (unless it is recast as the head: "396名入党积极分子为发展对象")."""
    if not m.group("unit"):
        return False
    rest = cnorm[m.end():m.end() + 16]
    init_dictionary()
    phrase = ""
    for w, flag in pseg.cut(rest):
        if not w.strip() or not (flag in _NOUN_TAGS or flag.startswith("n")):
            break
        phrase += w
    # The phrase the figure counts runs to the next break or figure: "147名专职和兼职的
    # 纪检监察干部参加" counts 干部 though 专职 comes first.
    reach = re.split(r"[，,；;。、（(\d]", rest, maxsplit=1)[0]
    if not phrase or any(p in reach for p in head) or any(phrase.endswith(p[-2:]) for p in head):
        return False
    after = rest[len(phrase):]
    if re.match(r"(?:为|作为|成为|列为|转为)", after) and any(p in after for p in head):
        return False
    return phrase not in asked


def _unasked_union(head: tuple[str, ...], item: str, pos: int, asked: str) -> bool:
    """"困难党员和职工186人": the figure counts both together; not an answer for 党员 alone."""
    hp = _matched(head, item[:pos])
    if hp < 0:
        return False
    between = item[hp:pos]
    m = re.search(r"(?:和|及|与|以及)([\u4e00-\u9fff]{2,6})$", between)
    return bool(m) and not any(w in asked for w in words(m.group(1)) if len(w) >= 2)


# The most common Chinese surnames (they cover the great majority of people).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤洪文常温康施牛樊葛邢安齐易乔伍庞颜"
    "倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_WHO_Q = re.compile(r"谁|哪位|哪一位")


def _names_a_person(text: str) -> bool:
    init_dictionary()
    plain = re.sub(r"《[^》]*》|“[^”]*”", " ", text)  # titles of books and campaigns name no one
    # The tagger calls many words names ("明显增强"): a name also starts with a surname.
    return any(flag.startswith("nr") and 2 <= len(w) <= 3 and w[0] in _SURNAMES
               for w, flag in pseg.cut(plain))


def _items(clause: str) -> list[tuple[int, int]]:
    """Bounds of the items of an enumeration (a、b、c) inside a clause."""
    bounds, start = [], 0
    for i, ch in enumerate(clause):
        if ch == "、":
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(clause) + 1))
    return bounds


def _distance_to(group: tuple[str, ...], text: str, start: int, end: int) -> int | None:
    """Characters between a figure [start, end) and the nearest occurrence of group in text."""
    best = None
    for p in group:
        for m in re.finditer(re.escape(p), text):
            d = m.start() - end if m.start() >= end else (start - m.end() if m.end() <= start else 0)
            best = d if best is None else min(best, d)
    return best


def _figure_value_ok(m: re.Match, text: str) -> bool:
    """False for numbers that are years, dates, ordinals or codes, not figures."""
    num, unit = m.group("num"), m.group("unit")
    after = text[m.end(): m.end() + 1]
    before = text[max(0, m.start() - 1): m.start()]
    if before == "第" or after in ("年", "月", "日", "号", "號", "时", "届", "周", "岁", "期") and not unit:
        return False
    if re.fullmatch(r"(19|20)\d{2}", num) and (after == "年" or unit == "年"):
        return False
    if unit == "年" and m.group("q") is None and text[m.end(): m.end() + 1] in ("度", "底", "初"):
        return False
    if num[0] in CN_NUMERAL_CHARS and not unit:
        return False
    if num[0] in CN_NUMERAL_CHARS and chinese_numeral_value(num) is None:
        return False
    if not unit and len(num.replace(".", "")) >= 7:
        return False  # phone numbers, ids
    if not unit and not m.group("mag"):
        return False  # a bare number is rarely a reported figure
    return True


def _format_figure(m: re.Match) -> str:
    """The figure as an answer: as written, with Chinese numerals also given in digits."""
    s = "".join(x for x in (m.group("pre"), m.group("num"), m.group("q"), m.group("mag"),
                            m.group("q2"), m.group("unit")) if x)
    num = m.group("num")
    if num[0] in CN_NUMERAL_CHARS:
        val = chinese_numeral_value(num)
        if val is not None:
            rest = "".join(x for x in (m.group("q"), m.group("mag"), m.group("q2"), m.group("unit")) if x)
            s = f"{s}（{val}{rest}）"
    return s


def _unit_score(asked: str, unit: str | None) -> float:
    if not asked:
        return 0.0
    if not unit:
        return -2.0
    if asked == "元" and unit.endswith("元"):
        return 2.0
    if asked == "%" and unit in ("%", "％", "个百分点"):
        return 2.0
    if unit == asked or (unit in _PEOPLE and asked in _PEOPLE) or unit.endswith(asked) or asked.endswith(unit):
        return 2.0
    return -4.0


# ---------------------------------------------------------------- answerer

class ExtractiveAnswerer:
    """Rule-based span extraction with refusal thresholds."""

    def __init__(self, weights: TermWeights, context: Callable[[Chunk], str] | None = None,
                 min_coverage: float = 0.6, describe_sentences: int = 3, min_margin: float = 0.3):
        self.weights = weights
        self.min_margin = min_margin
        # The text around a chunk (section heading, previous passage) that a
        # question's terms may be found in: chunks cut sections in pieces.
        self.context = context or (lambda c: f"{c.section} {c.search_text}")
        self.min_coverage = min_coverage
        self.describe_sentences = describe_sentences

    # -- candidates per question kind

    def _number_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        out = []
        heads = [q.terms[k] for k in ([q.head] + q.head_alts if q.head >= 0 else [])]
        # What the question asks about, without its place, year and organisation
        # words (市直机关 does not ask for 机关党支部).
        asked = " ".join(p for g in q.terms for p in g) + " " + _ORG_WORDS.sub(" ", q.norm)
        phrase = _head_phrase(q)
        for rank, hit in enumerate(hits):
            ctx = self.context(hit.chunk)
            if not _question_numbers_present(q, ctx):
                continue
            for sent in _spans(hit, rank, _SENT_SPLIT):
                for clause in _spans_in(sent, _CLAUSE_SPLIT):
                    cnorm = clause.norm
                    # A figure the question itself states ("在四个市…") is not its answer.
                    figures = [m for m in FIGURE.finditer(cnorm)
                               if _figure_value_ok(m, cnorm) and m.group(0) not in q.norm]
                    if not figures:
                        continue
                    cov, _ = _coverage(q, self.weights, cnorm, sent.norm, ctx)
                    sent_cov, _ = _coverage(q, self.weights, sent.norm, "", "")
                    # The counted thing must be named where the figure is (for a
                    # share, in the same sentence: "…达标,占全部…的89%").
                    # (A change is told of the thing named before it: "发展党员1684名,比上年增加127名".)
                    where = sent.norm if q.unit == "%" or q.delta else cnorm
                    head = next((h for h in heads if _head_present(h, where, q.norm)), None)
                    # A clause that goes on from the one before ("…党组织关系,由原来的11个
                    # 调整为7个") counts the thing named there.
                    before = re.split(r"[，,；;]", sent.norm[:clause.start - sent.start].rstrip("，,；; "))[-1]
                    carried = head is None and bool(_CONTINUES.match(cnorm.lstrip()))
                    if carried:
                        head = next((h for h in heads if _head_present(h, before, q.norm)), None)
                    if heads and head is None:
                        continue
                    # …with every qualifier the question gives it: 厅级干部 is not 处级干部.
                    if any(_matched(q.terms[j], cnorm) < 0 for j in q.modifiers):
                        continue
                    matched_len = sum(len(g[0]) for g in q.terms if _matched(g, cnorm) >= 0)
                    items = _items(cnorm)
                    for m in figures:
                        # The qualifiers must stand with this figure, not only in a
                        # bracket beside it ("发展党员67名(其中女性党员29名…)" for 女党员).
                        seen = _mask_brackets(cnorm, m.start())
                        if any(_matched(q.terms[j], seen) < 0 and _soft_match(q.terms[j], seen) == 0
                               for j in q.modifiers):
                            continue
                        if q.delta != bool(_DELTA_BEFORE.search(cnorm[max(0, m.start() - 4):m.start()])):
                            continue  # asked for a change, got a level, or the other way round
                        unit_fit = _unit_score(q.unit, m.group("unit"))
                        if unit_fit < 0 and q.unit:
                            continue  # asked for people, got a count of units: not this figure
                        item = next((a, b) for a, b in items if a <= m.start() < b)
                        if any(x in _mask_brackets(cnorm, m.start())[item[0]:item[1]] for x in q.excluded):
                            continue  # "党委（不含机关党委）": not the 机关党委 figure
                        inorm = _mask_brackets(cnorm, m.start())[item[0]:item[1]]
                        prox = _distance_to(head, inorm, m.start() - item[0], m.end() - item[0]) if head else None
                        near_head = prox is not None
                        share = 3.0 if q.unit == "%" and cnorm.lstrip().startswith("占") else 0.0
                        if (share or carried) and prox is None and head:
                            # "2387个党支部达标,占全部…的89%": the share is of the clause before.
                            d = _distance_to(head, before, len(before), len(before))
                            prox = None if d is None else d + m.start()
                            near_head = prox is not None
                        # The item names the thing as the question does (在职党员), not a
                        # sub-kind the question didn't ask for (离退休党员, 人均结案).
                        qualified = 1.5 if q.modifiers and all(_matched(q.terms[j], inorm) >= 0 for j in q.modifiers) else 0.0
                        if phrase and phrase in inorm:
                            qualified = max(qualified, 1.5)  # 机关党支部 as asked, not just 党支部
                        extra = -1.5 if near_head and _unasked_qualifier(head, inorm, q.norm) else 0.0
                        # A figure in brackets (其中…) is a detail, unless it is the one the head names.
                        aside = -1.0 if _in_parentheses(cnorm, m.start()) and prox != 0 else 0.0
                        # A part of a total named by a qualifier the question lacks
                        # ("其中援鄂党员167名"), or people counted for doing something the
                        # question doesn't mention ("8117名党员参与抗疫"), don't answer it.
                        part = _breakdown_unasked(cnorm, head, m.start(), asked) if "其中" not in q.norm else None
                        if part:
                            continue
                        if part is False and head:
                            qualified += 1.5  # the part the question names: "援鄂党员" in (其中援鄂党员167名)
                        if head and (_unasked_predicate(head, cnorm, m, asked)
                                     or _unasked_union(head, inorm, m.start() - item[0], asked)
                                     or _counts_other(head, cnorm, m, asked)):
                            continue
                        # "超额完成60%达标的目标任务": a target is not what was achieved.
                        target = -4.0 if _TARGET.search(inorm) and not _TARGET.search(q.norm) else 0.0
                        # "由原来的11个调整为7个": the figure now, unless the question asks what it was.
                        changed = None if q.delta else _CHANGE.search(cnorm)
                        was = -3.0 if (changed and changed.start("a") <= m.start() < changed.end("a")
                                       and not _BEFORE_Q.search(q.norm)) else 0.0
                        if changed and changed.start("b") <= m.start() and _BEFORE_Q.search(q.norm):
                            was = -3.0
                        recast = -1.0 if near_head and _recast_after_head(head, inorm, q.norm) else 0.0
                        score = (10 * cov + unit_fit + (3.0 if near_head else 0.0) + share + qualified + extra + aside + recast + target + was
                                 - 0.2 * min(prox if prox is not None else 15, 15)
                                 + 1.5 * matched_len / max(len(cnorm), 1) + 1.0 / (rank + 1)
                                 # In a list ("警告处分8人、严重警告处分6人") the item that names
                                 # what the question names.
                                 + 2.0 * _coverage(q, self.weights, inorm, "", "")[0]
                                 # The event the question names is in the figure's own sentence,
                                 # not only somewhere in the passage (培训班, not 座谈会).
                                 + 5.0 * sent_cov)
                        a0 = clause.start + m.start()
                        out.append(Candidate(sent, _format_figure(m), score, cov, a0, clause.start + m.end()))
        return out

    def _ordinal_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        """A rank or code: "获三等奖", "直工发[2010]12号", "第六届"."""
        rx = re.compile(rf"第?(?:[{CN_NUMERAL_CHARS}]+|\d+){re.escape(q.ordinal)}")
        out = []
        for rank, hit in enumerate(hits):
            ctx = self.context(hit.chunk)
            if not _question_numbers_present(q, ctx):
                continue
            for sent in _spans(hit, rank, _SENT_SPLIT):
                for clause in _spans_in(sent, _CLAUSE_SPLIT):
                    cnorm = clause.norm
                    for m in rx.finditer(cnorm):
                        # 3月12号 is a date; a rank the question states is not its answer.
                        if cnorm[max(0, m.start() - 1):m.start()] == "月" or m.group(0) in q.norm:
                            continue
                        cov, _ = _coverage(q, self.weights, cnorm, sent.norm, ctx)
                        score = 10 * cov + 1.0 / (rank + 1)
                        out.append(Candidate(sent, m.group(0), score, cov, clause.start + m.start(),
                                             clause.start + m.end()))
        return out

    def _report_year(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        """"这篇总结写的是哪一年的工作": the year the report is about, quoted from
        the first retrieved sentence of that report that states it."""
        doc = hits[0].chunk
        if len(doc.years) != 1:
            return []
        year = f"{doc.years[0]}年"
        same = sorted((h for h in hits if h.chunk.doc_id == doc.doc_id), key=lambda h: h.chunk.chunk_id)
        for hit in same:
            for sent in _spans(hit, hits.index(hit), _SENT_SPLIT):
                i = sent.norm.find(year)
                if i >= 0:
                    a = sent.start + i
                    return [Candidate(sent, year, 10.0, 1.0, a, a + len(year))]
        return []

    def _date_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        want_year = bool(re.search(r"哪一年|哪年|何年", q.norm))
        if want_year and _REPORT_YEAR_Q.search(q.norm):
            return self._report_year(q, hits)
        rx = _YEAR_ONLY if want_year else _DATE
        if not want_year and not _DAY_Q.search(q.norm):
            rx = re.compile(f"{_DATE.pattern}|{_HOLIDAY.pattern}")
        out = []
        for rank, hit in enumerate(hits):
            ctx = self.context(hit.chunk)
            for sent in _spans(hit, rank, _SENT_SPLIT):
                snorm = sent.norm
                dates = list(rx.finditer(snorm))
                for i, d in enumerate(dates):
                    # What a date is about lies between its neighbouring dates:
                    # "6月28日…培训班;9月14日…党务干部培训班".
                    lo = max(dates[i - 1].end() if i > 0 else 0,
                             max(snorm.rfind("；", 0, d.start()), snorm.rfind(";", 0, d.start())) + 1)
                    hi = dates[i + 1].start() if i + 1 < len(dates) else len(snorm)
                    # A Chinese time phrase comes before its event ("2016年开始探索…,
                    # 2017年…"): the words after a date count fully, those before it
                    # (up to the previous date) a little less.
                    cov_after, _ = _coverage(q, self.weights, snorm[d.start():hi], snorm, ctx)
                    cov_before, _ = _coverage(q, self.weights, snorm[lo:d.end()], snorm, ctx)
                    cov = max(cov_after, cov_before)
                    score = 10 * max(cov_after, 0.95 * cov_before) + 1.0 / (rank + 1)
                    out.append(Candidate(sent, d.group(0), score, cov, sent.start + d.start(), sent.start + d.end()))
        return out

    def _place_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        # "在哪个村/网站/公园…" names the kind of place wanted: look for a name ending in it.
        kind = _PLACE_KIND_Q.search(q.norm)
        endings = _PLACE_KINDS[kind.group(1)] if kind else ()
        out = []
        for rank, hit in enumerate(hits):
            ctx = self.context(hit.chunk)
            for sent in _spans(hit, rank, _SENT_SPLIT):
                snorm = sent.norm
                found: list[tuple[int, int]] = []
                if endings:
                    found = _names_ending(snorm, endings)
                else:
                    for m in _PLACE.finditer(snorm):
                        grp = "p" if m.group("p") else "q"
                        a, b = m.start(grp), m.end(grp)
                        tail = _TRAILING_VERB.search(snorm[a:b])
                        b = a + tail.start() if tail else b
                        if b - a > _LONG_PLACE:
                            cut = _LIST_CUT.search(snorm, a + 2, b)
                            b = cut.start() if cut else a + _LONG_PLACE
                        if _looks_like_place(snorm[a:b]):
                            found.append((a, b))
                if not found:
                    continue
                positions = [_matched(g, snorm) for g in q.terms if _matched(g, snorm) >= 0]
                anchor = min(positions) if positions else 0
                for a, b in found:
                    # What a place is the place of lies in its own part of the sentence:
                    # "在复旦大学举办…培训班;…在市委党校举办…".
                    lo = max(snorm.rfind(x, 0, a) for x in "；;") + 1
                    his = [i for i in (snorm.find(x, b) for x in "；;") if i >= 0]
                    local = snorm[lo:min(his) if his else len(snorm)]
                    cov, _ = _coverage(q, self.weights, local, snorm, ctx)
                    text = snorm[a:b].strip().rstrip("。")
                    # Answer in the report's own characters.
                    text = hit.chunk.text[sent.start + a: sent.start + a + len(text)]
                    score = 10 * cov + 1.0 / (rank + 1) - 0.01 * abs(anchor - a)
                    out.append(Candidate(sent, text, score, cov, sent.start + a, sent.start + b))
        return out

    def _describe(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        out = []
        who = bool(_WHO_Q.search(q.norm))
        for rank, hit in enumerate(hits):
            for sent in _spans(hit, rank, _SENT_SPLIT):
                if len(sent.norm) < 8:
                    continue
                if who and not _names_a_person(sent.norm):
                    continue  # "工委书记是谁": only a sentence that names someone answers it
                cov, _ = _coverage(q, self.weights, sent.norm, sent.norm, self.context(hit.chunk))
                score = 10 * cov + 2.0 / (rank + 1)
                out.append(Candidate(sent, sent.text.strip(), score, cov, sent.start, sent.end))
        out.sort(key=lambda c: -c.score)
        return out

    # -- main entry

    def answer(self, q: QueryInfo, hits: list[Hit]) -> Answer:
        if not hits or not q.terms:
            return refusal(q, _REFUSE)
        if q.kind == "describe":
            cands = [c for c in self._describe(q, hits) if c.coverage >= self.min_coverage]
            if not cands:
                return refusal(q, _REFUSE)
            chosen = _dedupe(cands)[: self.describe_sentences]
            return _compose(q, chosen, answer_text=chosen[0].answer, sentences=True)
        finder = {"number": self._ordinal_candidates if q.ordinal else self._number_candidates, "date": self._date_candidates,
                  "place": self._place_candidates}[q.kind]
        cands = [c for c in finder(q, hits) if c.coverage >= self.min_coverage]
        if not cands:
            return refusal(q, _REFUSE)
        cands.sort(key=lambda c: -c.score)
        best = cands[0]
        rival = next((c for c in cands[1:] if _figure_key(c.answer) != _figure_key(best.answer)), None)
        if rival is not None and best.score - rival.score < self.min_margin:
            # Two different figures fit the question about equally well: a guess
            # between them would be a coin toss, and a wrong figure is worse than none.
            return refusal(q, _AMBIGUOUS.format(a=best.answer, b=rival.answer))
        return _compose(q, [best], answer_text=best.answer)


def _spans_in(sent: Span, rx: re.Pattern) -> list[Span]:
    out = []
    for m in rx.finditer(sent.norm):
        if m.end() - m.start() >= 2:
            out.append(Span(sent.hit_rank, sent.hit, sent.start + m.start(), sent.start + m.end()))
    return out


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen, out = set(), []
    for c in cands:
        key = c.span.norm.strip()
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _quote_bounds(c: Candidate, limit: int = 160) -> tuple[int, int]:
    """The quoted span: the sentence, trimmed around the answer when it is long."""
    s, e = c.span.start, c.span.end
    text = c.span.hit.chunk.text
    while e > s and text[e - 1] in "\n ":
        e -= 1
    if e - s > limit:
        s = max(s, c.ans_start - limit // 2)
        e = min(e, max(c.ans_end, s + limit))
    return s, e


def _compose(q: QueryInfo, chosen: list[Candidate], answer_text: str, sentences: bool = False) -> Answer:
    citations: list[Citation] = []
    by_chunk: dict[int, int] = {}
    parts = []
    for c in chosen:
        chunk = c.span.hit.chunk
        if chunk.chunk_id not in by_chunk:
            by_chunk[chunk.chunk_id] = len(citations) + 1
            qs, qe = _quote_bounds(c)
            citations.append(Citation(
                n=len(citations) + 1, source=chunk.doc_id, title=chunk.title, text=chunk.text,
                quote=chunk.text[qs:qe], score=c.span.hit.score, quote_start=qs, quote_end=qe,
                chunk_id=chunk.chunk_id, page=chunk.page_of(c.ans_start),
            ))
        elif sentences:
            # Several sentences from one passage: widen the quote to cover them all.
            cit = citations[by_chunk[chunk.chunk_id] - 1]
            qs, qe = _quote_bounds(c)
            cit.quote_start, cit.quote_end = min(cit.quote_start, qs), max(cit.quote_end, qe)
            cit.quote = chunk.text[cit.quote_start:cit.quote_end]
        parts.append((c, by_chunk[chunk.chunk_id]))
    first = chosen[0].span.hit.chunk
    where = place_label(first.places, first.org)
    year = "、".join(str(y) for y in first.years)
    src = f"{year + '年' if year else ''}{where}《{first.title}》"
    if sentences:
        body = "\n".join(f"{c.answer} [{n}]" for c, n in parts)
        reply = f"据{src}：\n{body}"
    else:
        c, n = parts[0]
        quote = citations[n - 1].quote.strip()
        reply = f"{answer_text}。\n依据{src}：“{quote}” [{n}]"
    return Answer(question=q.text, answer=answer_text, reply=reply, citations=citations, kind=q.kind)


def refusal(q: QueryInfo, message: str) -> Answer:
    return Answer(question=q.text, answer=None, reply=message, citations=[], kind=q.kind)
