"""Chinese word segmentation for keyword search and answer matching (jieba)."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

from .textnorm import normalize

jieba.setLogLevel(logging.WARNING)

# Terms of party-building reports that jieba's general dictionary splits badly.
DOMAIN_TERMS = [
    "发展党员", "预备党员", "入党积极分子", "发展对象", "党支部", "党总支", "党委", "机关党委",
    "基层党组织", "党组织", "党员干部", "纪检监察", "党纪政务处分", "党风廉政", "三会一课",
    "主题党日", "创先争优", "两学一做", "不忘初心", "模范机关", "直属机关", "市直机关",
    "省直机关", "区直机关", "机关工委", "党建工作", "优秀共产党员", "先进基层党组织",
    "纪律教育学习月", "廉政教育", "党代表", "人大代表", "换届选举", "新党员", "火线入党",
    "精准扶贫", "脱贫攻坚", "结对共建", "党组织建设年", "青年文明号", "文明单位",
    "老党员", "预备党员", "正式党员", "党员代表", "评价表", "回收率", "满意率", "不满意率",
    # (jieba splits 线上 into 线 + the locative 上, which then drops out of a question)
    "线上",
]

# Verbs of discipline and casework that jieba's dictionary tags as nouns ("初步核实231件"):
# which action governs a figure is read from these tags.
DOMAIN_VERBS = ("核实", "立案", "结案", "办理", "问责", "约谈", "重温", "参观", "参赛", "参训", "参学", "轮训",
                "集训", "植树", "通报",
                # jieba tags 新建 a place (新建区, 南昌): "新建党支部16个" tells a deed
                "新建",
                # tagged a numeral or a noun: "软弱涣散党支部整顿6个", "选派驻村第一书记53名"
                "整顿", "整治", "选派", "下派", "选树", "命名", "印发", "编印")

STOPWORDS = set(
    "的 了 和 与 及 等 在 是 有 为 对 以 于 将 把 被 由 从 向 到 也 都 而 并 或 其 之 个 这 那 "
    "多少 几 几个 哪 哪里 哪儿 哪些 什么 何时 何地 怎么 怎样 如何 是否 吗 呢 吧 啊 请问 请 问 "
    "一共 共 总共 合计 总计 分别 大约 约 到底 究竟 一下 告诉 我 你 他们 我们 多 少 "
    "为什么 什么 哪 叫 叫做 称为 名称 名字 "
    "哪天 哪一天 哪年 哪一年 哪个 哪位 哪项 哪家 哪些 谁 是谁 什么样 多久 多长时间 期间 时候 地方 "
    "是 有 了 过 被 着 所 该 此 这个 这些 那个 那些 各 个 位 还 又 就 才 已 已经 曾 "
    # Colloquial light verbs and hedges ("搞了几场", "拿到…的有几个", "大概多少人"): they name nothing.
    "搞 弄 搞了 弄了 拿到 拿了 大概 大致 差不多 左右 以来 "
    "年 月 日 ， 。 、 ； ： ？ ！ （ ） “ ” 《 》 ( ) , . ; : ? ! \" ' - — …".split()
)

_PUNCT = re.compile(r"^[\W_]+$")

_initialised = False


def init_dictionary() -> None:
    global _initialised
    if not _initialised:
        for term in DOMAIN_TERMS:
            jieba.add_word(term, freq=20000, tag="n")
        for verb in DOMAIN_VERBS:
            jieba.add_word(verb, tag="v")
        _initialised = True


@lru_cache(maxsize=8192)
def _cut(text: str) -> tuple[str, ...]:
    init_dictionary()
    return tuple(jieba.lcut_for_search(text))


def tokens(text: str) -> list[str]:
    """Search tokens of a text: normalised, segmented, without punctuation/stopwords."""
    out = []
    for t in _cut(normalize(text).lower()):
        t = t.strip()
        if not t or _PUNCT.match(t):
            continue
        if t in STOPWORDS:
            continue
        out.append(t)
    return out


def words(text: str) -> list[str]:
    """Plain (non search-mode) segmentation of a normalised text, punctuation dropped."""
    init_dictionary()
    return [w for w in jieba.lcut(normalize(text)) if w.strip() and not _PUNCT.match(w)]
