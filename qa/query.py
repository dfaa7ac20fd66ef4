"""Read a question: what kind of answer it wants, about which year and place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jieba
import jieba.posseg as pseg

from .places import ORG_PATTERNS, Gazetteer, county_city_mentions, county_mentions
from .places_in_text import asked_place_kind, asks_place_kind, place_endings
from .textnorm import chinese_numeral_value, normalize
from .tokenize_zh import STOPWORDS, init_dictionary, words

# Question words -> the kind of answer wanted. Date is checked first: 几月几日 is a date.
# ("哪天开始、哪天结束" asks the span; its verbs are part of the asking)
# ("哪天开始、办到哪天": the end asked by a verb of holding and 到)
_SPAN_ASKED = (r"(?:哪一?天|什么时候|何时)(?:开始|开班|开幕|启动)[、,]?(?:又)?"
               r"(?:(?:到|至)?(?:哪一?天|什么时候|何时)(?:结束|结业|闭幕)|[办开搞举]?(?:到|至)(?:哪一?天|什么时候|何时))")
_DATE_Q = re.compile(_SPAN_ASKED + r"|几号(?:到|至)几号|几月几号|哪几个月|哪几月|(?:是?从)?(?:哪天|哪一天)[办开搞举]?(?:到|至)(?:哪天|哪一天)|起止时间|起止日期|几月几日|几日|哪几天|什么期间|哪个时期|何年|何时|什么时候|哪天|哪一天|几月|哪个月|哪一年|哪年|什么时间|具体时间|日期|时间是")
_PLACE_Q = re.compile(r"在哪|哪里|哪儿|何地|何处|什么地方|哪个地方|地点|位于|地址|驻地|在什么")
_GO_WHICH = re.compile(r"(?:到|去|赴|前往)哪(?:个|些|几个)")
# Words of _PLACE_Q that are nouns: "有多少个活动地点" counts places.
_PLACE_NOUNS = {"地点", "位于", "地址", "驻地"}
# "培训班的地点是哪", "在什么地点举办": the slot a place question asks to fill, no word of a report.
# (地址 stays: reports write 办公地址, 新址, and a question on one is not answered by any 驻)
_PLACE_SLOT = re.compile(r"(?:具体)?地点(?=(?:是|在|设在|选在|定在)?(?:哪|什么|何处|何地))|(?<=哪个|什么)地点")
# "修了多长的水泥路": a length, in whatever unit of length the report uses.
_LENGTH_Q = re.compile(r"多长(?!时间)|多远|多宽|多深|多高")
_NUMBER_Q = re.compile(r"多少|几|数量|人数|总数|比例|百分之|占比|同比|增长|下降|上升|金额|有多|共计|" + _LENGTH_Q.pattern)

# The measure word a number question asks for: 多少名 -> 名, 几个 -> 个.
_UNIT_Q = re.compile(r"(?:多少|几)(万元|万|亿元|亿|元|人次|名|人|个|次|项|篇|件|起|宗|场次|场|期(?!间)|家|条|份|批次|批(?!准|示)|所(?!属|有)|户|套|枚|部(?!署|门)|天|对|幅|位|支(?!援|持|部)|届|棵|株|册|台|辆|块|间|座|处|亩|课时|学时|门|堂|眼|口|组|轮|种|年(?![级度])|公里|千米|平方米|米|吨|小时|倍|本|张|首|盒|箱)")

# 几个人 counts people (not 几个人大代表).
_PEOPLE_AFTER_GE = re.compile(r"((?:多少|几)个)人(?![大员才民士数口格事物工])")

# Phrases that mean the same thing in these reports. A question phrase found
# here becomes one term that matches any of its group's phrases in a passage.
SYNONYM_GROUPS: list[tuple[str, ...]] = [
    ("发展党员", "新入党", "接收新党员", "吸收新党员", "发展新党员", "新发展党员", "新发展的党员", "新党员"),
    ("党纪政务处分", "纪律处分", "党纪处分", "处分"),
    ("捐款", "捐赠", "捐了"),
    ("立案查处", "立案"),
    ("召开", "举办", "举行", "办了", "办的", "开办"),
    ("增长", "上升", "涨了", "涨"),
    ("参加", "参与", "参赛"),
    ("分为", "分成"),
    ("培训班", "轮训班", "训练班", "研修班"),
    # "到2014年底" keeps 底 once the year is taken out; reports also write 年末
    ("底", "年末", "年终"),
    ("办公", "驻地", "驻", "位于", "坐落"),
    ("搬到", "搬至", "搬往", "迁至", "迁到", "迁往", "搬迁至", "搬迁到", "迁入", "搬进", "搬"),
    # Only a 预备党员 is 转正'd: a table column 转正（名） counts them.
    ("预备党员转正", "转正", "转为正式党员"),
    ("党员", "共产党员"),
    ("多少人", "多少名"),
    # "共有多少名党员" asks a total; a report may give it as 总数 ("至年底,…总数达604个,…;党员9653名").
    # (not 合计: a table's 合计 row sums only the rows it lists)
    ("共有", "总数"),
    # "拿了一等奖" is how a prize is asked; reports write 获/荣获 (a question's own
    # 获得 keeps its term: only the spoken forms open the group).
    ("拿了", "拿到", "拿下", "拿的", "获", "获得", "荣获", "夺得", "摘得"),
]
_GROUP_OF = {phrase: g for g in SYNONYM_GROUPS for phrase in g}
# Alternatives matched in passages only: 驻 of "工委驻…" answers 在哪里办公, but
# 驻村 in a question is no office.
_PASSAGE_ONLY = {"驻", "总数", "获", "获得", "荣获", "夺得", "摘得"}
_PHRASES = sorted(set(_GROUP_OF) - _PASSAGE_ONLY, key=len, reverse=True)
# "一共有多少" only says "how many in all", as 有 alone would: its 共有 is no term.
_NOT_AFTER = {"共有": "一总"}
_PHRASE_RX = {p: re.compile((f"(?<![{_NOT_AFTER[p]}])" if p in _NOT_AFTER else "") + re.escape(p)) for p in _PHRASES}

# The same phrases split by the question word: "发展了多少名党员", "接收了几名新党员".
# The named groups are the words to take out; 多少/几 and the unit stay.
_SPLIT_PHRASES: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"(?P<a>发展|接收|吸收|新发展)了?(?:多少|几)[名个位\s]?(?P<b>新?党员)"), SYNONYM_GROUPS[0]),
    # "结了多少件案子" is the reports' 结案.
    (re.compile(r"(?P<a>转正|转为正式党员)了?(?:(?:多少|几)[名个位\s]?|的)(?P<b>(?:预备)?党员)"), _GROUP_OF["转正"]),
    (re.compile(r"(?P<a>结)了?(?:多少|几)[件个起宗\s]?(?P<b>案子|案件)"), ("结案", "办结案件")),
]

# Questions for a rank or a code, not an amount: 获得了几等奖 -> 三等奖,
# 第几号文件 -> 12号, 第几届 -> 第六届. The value is the suffix the answer must end in.
_ORDINAL_Q = re.compile(r"第(?:几|多少)(号|届|次|批|期|名|轮|季度|部分|条|款|章)|几等奖|几等|(?:几|多少)号"
                        r"|(?:排|居|位居|位列|列|排在|排名|名列)(?:全国|全省|全市)?第(?:几|多少)(?:位)?")
# What a rank question wants when it names no suffix ("排第几"): 第 and a number.
RANK = "第"

# A question for a change, not a level: "比上年多了多少", "同比增长多少".
_DELTA_Q = re.compile(r"同比|比上一?年|较上一?年|比去年|较去年|比前一年|(?:多|少|增加|增长|提高|上升|减少|下降|降低|增|减)了?多少"
                      r"(?=(?:个百分点|百分点|[个名人次项件元%]|万元)?[？?！!。.]*$)")
# A measure word named as the thing counted ("参加培训班的人次是多少").
_COUNTED_UNIT = re.compile(r"的(人次|场次|批次|户次)(?=[，,？?]|是|有|为|共|一共|总共|达|多少)")
# Nouns every passage of a report has; they never stand for the thing counted.
GENERIC_NOUNS = {"机关", "单位", "部门", "工作"}
# Words that only say "a number of": the figure's unit carries them.
_GENERIC_COUNT = re.compile(r"人数|总数|数量|个数|数目|次数")

_MONEY_Q = re.compile(r"多少钱|资金|金额|经费|款|慰问金|救助金|费用|多少万元|党费")
_RATE_Q = re.compile(r"率|比例|百分之|占比|同比|增长了?多少|上升了?多少|下降了?多少")

# Words that only say "an amount of money" / "a share": the unit carries them.
_GENERIC_MONEY = re.compile(r"多少钱|资金|金额|经费|费用|款项|钱")
_GENERIC_RATE = re.compile(r"比例|比率|占比|百分比|百分之")

RELATIVE_YEAR = re.compile(r"今年|本年|当年|去年|上一年|明年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年|([零〇一二三四五六七八九]{4})\s*年")


@dataclass
class QueryInfo:
    text: str  # as asked
    norm: str  # normalised
    kind: str  # number | date | place | describe
    years: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # gazetteer full names
    org: str = ""
    unit: str = ""  # measure word asked for
    terms: list[tuple[str, ...]] = field(default_factory=list)  # content terms, each a group of alternatives
    head: int = -1  # index in terms of the thing a number question counts (nearest to 多少)
    modifiers: list[int] = field(default_factory=list)  # terms qualifying it: 厅级 in 多少名厅级干部
    head_alts: list[int] = field(default_factory=list)  # other nouns of its phrase (the tagger may misplace the head)
    relative_year: bool = False
    qualifiers: list[int] = field(default_factory=list)  # words written before a head that ends the question (严重警告处分); softer than modifiers
    excluded: list[str] = field(default_factory=list)  # "（不含机关党委）": things the question leaves out
    quoted: list[int] = field(default_factory=list)  # terms that are whole quoted names (“第六届海南省文明单位”)
    delta: bool = False  # asks how much something changed
    ordinal: str = ""  # suffix of a rank or code asked for (等奖, 号, 届); "" for amounts

    @property
    def search_text(self) -> str:
        """The question plus the report phrasing of its terms, for keyword search."""
        extra = [g[0] for g in self.terms if g[0] not in self.norm]
        return self.norm + (" " + " ".join(extra) if extra else "")


_ASK = re.compile(r"多少|几")

# How a chat question is put, not what it asks: request frames ("想问下", "帮我查一下"),
# summing-up adverbs ("加起来", "算下来"), hands that hold things ("手上管着"), a
# pointer back to a figure already named ("这个数"). They name nothing in a report.
_FILLER = re.compile(r"我?想(?:问|了解|知道|请教)(?:一)?下?|请问一?下?|请教一?下?|问一?下|麻烦(?:问|查|看)一?下"
                     r"|帮(?:我|忙)?(?:查|看|找)一?下|(?:能|可以)(?:不能)?告诉我|你知道|谁知道|打听一?下"
                     r"|加起来|合起来|算起来|算下来|加在一起|总的来说|手上|手里|手头|这个数字?|这一数字|这个数据"
                     # "…发展党员情况表里，": where the asker looked (a table), not what is asked
                     r"|(?:情况|统计|一览)?表格?(?:里|中|上)(?=[，,])|看?\s*(?:那|这)张表格?(?:里|中|上)?(?=[，,])"
                     r"|看[^，,。？?]{0,16}?(?:附表|统计表|一览表)(?:里|中|上)?(?=[，,])"
                     # "发的那本手册": a pointer to a thing, not a word for it
                     r"|(?:那|这)(?:本|部|套)(?=[\u4e00-\u9fff])")
# "那篇上半年工作报道里说，…": which report the asker means, not what is asked.
# The words that follow quote the report, so its 去年/今年 are the report's own.
_QUOTING_FRAME = re.compile(r"(?:那|这|该)(?:篇|份)[^，,。？?]{0,12}?(?:报道|文章|报告|总结|综述|通讯|材料)(?:里|中|上|当中)?(?:说|提到|讲到?|写到?|称)?"
                            r"|(?:报道|文章|报告|总结|材料)(?:里|中|上)(?:说|提到|讲到?|写到?|称)")
_SECTOR = "(?:系统|战线|行业)"
# "我们在整理五星党支部创建的材料，想知道…": why the asker asks, not what. (Its
# year and place still count: they are read from the whole question.)
_ASKERS_CONTEXT = re.compile(r"^[^？?]*?(?:我|我们|咱们)[^，,。？?]{0,30}[，,]\s*(?:我|我们)?(?:想|要|需要)(?:知道|问问?|了解|确认|核实|查查?)(?:一下)?")
# A figure the question states ("处分了14个人", "三千多家基层法院") is context: its
# number must be in the passage (evidence.question_numbers_present), its measure
# word is no term.
_STATED_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?|(?<!第)[一二三四五六七八九十百千两]+)多?余?(?:万|亿)?(?:个人|名|人|个|家|件|项|起|次|份|所)")
# Locatives that only say "in" ("法院里排第几", "几年内"); 底 and 前 do tell
# something (年底: the stock at the year's end).
_PLAIN_LOCATIVES = {"里", "内", "中", "下", "上"}


_MEASURE_UNITS = {"元", "万元", "亿元", "万", "亿", "公里", "千米", "米", "平方米", "吨", "小时", "亩"}


def is_verb(word: str, nominal: bool = False) -> bool:
    """Whether jieba's dictionary takes the word for a verb (承认, 设在); with
    ``nominal``, a verb that is also a noun (投) counts."""
    init_dictionary()
    tagged = pseg.lcut(word, HMM=False)
    return len(tagged) == 1 and tagged[0].flag in (("v", "vn") if nominal else ("v",))


def _is_function(word: str, flag: str) -> bool:
    """Carries no content: by jieba's tag a conjunction, preposition, pronoun,
    particle, modal particle, interjection or onomatopoeia; or a plain locative."""
    return flag in ("e", "o") or flag[:1] in ("c", "p", "r", "u", "y") or word in _PLAIN_LOCATIVES


def _content_pieces(w: str) -> list[str]:
    """The content words of a segmented word: function words, plain locatives and
    question numerals (第几, 几年, 全年) drop out. A word jieba made up around a
    function word ("数在", "里排": not in its dictionary) keeps its other pieces;
    one made up of content pieces ("驻村") stays whole."""
    tagged = [(x.word, x.flag) for x in pseg.lcut(w, HMM=False)]
    made_up = len(tagged) > 1 and not jieba.dt.FREQ.get(w) and any(
        f[:1] in ("c", "p", "r") or x in _PLAIN_LOCATIVES for x, f in tagged)
    # A verb with an aspect particle glued on ("投了") is the verb.
    aspect = len(tagged) == 2 and tagged[1][0] in ("了", "过", "着") and tagged[0][1].startswith("v")
    if made_up or aspect:
        pieces = tagged
    else:
        pieces = [(w, tagged[0][1] if len(tagged) == 1 else "x")]
    return [x for x, flag in pieces
            if not _is_function(x, flag) and not (flag == "m" and re.search(r"几|多少|^全年$", x))]


def content_terms(text: str, people: bool = False) -> tuple[list[tuple[str, ...]], int, list[int], list[int], list[int]]:
    """(term groups in question order, index of the counted thing or -1,
    indices of the terms that qualify it)."""
    found: list[tuple[int, tuple[str, ...]]] = []
    rest = text
    for rx, group in _SPLIT_PHRASES:
        for m in rx.finditer(rest):
            for name in ("a", "b"):
                if m.group(name):
                    found.append((m.start(name), group))
                    rest = rest[:m.start(name)] + " " * len(m.group(name)) + rest[m.end(name):]
    for phrase in _PHRASES:
        if phrase in ("多少人", "多少名"):
            continue
        rx = _PHRASE_RX[phrase]
        for m in rx.finditer(rest):
            found.append((m.start(), _GROUP_OF[phrase]))
        rest = rx.sub(lambda m: " " * len(m.group(0)), rest)
    pos = 0
    for seg in words(rest):
        at = rest.find(seg, pos)
        pos = max(pos, at + len(seg)) if at >= 0 else pos
        for w in _content_pieces(seg):
            i = at + seg.find(w) if at >= 0 else -1
            _add_word(found, w, i)
    found.sort(key=lambda f: f[0])
    found = _meetings_named(found)
    groups: list[tuple[str, ...]] = []
    for _, g in found:
        if g not in groups:
            groups.append(g)
    occurrences = [(i, groups.index(g)) for i, g in found]  # every place each term stands
    ask = _ASK.search(text)
    head, modifiers, alts, qualifiers = -1, [], [], []
    if ask and groups:
        head, modifiers, alts, qualifiers = _head_index(text, ask.end(), occurrences, people)
    changed = _changed_thing(text, groups, occurrences, head)
    if changed:
        head, modifiers, alts, qualifiers = changed
    return groups, head, modifiers, alts, qualifiers


def _add_word(found: list[tuple[int, tuple[str, ...]]], w: str, i: int) -> None:
    """Add a content word of the question at position i, unless it says nothing."""
    if w in STOPWORDS or re.fullmatch(r"[\d.]+|[a-z]", w) or not w.strip():
        return
    if len(w) == 1 and not re.match(r"[\u4e00-\u9fff]", w):
        return
    # A word that is part of a phrase already matched (接收 in 接收新党员) adds nothing.
    if any(w in alt for _, g in found if len(g) > 1 for alt in g):
        return
    # "评出来": the reports write 评出 or 评选出, never the spoken 出来.
    if re.fullmatch(r"[\u4e00-\u9fff]出来", w):
        found.append((i, (w[0] + "出", w[0] + "选出", w)))
        return
    # A four-character compound of two words ("机构调整") is asked as its words:
    # the report may write them apart ("机构由3个调整为5个").
    parts = _halves(w)
    if parts:
        found.extend([(i, (parts[0],)), (i + 2, (parts[1],))])
    else:
        found.append((i, (w,)))


def _meetings_named(found: list[tuple[int, tuple[str, ...]]]) -> list[tuple[int, tuple[str, ...]]]:
    """"政治建设推进会": a meeting named by what it does is one term (推进会, 推进大会),
    so that any other 会 (座谈会) does not stand for it."""
    out: list[tuple[int, tuple[str, ...]]] = []
    for i, g in found:
        if g == ("会",) and out:
            j, prev = out[-1]
            if len(prev) == 1 and len(prev[0]) == 2 and j + 2 == i and is_verb(prev[0], nominal=True):
                out[-1] = (j, (prev[0] + "会", prev[0] + "大会", prev[0] + "会议"))
                continue
        out.append((i, g))
    return out


_CHANGE_WORD = re.compile(r"上升|下降|增长|增加|减少|提高|降低|增|减")
_COMPARED = re.compile(r"比上年|比去年|较上年|较去年|同比|比(?![例率重])")


def _changed_thing(text: str, groups: list[tuple[str, ...]], occurrences: list[tuple[int, int]], head: int):
    """"查处科级干部的人数比去年同期上升了百分之多少": the thing that changed is the
    noun before the comparison (干部, qualified by 科级), not the verb 上升."""
    if head >= 0 and not _CHANGE_WORD.fullmatch(groups[head][0]):
        return None
    cmp_ = _COMPARED.search(text)
    if not cmp_ or not _CHANGE_WORD.search(text, cmp_.end()):
        return None
    before = [(i, k) for i, k in occurrences if i < cmp_.start()]
    for n, (i, k) in reversed(list(enumerate(before))):
        tags = [f for _, f in pseg.cut(groups[k][0])]
        if len(tags) != 1 or not tags[0].startswith("n") or tags[0] == "nr":
            continue
        mods = []
        if n > 0:
            j, kj = before[n - 1]
            if j + len(groups[kj][0]) == i:  # written right before it: 科级干部
                mods = [kj]
        return k, mods, [], []
    return None


# "共有多少个": these only say that there are some; the thing counted is elsewhere.
_EXISTENTIAL = {"有", "是", "共有", "一共", "共计", "合计", "总共", "累计", "总计"}


# Nouns for people ("处级干部", "党员", "职工"): such a noun after 多少人 is what is counted,
# whatever the tagger makes of the word before it.
_PEOPLE_NOUN = re.compile(r"(干部|党员|人员|群众|职工|代表|学员|书记|委员|工作者|人才|青年|同志|员工|专家|志愿者)$")


def _halves(w: str) -> tuple[str, str] | None:
    """("机构", "调整") for a 4-character word that is a noun plus a verb, else None."""
    if len(w) != 4 or not re.fullmatch(r"[\u4e00-\u9fff]{4}", w):
        return None
    tags = [(x, f) for x, f in pseg.cut(w, HMM=False)]
    if len(tags) == 1:
        sub = [x for x in jieba.lcut_for_search(w) if len(x) == 2]
        if sub[:2] == [w[:2], w[2:]]:
            a, b = pseg.lcut(w[:2])[0].flag, pseg.lcut(w[2:])[0].flag
            if a.startswith("n") and b.startswith("v"):
                return w[:2], w[2:]
    return None


def _head_index(text: str, ask_end: int, occurrences: list[tuple[int, int]], people: bool = False
                ) -> tuple[int, list[int], list[int], list[int]]:
    """Which term is the counted thing: the last noun of the noun phrase right
    after 多少 ("多少名优秀共产党员" -> 共产党员, "为多少位工人追回欠薪" -> 工人,
    "多少项操作规范" -> 规范), or, when nothing follows, the term just before
    多少 ("结案多少件" -> 结案). The other terms of that phrase qualify it."""
    init_dictionary()
    # Blanked-out spans confuse the tagger: tag the text without spaces and map back.
    idx = [i for i in range(ask_end, len(text)) if not text[i].isspace()]
    tail = "".join(text[i] for i in idx)
    pos, head_pos, phrase_start, verbs, first_verb = 0, None, None, 0, None
    nouns: list[tuple[int, int]] = []  # spans of the phrase's nouns; the other words qualify them
    for w, flag in pseg.cut(tail):
        start = idx[pos] if pos < len(idx) else len(text)
        pos += len(w)
        if not w.strip() or flag in ("m", "q", "u", "x", "uj") or w in STOPWORDS:
            if head_pos is not None and flag not in ("x",):
                break
            continue
        nounish = flag[0] in "najb" or flag in ("vn", "nz", "l", "i")
        # A verb may open the phrase (操作规范), but after a noun it ends it (工人追回).
        if nounish or (flag[0] == "v" and head_pos is None and verbs < 2):
            verbs += 0 if nounish else 1
            if not nounish and first_verb is None:
                first_verb = start
            phrase_start = start if phrase_start is None else phrase_start
            if nounish:
                head_pos = start + len(w) - 1
                if flag[0] not in "ab":
                    nouns.append((start, start + len(w)))
            continue
        break
    if (people and first_verb is not None and first_verb == phrase_start and head_pos is not None
            and not _PEOPLE_NOUN.search(text[:head_pos + 1])):
        # "邀请…多少人来南宁开展主题学习活动": people who do something; the nouns
        # after the verb are its objects, not the thing counted.
        return -1, [], [], []
    if head_pos is not None:
        inside = [(i, k) for i, k in occurrences if phrase_start <= i <= head_pos]
        if inside:
            head = inside[-1][1]
            # Each noun stands for its last term (优秀共产党员 -> 党员; 优秀 qualifies it).
            noun_k = set()
            for a, b in nouns:
                in_noun = [k for i, k in inside if a <= i < b]
                if in_noun:
                    noun_k.add(in_noun[-1])
            alts = sorted(noun_k - {head})
            return head, sorted({k for _, k in inside if k != head and k not in noun_k}), alts, []
    if first_verb is not None:
        # Only a verb follows ("多少人参加"): the people counted are those who do it.
        at = [k for i, k in occurrences if i == first_verb]
        if at:
            return at[0], [], [], []
    before = [(i, k) for i, k in occurrences if i < ask_end]
    subject = _relative_subject(text, ask_end, before, people)
    if subject:
        return subject[-1], [], [], subject[:-1]
    # The thing counted is the last term before 多少 that can be counted: not a
    # localizer or time word ("党总支调整后有多少个" counts 党总支, not 后).
    for i, k in reversed(before):
        toks = [(w, f) for w, f in pseg.cut(text[i:ask_end]) if w.strip()]
        if not toks or toks[0][1] in ("f", "t", "d", "p") or toks[0][0] in _EXISTENTIAL:
            continue
        # "调整后", "设置调整前": a time phrase, not the thing counted.
        verbs = 0
        while 1 + verbs < len(toks) and toks[1 + verbs][1] in ("v", "vn"):
            verbs += 1
        if toks[0][1] in ("v", "vn") and 1 + verbs < len(toks) and toks[1 + verbs][1] == "f":
            continue
        return k, [], [], _qualifiers_before(text, i, before)
    return (before[-1][1] if before else 0), [], [], []


def _relative_subject(text: str, ask_end: int, before: list[tuple[int, int]], people: bool = False) -> list[int]:
    """"处级干部受处分的有几个": a clause closed by 的 counts its subject, the nouns
    before its verb (处级 and 干部, 干部 the head), not the verb's object (处分).
    When people are counted, a subject that is none ("社会事业系统办理预备党员转正的
    有几名": a sector) is not what is counted: the thing done says who."""
    lead = re.sub(rf"(?:{_ASK.pattern})$", "", text[:ask_end]).rstrip()
    m = re.search(r"的\s*(?:有|共有|一共有|总共有)?$", lead)
    if not m:
        return []
    start = max(lead.rfind(x, 0, m.start()) for x in "，,；;") + 1
    clause = lead[start:m.start()]
    nouns, verb_at, pos = [], None, start
    toks = [(w, f) for w, f in pseg.cut(clause)]
    for j, (w, flag) in enumerate(toks):
        at = pos
        pos += len(w)
        if not w.strip():
            continue
        # jieba takes 处级 for a verb; before a noun it qualifies it (处级干部).
        qualifier = flag[0] == "v" and not nouns and j + 1 < len(toks) and toks[j + 1][1][0] == "n"
        if (flag[0] == "v" and flag != "vn" and not qualifier) or w in ("被", "受"):
            verb_at = at
            break
        if flag[0] in "nb" or flag in ("j", "nz") or qualifier:
            nouns.append(at)
        else:
            return []
    if verb_at is None or not nouns:
        return []
    if people and not _PEOPLE_NOUN.search(text[nouns[0]:verb_at].rstrip()):
        return []
    return list(dict.fromkeys(k for i, k in before if nouns[0] <= i < verb_at))


def _qualifiers_before(text: str, at: int, before: list[tuple[int, int]]) -> list[int]:
    """The terms written right before the head that qualify it: 严重 and 警告 in
    "给予严重警告处分的有多少人" (not the verb 给予)."""
    out, end = [], at
    for i, k in reversed([(i, k) for i, k in before if i < at]):
        toks = [(w, f) for w, f in pseg.cut(text[i:end]) if w.strip()]
        if len(toks) != 1 or toks[0][1] not in ("a", "ad", "an", "b", "n", "vn", "nz", "j", "d"):
            break
        out.append(k)
        end = i
    return sorted(out)


def _years(norm: str) -> list[int]:
    out = []
    for a, b in _YEAR.findall(norm):
        if a:
            out.append(int(a))
        else:
            digits = "".join(str(chinese_numeral_value(c)) for c in b)
            out.append(int(digits))
    return sorted(set(out))


# "哪几个市", "哪些单位": a list of names, answered with the sentences that give it.
WHICH_Q = re.compile(r"哪几|哪些|哪两|哪三")
# "党委（不含机关党委）": what the question leaves out.
_EXCLUDED = re.compile(r"[（(](?:不含|不包括|不包含|除去?)([^）)]{1,16}?)(?:外|以外|在内)?[）)]")


def question_kind(norm: str) -> str:
    # "是到哪个结对点开的": going to a which-one is going to a place.
    if _GO_WHICH.search(norm) and not _DATE_Q.search(norm):
        return "place"
    if WHICH_Q.search(norm) and not _DATE_Q.search(norm):
        return "place" if asks_place_kind(norm) else "describe"
    if _DATE_Q.search(norm):
        return "date"
    # ("有多少个活动地点", "多少个党支部位于城区": a count of places, not a place)
    asked_as_noun = _NUMBER_Q.search(norm) and all(m.group(0) in _PLACE_NOUNS for m in _PLACE_Q.finditer(norm))
    if (_PLACE_Q.search(norm) and not asked_as_noun) or (asks_place_kind(norm) and not _NUMBER_Q.search(norm)):
        return "place"
    if _NUMBER_Q.search(norm):
        return "number"
    return "describe"


# "市直属机关", "省直机关工委": the kind of organisation, a filter. A bare 机关
# stays a content word: 机关党委 is not 党委.
ORG_WORDS = re.compile(r"(市|省|区|自治区|县)?(直属|直)(各)?(机关|机关工委|工委)(系统|单位)?|(?:市|(?<=\s))级机关(?:工委)?|机关工委")


def analyse(question: str, gaz: Gazetteer | None = None) -> QueryInfo:
    gaz = gaz or Gazetteer.default()
    norm = normalize(question).strip()
    kind = question_kind(norm)
    years = _years(norm)
    places = list(gaz.mentions(norm).keys()) + list(county_mentions(norm).keys()) + list(county_city_mentions(norm, gaz).keys())
    org = next((o for o, rx in ORG_PATTERNS.items() if rx.search(norm)), "")
    m = _UNIT_Q.search(norm)
    unit = m.group(1) if m else ""
    if unit == "个" and _PEOPLE_AFTER_GE.match(norm, m.start()):
        unit = "人"  # 几个人 counts people
    om = _ORDINAL_Q.search(norm)
    ordinal = ""
    if om:
        # 几等奖 -> 等奖, 多少号 -> 号, 排第几 -> 第 (RANK)
        ordinal = om.group(1) or (RANK if "第" in om.group(0) else re.sub(r"^(?:几|多少)", "", om.group(0)))
        unit = ""  # 第几届 asks for a rank, not a count of 届
    counted_unit = _COUNTED_UNIT.search(norm) if not unit and kind == "number" and not ordinal else None
    if counted_unit:
        unit = counted_unit.group(1)  # "培训班的人次，…是多少": 人次 is what is counted
    if not unit and kind == "number":
        # No measure word: the thing asked for implies one (money, a rate).
        if _LENGTH_Q.search(norm):
            unit = "米"
        elif _MONEY_Q.search(norm):
            unit = "元"
        elif _RATE_Q.search(norm):
            unit = "%"

    # Content terms: what the question is about, minus place, year and org words
    # (every chunk of a report shares those; they are filters, not evidence).
    stripped = _YEAR.sub(" ", norm)
    # Place names are filters, not evidence -- except inside a quoted name
    # (“第六届海南省文明单位”), where they tell one award from another.
    quoted = [(m.start(), m.end()) for m in re.finditer(r"[“\"《「『][^”\"》」』]*[”\"》」』]", stripped)]
    for p in places:
        place = gaz.get(p)
        for form in (p, place.short if place else "", *(place.aliases if place else ())):
            if form:
                # "广西区科技厅": the place's own suffix goes with it.
                stripped = re.sub(re.escape(form) + "(?:区|市|省)?",
                                  lambda m: m.group(0) if any(a <= m.start() < b for a, b in quoted) else " " * len(m.group(0)),
                                  stripped)
    excluded = [m.group(1) for m in _EXCLUDED.finditer(stripped)]
    stripped = _EXCLUDED.sub(lambda m: " " * len(m.group(0)), stripped)
    # The question words themselves ("几月几日", "什么时候", "哪几天") are not content;
    # date words first, so that 哪几天 does not leave 天 behind.
    stripped = _DATE_Q.sub(lambda m: " " * len(m.group(0)), stripped)
    stripped = _LENGTH_Q.sub(lambda m: " " * len(m.group(0)), stripped)
    if kind == "place":
        stripped = _PLACE_SLOT.sub(lambda m: " " * len(m.group(0)), stripped)
    stripped = re.sub(rf"(?:{WHICH_Q.pattern})个?", lambda m: " " * len(m.group(0)), stripped)
    stripped = ORG_WORDS.sub(" ", stripped)
    stripped = _ASKERS_CONTEXT.sub(lambda m: " " * len(m.group(0)), stripped)
    stripped, quoting = _QUOTING_FRAME.subn(lambda m: " " * len(m.group(0)), stripped)
    if not quoting:
        stripped = RELATIVE_YEAR.sub(" ", stripped)
    stripped = _FILLER.sub(lambda m: " " * len(m.group(0)), stripped)
    if counted_unit:
        stripped = stripped[:counted_unit.start(1)] + " " * len(unit) + stripped[counted_unit.end(1):]
    stripped = _STATED_FIGURE.sub(lambda m: " " * len(m.group(0)), stripped)
    # The measure word is matched as a unit, not as a term: 多少名 -> 多少.
    stripped = _GENERIC_COUNT.sub(lambda m: " " * len(m.group(0)), stripped)
    if ordinal:
        stripped = _ORDINAL_Q.sub(lambda m: " " * len(m.group(0)), stripped)
    # 几个人 is 几人: 人 is the unit, not the thing counted…
    people_ge = unit == "人" and bool(_PEOPLE_AFTER_GE.search(stripped))
    if people_ge:
        stripped = _PEOPLE_AFTER_GE.sub(r"\1 ", stripped)
    stripped = _UNIT_Q.sub(lambda m: m.group(0)[:-len(m.group(1))] + " " * len(m.group(1)), stripped)
    if unit == "元":
        stripped = _GENERIC_MONEY.sub(" ", stripped)
    elif unit == "%":
        stripped = _GENERIC_RATE.sub(" ", stripped)
    terms, head, modifiers, head_alts, qualifiers = content_terms(stripped, people=unit in ("人", "名", "位"))
    # "达标率是多少": a report may give the rate as a share ("…党支部达标,占全部…的93.8%").
    if unit == "%" and head >= 0 and len(terms[head]) == 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,4}率", terms[head][0]):
        terms[head] = (terms[head][0], terms[head][0][:-1])
    # "资金投了多少", "修了多少公里": an amount or a length measures no event; the
    # verb before it (投 of 投入, 修 of 修建) is evidence, not the thing counted.
    if unit in _MEASURE_UNITS and head >= 0 and len(terms[head]) == 1 and is_verb(terms[head][0], nominal=True):
        head, head_alts = -1, []
    # "科教文卫系统的…": a sector of the committee is a part, and must stand with the figure.
    for k, g in enumerate(terms):
        if k != head and k not in modifiers and len(g[0]) >= 2 and (
                re.search(re.escape(g[0]) + _SECTOR, norm) or re.fullmatch(r"..+" + _SECTOR, g[0])):
            modifiers = sorted(modifiers + [k])
    # "…受理的案件里，知识产权案件有多少件": the counted noun named again with a word
    # written onto it asks for that kind among them (知识产权案件); it must stand with the figure.
    if head >= 0 and qualifiers:
        # (the head inside another term, 宣讲 of 宣讲团, is no naming of it)
        bare = norm
        for j, g in enumerate(terms):
            if j != head and any(p in g[0] and p != g[0] for p in terms[head]):
                bare = bare.replace(g[0], " " * len(g[0]))
        h = next((p for p in terms[head] if bare.count(p) >= 2), "")
        last = bare.rfind(h) if h else -1
        for k in qualifiers:
            if last > 0 and norm[:last].endswith(terms[k][0]) and h not in terms[k][0]:
                modifiers = sorted(set(modifiers) | {k})
    # 机关 of "机关党组织" says whose, not what is counted: no stand-in for the head.
    head_alts = [k for k in head_alts if terms[k][0] not in GENERIC_NOUNS]
    # …but "干部…一共来了几个人" is answered by "乡长、…村主任共7人": people, whoever they are.
    if people_ge and head >= 0 and ("人",) not in terms:
        terms.append(("人",))
        head_alts = head_alts + [len(terms) - 1]
    # "党员总数是多少": people, though no measure word says so.
    if not unit and kind == "number" and head >= 0 and not ordinal and any(_PEOPLE_NOUN.search(p) for p in terms[head]):
        unit = "人"
    # "科级干部有几个", "处级干部受处分的有几个": people, whatever the measure word.
    if unit == "个" and head >= 0 and (head == len(terms) - 1 or re.search(r"的(?:有|共有)?(?:多少|几)个", norm)) \
            and any(_PEOPLE_NOUN.search(p) for p in terms[head]):
        unit = "人"
    # "在哪个场馆": a kind of place no name is written with (襄阳大剧院) is said by the
    # name's ending, not by the word.
    kind_word = asked_place_kind(norm) if kind == "place" else ""
    if kind_word and head < 0 and not modifiers and kind_word not in place_endings(kind_word):
        terms = [g for g in terms if g != (kind_word,)]
    # A quoted name is matched whole as well as word by word: “第六届海南省文明单位”
    # is not “第六届全国文明单位”, though every word but one is shared.
    quoted_terms = []
    for m in re.finditer(r"[“\"《「『]([^”\"》」』]{4,40})[”\"》」』]", norm):
        phrase = (m.group(1),)
        if phrase not in terms:
            terms.append(phrase)
        quoted_terms.append(terms.index(phrase))
    return QueryInfo(
        text=question, norm=norm, kind=kind, years=years, places=places, org=org,
        unit=unit, terms=terms, head=head, modifiers=modifiers, head_alts=head_alts, relative_year=bool(RELATIVE_YEAR.search(norm)),
        ordinal=ordinal, quoted=quoted_terms, qualifiers=qualifiers, excluded=excluded, delta=kind == "number" and bool(_DELTA_Q.search(norm)),
    )
