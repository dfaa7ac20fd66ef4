"""The extractive answerer: picks the exact figure, date, place or sentences
that answer a question from retrieved passages, or refuses.

No language model: every answer is a span of a cited passage, so a figure can
only be one that the report states, and when no passage supports the
question's terms the answer is a refusal rather than the nearest number.

The rules it applies live beside it: qa/evidence.py (sentences, clauses and
how well they cover the question's terms), qa/figures.py (what a figure is),
qa/counted.py (which thing a figure counts), qa/dates_in_text.py,
qa/places_in_text.py and qa/person_names.py (dates, places and people as the
reports write them).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

import jieba.posseg as pseg

from .counted import (
    BEFORE_Q,
    CHANGE,
    CONTINUES,
    DELTA_BEFORE,
    TARGET,
    act_not_told,
    action_asked,
    actions_told_bare,
    another_event_named,
    another_kind_named,
    another_of_the_kind,
    asked_kind_untold,
    asked_kinds,
    breakdown_unasked,
    continues_without_noun,
    counts_other,
    displaced_by_namesake,
    event_not_told,
    head_phrase,
    head_present,
    holder_named,
    in_parentheses,
    is_noun_phrase,
    mask_brackets,
    only_listed,
    opens_without_subject,
    other_cell,
    other_money,
    predicate_terms,
    prize_not_told,
    qualifier_in_another_item,
    question_verbs,
    rate_of_terms,
    recast_after_head,
    respective_fit,
    told_without_figure,
    unasked_predicate,
    unasked_qualifier,
    unasked_row,
    unasked_union,
    verbs_before,
)
from .dates_in_text import DATE, DATE_OR_HOLIDAY, DAY_Q, HOLIDAY, RANGE_Q, REPORT_YEAR_Q, YEAR_ONLY, YEAR_Q
from .evidence import (
    CLAUSE_SPLIT,
    SENT_SPLIT,
    Span,
    TermWeights,
    coverage,
    distance_to,
    enumeration_items,
    literal_coverage,
    matched,
    question_numbers_present,
    soft_match,
    spans,
    spans_in,
)
from .figures import (
    FIGURE,
    UNITS,
    figure_key,
    figure_value_ok,
    format_figure,
    unit_score,
)
from .person_names import TITLE, asks_for_name, names_a_person, title_holder_named
from .places import place_label
from .places_in_text import (
    GENERIC_PLACE_KINDS,
    asked_place_endings,
    asked_place_kind,
    listed_names,
    names_ending,
    owned_after_kind,
    titled_names,
    venue_spans,
)
from .query import ORG_WORDS, RANK, WHICH_Q, QueryInfo, is_verb
from .textnorm import CN_NUMERAL_CHARS, to_halfwidth
from .types import Answer, Chunk, Citation, Hit

log = logging.getLogger(__name__)

# TermWeights, Span, FIGURE and UNITS moved out; they stay importable from here.
__all__ = ["FIGURE", "UNITS", "Answerer", "Candidate", "ExtractiveAnswerer", "Span", "TermWeights", "refusal"]

_PHRASE_BREAKS = "，,；;、()（）:："
# Bodies a report's figures belong to; one named in a question is a subject, not a topic.
_BODY = re.compile(r"政协|人大|法院|检察院|纪委|监委|政府|工会|团委|妇联|党校|公安|海关|税务")
_CHANGE_LEAD = re.compile(r"同比|比上年|比去年|较上年|较去年|增加|减少|增长|上升|下降|提高|降低")
# A document code's issuer: "桂办发[2010]17号" -> 桂办发; in a question: "是直工发多少号".
_ISSUER = re.compile(r"([\u4e00-\u9fff]{1,5}发)\s*[\[〔【（(]?[^\]〕】）)\u4e00-\u9fff]*[\]〕】）)]?\s*第?$")
_ISSUER_Q = re.compile(r"([\u4e00-\u9fff]{1,5}发)(?=第?(?:几|多少)号)")
_REFUSE = "报告中没有找到能回答这个问题的内容。"
# How far behind the best figure another year's figure may score and still be
# that year's answer to a question that names no year.
_OTHER_YEAR_SLACK = 5.0
_AMBIGUOUS = "报告中有几个{what}都可能是所问的（如{a}、{b}），无法确定是哪一个。请把问题问得更具体些。"
_AMBIGUOUS_WHAT = {"number": "数字", "date": "日期", "place": "地方"}


# "具体是哪一天", "决赛是哪天举行的": the very day, which a month alone does not give.
_EXACT_DAY_Q = re.compile(r"具体(?:是)?(?:哪一?天|几号|几月几日|日期)|几月几(?:号|日)|哪一?天")
# "哪篇文章", "发言题目是什么": a title, which a report writes in 《》 or quotes.
_TITLE_Q = re.compile(r"哪篇|哪本|哪部|题目|标题")
_TITLE_MARK = re.compile(r"[《“\"「『]")
# "一等奖是哪个单位": asks the holder of a role, like 是谁.
_WHICH_BODY_Q = re.compile(r"(?:哪个|哪家|哪些|哪几个|哪支|哪部|哪首)(?:单位|部门|机关|代表队|队伍|团队|党支部|节目|作品|曲目)")

# Words for whoever holds a role: the role is the word before them.
_HOLDER_SUFFIX = re.compile(r"(?:的)?(?:得主|获得者|获奖者|人选|获奖单位|单位)$")
# "二等奖给了哪个代表队", "团体总分第一名是哪个单位": the verb of giving, and a rank
# whose field is named before it, are not the role.
_GIVEN_TO = re.compile(r"(?:给了?|颁给了?|发给了?|授予了?|归了?)$")
_RANK_AFTER = re.compile(r"第[一二三四五六七八九十\d]+名?$")

# "哪里的精准扶贫工作": a place whose thing is asked, and the endings of such places' names.
_WHOSE_PLACE_Q = re.compile(r"(?:哪里|哪儿|什么地方|何地)的([\u4e00-\u9fff]{2,8})")
_ADMIN_ENDINGS = ("村", "乡", "镇", "县", "市", "区", "社区", "街道", "州", "省")

# How much of the question a date's or venue's own sentence must hold, as a share
# of the coverage the whole answer needs.
_OWN_SENTENCE_SHARE = 0.6
# Words of a sentence that tells how many there are, not what was done:
# "截至年底，…共有基层党组织1987个，其中…党总支126个".
_STOCK = re.compile(r"共有|现有|截至|截止|至年底|至年末")
# The two sides of a split a report counts apart: a figure for one side does not
# answer a question about the other ("线下销售…约300万元" for 线上销售了多少).
_SIDES = (("线上", "线下"), ("上半年", "下半年"), ("党内", "党外"), ("省内", "省外"), ("市内", "市外"),
          ("境内", "境外"), ("国内", "国外"), ("校内", "校外"), ("在职", "离退休"))
# A question that counts within a group it gives a figure for ("查处的15名纪检监察干部中
# 有多少名处级干部"): that group, with its figure, is what the report must tell.
_SCOPED_COUNT_Q = re.compile(r"(?<![\d.])(\d+)(?:名|人|个|家|件|项|篇|批|位)[\u4e00-\u9fff]{1,12}?(?:当中|之中|中)[^？?。]*?(?:多少|几)")
# How much better another part of the sentence must tell the event asked to take it from a part.
_BETTER_PART = 0.15

class Answerer(Protocol):
    def answer(self, query: QueryInfo, hits: list[Hit]) -> Answer: ...


@dataclass
class Candidate:
    span: Span  # the quote
    answer: str
    score: float
    coverage: float
    ans_start: int = 0  # offsets of the answer inside the chunk
    ans_end: int = 0
    extra: list[Span] = field(default_factory=list)


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

    def _clauses(self, q: QueryInfo, hits: list[Hit]):
        """(rank, passage context, sentence, clause) for every clause of the hits
        whose passage has the numbers the question names."""
        for rank, hit in enumerate(hits):
            ctx = self.context(hit.chunk)
            if not question_numbers_present(q, ctx):
                continue
            for sent in spans(hit, rank, SENT_SPLIT):
                for clause in spans_in(sent, CLAUSE_SPLIT):
                    yield rank, ctx, sent, clause

    def _number_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        out = []
        heads = [q.terms[k] for k in ([q.head] + q.head_alts if q.head >= 0 else [])]
        # What the question asks about, without its place, year and organisation
        # words (市直机关 does not ask for 机关党支部).
        asked = " ".join(p for g in q.terms for p in g) + " " + ORG_WORDS.sub(" ", q.norm)
        phrase = head_phrase(q)
        q_verbs = question_verbs(q)
        sent_cov, covered, told_otherwise = 0.0, None, ""  # per sentence, computed once
        asked_bodies = set(_BODY.findall(q.norm))
        said_of = predicate_terms(q)
        kinds = asked_kinds(q)
        acted = action_asked(q)
        said_compounds = [(j, k) for j in said_of for k in said_of
                          if q.terms[j][0] + q.terms[k][0] in q.norm and is_noun_phrase(q.terms[j][0], q.terms[k][0])]
        bare = {}  # per document: the question's actions told there with no figure
        scoped = _SCOPED_COUNT_Q.search(q.norm)
        scoped_figure = re.compile(rf"(?<![\d.]){scoped.group(1)}(?![\d.])") if scoped else None
        for rank, ctx, sent, clause in self._clauses(q, hits):
            cnorm = clause.norm
            doc = sent.hit.chunk.doc_id
            if scoped_figure and not scoped_figure.search(_paragraph_before(sent.hit.chunk.search_text, sent.end)):
                _skipped(list(FIGURE.finditer(cnorm)), "the group the question counts within is not told with its figure")
                continue
            if doc not in bare:
                bare[doc] = actions_told_bare(q, q_verbs, "\n".join(
                    h.chunk.search_text for h in hits if h.chunk.doc_id == doc))
            if any(v not in sent.norm for v in bare[doc]):
                _skipped(list(FIGURE.finditer(cnorm)), "the action asked is told with no figure elsewhere in the report")
                continue
            # "政协机关收到多少件提案" is not answered by what 市政府办公室 handled: when
            # the sentence names bodies, one must be the body the question names.
            told = set(_BODY.findall(sent.norm))
            if asked_bodies and told and not asked_bodies & told:
                continue
            # "中山市税务局一共有多少名党员" is not answered by the whole city's figure:
            # the body asked is named in the figure's paragraph.
            if asked_bodies and not asked_bodies & set(_BODY.findall(
                    _paragraph_before(sent.hit.chunk.search_text, sent.end))):
                continue
            # A figure the question itself states ("在四个市…") is not its answer.
            figures = [m for m in FIGURE.finditer(cnorm)
                       if figure_value_ok(m, cnorm) and _bare(m) not in q.norm]
            if not figures:
                continue
            # A change is told of the clause before it ("查处科级干部137人,同比上升153.7%"):
            # that clause is where the question's words must stand.
            before = re.split(r"[，,；;]", sent.norm[:clause.start - sent.start].rstrip("，,；; "))[-1]
            near = before + cnorm if q.delta and _CHANGE_LEAD.match(cnorm.lstrip()) else cnorm
            cov, _ = coverage(q, self.weights, near, sent.norm, ctx)
            if covered is not sent:
                sent_cov, covered = coverage(q, self.weights, sent.norm, "", "")[0], sent
                told_otherwise = _sentence_tells_another(q, sent, said_of, said_compounds)
            # The counted thing must be named where the figure is (for a
            # share, in the same sentence: "…达标,占全部…的89%").
            # (A change is told of the thing named before it: "发展党员1684名,比上年增加127名".)
            where = sent.norm if q.unit == "%" or q.delta else cnorm
            head = next((h for h in heads if head_present(h, where, q.norm)), None)
            # A clause that goes on from the one before ("…党组织关系,由原来的11个
            # 调整为7个") counts the thing named there.
            first = figures[0].start()
            carried = head is None and (bool(CONTINUES.match(cnorm.lstrip())) or q.delta
                                        or continues_without_noun(cnorm[:first], asked))
            if carried:
                head = next((h for h in heads if head_present(h, before, q.norm)), None)
                # "…驻琼企事业党组织关系,由原来的11个调整为7个" counts a kind of 党组织
                # the question does not name: not its answer.
                if head and unasked_qualifier(head, before, q.norm):
                    _skipped(figures, "the clause carried on from names an unasked kind of the thing")
                    continue
            if heads and head is None:
                _skipped(figures, "the counted thing is not named in the clause")
                continue
            if told_otherwise:
                _skipped(figures, told_otherwise)
                continue
            if head and asked_kind_untold(kinds, f"{sent.hit.chunk.section} {sent.norm}"):
                _skipped(figures, "the sentence never names the kind of the thing the question asks")
                continue
            if head and another_kind_named(q, head, where, sent.norm):
                _skipped(figures, "the clause names only another kind of the counted thing")
                continue
            if unasked_row(cnorm, q.norm):
                _skipped(figures, "a table row for a part the question does not name")
                continue
            if displaced_by_namesake(q, sent.norm, clause.start - sent.start):
                _skipped(figures, "another event of the kind asked is named in between")
                continue
            c0 = clause.start - sent.start
            if told_without_figure(q, q_verbs, sent.norm, c0, c0 + len(cnorm)):
                _skipped(figures, "the action asked is told with no figure (一批) in another clause")
                continue
            lo, hi = _semicolon_part(sent.norm, c0)
            if another_of_the_kind(q.norm, sent.norm[lo:hi]):
                _skipped(figures, "the part of the sentence names another event of the kind asked")
                continue
            # Another part of the sentence names the thing as the question writes it
            # (轮训班), this one only by another word of its group (培训班).
            if _named_as_asked_elsewhere(q, self.weights, sent.norm[lo:hi], re.split(r"[；;]", sent.norm)):
                _skipped(figures, "another part of the sentence names the thing as asked")
                continue
            # …with every qualifier the question gives it: 厅级干部 is not 处级干部
            # (in the clause it goes on from, too: "新制订廉政建设制度105项,修改完善531项").
            if carried and near == cnorm:
                near = before + cnorm
            elif near == cnorm and opens_without_subject(cnorm):
                # (a clause with no subject of its own has the one named earlier in its
                # part of the sentence: "组织宣讲小分队二十四支,深入…宣讲三百一十七场次")
                near = sent.norm[lo:c0] + cnorm
            if any(matched(q.terms[j], near) < 0 for j in q.modifiers):
                _skipped(figures, "a qualifier of the question is missing")
                continue
            if _other_side(q.norm, near, sent.norm):
                _skipped(figures, "the clause counts the other side of a split the question names")
                continue
            matched_len = sum(len(g[0]) for g in q.terms if matched(g, cnorm) >= 0)
            items = enumeration_items(cnorm)
            for i, m in enumerate(figures):
                # The qualifiers must stand with this figure, not only in a
                # bracket beside it ("发展党员67名(其中女性党员29名…)" for 女党员).
                masked = mask_brackets(cnorm, m.start())
                lead_in = near[:len(near) - len(cnorm)]  # the clause a change is told of
                if any(matched(q.terms[j], lead_in + masked) < 0 and soft_match(q.terms[j], lead_in + masked) == 0
                       for j in q.modifiers):
                    _skipped([m], "a qualifier stands only in brackets")
                    continue
                item = next((a, b) for a, b in items if a <= m.start() < b)
                if any(qualifier_in_another_item(q.terms[j], masked, items, item) for j in q.modifiers):
                    _skipped([m], "a qualifier stands only in another item of the list")
                    continue
                if q.delta != bool(DELTA_BEFORE.search(cnorm[max(0, m.start() - 4):m.start()])):
                    _skipped([m], "change vs level")
                    continue  # asked for a change, got a level, or the other way round
                unit_fit = unit_score(q.unit, m.group("unit"))
                if unit_fit < 0 and q.unit:
                    _skipped([m], f"unit does not fit {q.unit}")
                    continue  # asked for people, got a count of units: not this figure
                inorm = masked[item[0]:item[1]]
                if any(x in inorm for x in q.excluded):
                    _skipped([m], "excluded by the question")
                    continue  # "党委（不含机关党委）": not the 机关党委 figure
                prox = distance_to(head, inorm, m.start() - item[0], m.end() - item[0]) if head else None
                near_head = prox is not None
                share = 3.0 if q.unit == "%" and cnorm.lstrip().startswith("占") else 0.0
                if (share or carried) and prox is None and head:
                    # "2387个党支部达标,占全部…的89%": the share is of the clause before.
                    d = distance_to(head, before, len(before), len(before))
                    prox = None if d is None else d + m.start()
                    if prox is not None and carried and not share:
                        prox = min(prox, 2)  # "…制度90项,修改完善217项": goes straight on
                    near_head = prox is not None
                # The item names the thing as the question does (在职党员), not a
                # sub-kind the question didn't ask for (离退休党员, 人均结案).
                qualified = 1.5 if q.modifiers and all(matched(q.terms[j], inorm) >= 0 for j in q.modifiers) else 0.0
                if phrase and phrase in inorm:
                    qualified = max(qualified, 1.5)  # 机关党支部 as asked, not just 党支部
                extra = -1.5 if near_head and unasked_qualifier(head, inorm, q.norm) else 0.0
                # A figure in brackets (其中…) is a detail, unless it is the one the head names.
                aside = -1.0 if in_parentheses(cnorm, m.start()) and prox != 0 else 0.0
                # A part of a total named by a qualifier the question lacks
                # ("其中援鄂党员167名"), or people counted for doing something the
                # question doesn't mention ("8117名党员参与抗疫"), don't answer it.
                part = breakdown_unasked(cnorm, head, m.start(), asked) if "其中" not in q.norm else None
                if part:
                    _skipped([m], "a part named by an unasked qualifier")
                    continue
                if part is False and head:
                    qualified = max(qualified, 1.5)  # the part the question names: "援鄂党员" in (其中援鄂党员167名)
                if q.unit in ("元", "万元", "亿元") and other_money(cnorm, m, q.norm):
                    _skipped([m], "an amount earned, not the money asked")
                    continue
                if head and other_cell(head, cnorm, m, q.norm):
                    _skipped([m], "another column of the table row")
                    continue
                if acted and matched(acted, sent.norm) < 0 and _STOCK.search(sent.norm) and not verbs_before(inorm[:m.start() - item[0]]):
                    _skipped([m], "a stock figure for an action asked")
                    continue
                if head and (unasked_predicate(head, cnorm, m, asked)
                             or unasked_union(head, inorm, m.start() - item[0], asked)
                             or counts_other(head, cnorm, m, asked)):
                    _skipped([m], "counts people doing something unasked, a union or another thing")
                    continue
                # "超额完成60%达标的目标任务": a target is not what was achieved.
                target = -4.0 if TARGET.search(inorm) and not TARGET.search(q.norm) else 0.0
                # "由原来的11个调整为7个": the figure now, unless the question asks what it was.
                changed = None if q.delta else CHANGE.search(cnorm)
                was = -3.0 if (changed and changed.start("a") <= m.start() < changed.end("a")
                               and not BEFORE_Q.search(q.norm)) else 0.0
                if changed and changed.start("b") <= m.start() and BEFORE_Q.search(q.norm):
                    was = -3.0
                recast = -1.0 if near_head and recast_after_head(head, inorm, q.norm) else 0.0
                # The figure's own noun is the thing as the question writes it ("从67个申报单位中
                # 评选出32个…示范点" for 多少个申报单位): that is what the figure counts.
                as_asked = 2.0 if phrase and cnorm[m.end():].startswith(phrase) else 0.0
                # The verb that governs the figure, when the question has one:
                # "修改完善217项" for 修改完善了多少项, not "新制定…90项".
                # (Bonus from the clause: a verb may govern a whole list; penalty
                # when the item opens with another verb: "新制定…制度90项".)
                lead = masked[:m.start()]
                lead_verbs = verbs_before(lead)
                own = lead[item[0]:]
                # ...or when another verb stands between the thing and its figure: "软弱涣散
                # 党支部整顿6个" counts the branches put in order, not the branches there are.
                verb_fit = (1.5 if any(v in asked for v in lead_verbs) else 0.0) \
                    - (1.5 if any(v not in asked and (0 <= own.lstrip().find(v) <= 3
                                                      or _verb_after_thing(v, own, head))
                                  for v in verbs_before(own)) else 0.0)
                # The action the question names is told in another clause of the sentence,
                # while this figure's clause tells another one ("受理…线索821件,初步核实231件"
                # for 初步核实了多少件).
                if lead_verbs and not any(v in asked for v in lead_verbs) and any(
                        matched((v,), cnorm) < 0 and _governs_figure(v, sent.norm, q.unit) for v in q_verbs):
                    verb_fit -= 3.0
                score = (10 * cov + unit_fit + (3.0 if near_head else 0.0) + share + qualified + extra + aside + recast + target + was + verb_fit + as_asked
                         - 0.2 * min(prox if prox is not None else 15, 15)
                         + 1.5 * matched_len / max(len(cnorm), 1) + 1.0 / (rank + 1)
                         # In a list ("警告处分8人、严重警告处分6人") the item that names
                         # what the question names.
                         + 2.0 * coverage(q, self.weights, inorm, "", "")[0]
                         # …and, among several figures in one phrase, the words of its own:
                         # "有377名新党员举行…和1000名党员重温入党誓词", "(处级干部5人,科级干部6人)".
                         + (0.0 if changed else 2.0 * self._own_phrase_lead(q, cnorm, figures, i, item))
                         # "受理…和办结…分别为320件和298件": the value paired with the subject asked.
                         + 3.0 * respective_fit(q, self.weights.weight, sent.norm, clause.start - sent.start,
                                                cnorm, [f.start() for f in figures], m.start())
                         # The event the question names is in the figure's own sentence,
                         # not only somewhere in the passage (培训班, not 座谈会).
                         + 5.0 * sent_cov)
                a0 = clause.start + m.start()
                if log.isEnabledFor(logging.DEBUG):
                    log.debug("figure %s score %.2f: cov %.2f sent %.2f unit %.1f near %s prox %s share %.1f "
                              "qualified %.1f extra %.1f aside %.1f recast %.1f target %.1f was %.1f verb %.1f as_asked %.1f",
                              m.group(0), score, cov, sent_cov, unit_fit, near_head, prox, share, qualified,
                              extra, aside, recast, target, was, verb_fit, as_asked)
                out.append(Candidate(sent, format_figure(m), score, cov, a0, clause.start + m.end()))
        return out

    def _own_phrase_lead(self, q: QueryInfo, cnorm: str, figures: list[re.Match], i: int,
                         item: tuple[int, int], breaks: str = _PHRASE_BREAKS) -> float:
        """How much better the words of figure i cover the question than those of
        the other figures of its item (0 when it stands alone in it)."""
        others = [j for j, f in enumerate(figures) if j != i and item[0] <= f.start() < item[1]]
        if not others:
            return 0.0
        own = self._own_phrase_coverage(q, cnorm, figures, i, breaks)
        return own - max(self._own_phrase_coverage(q, cnorm, figures, j, breaks) for j in others)

    def _own_phrase_coverage(self, q: QueryInfo, cnorm: str, figures: list[re.Match], i: int,
                             breaks: str = _PHRASE_BREAKS) -> float:
        """How well the words next to figure i cover the question: those from the
        previous figure or break up to it, or from it up to the next figure or break
        (a Chinese figure may be told before or after its noun)."""
        m = figures[i]
        lo = max(figures[i - 1].end() if i else 0, max(cnorm.rfind(x, 0, m.start()) for x in breaks) + 1)
        ends = [j for j in (cnorm.find(x, m.end()) for x in breaks) if j >= 0]
        hi = min([figures[i + 1].start() if i + 1 < len(figures) else len(cnorm)] + ends)
        return max(coverage(q, self.weights, cnorm[lo:m.end()], "", "")[0],
                   coverage(q, self.weights, cnorm[m.start():hi], "", "")[0])

    def _ordinal_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        """A rank or code: "获三等奖", "直工发[2010]12号", "第六届"."""
        rx = (re.compile(rf"第(?:[{CN_NUMERAL_CHARS}]+|\d+)(?:位|名)?") if q.ordinal == RANK else
              re.compile(rf"第?(?:[{CN_NUMERAL_CHARS}]+|\d+){re.escape(q.ordinal)}"))
        # "是桂办发第几号文件": a code of that issuer, not of another one (直工发).
        issuer = _ISSUER_Q.search(q.norm)
        out = []
        for rank, ctx, sent, clause in self._clauses(q, hits):
            cnorm = clause.norm
            found = [m for m in rx.finditer(cnorm)
                     # 3月12号 is a date; a rank the question states is not its answer.
                     if cnorm[max(0, m.start() - 1):m.start()] != "月" and m.group(0) not in q.norm]
            for i, m in enumerate(found):
                code = _ISSUER.search(cnorm[:m.start()])
                if issuer and code and not _same_issuer(code.group(1), issuer.group(1)):
                    continue
                cov, _ = coverage(q, self.weights, cnorm, sent.norm, ctx)
                # Several codes in one clause: each follows the title it belongs to.
                score = 10 * cov + 1.0 / (rank + 1) + 2.0 * self._own_phrase_lead(
                    q, cnorm, found, i, (0, len(cnorm)), breaks="，,；;") + 3.0 * respective_fit(
                    q, self.weights.weight, sent.norm, clause.start - sent.start, cnorm,
                    [f.start() for f in found], m.start())
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
            for sent in spans(hit, hits.index(hit), SENT_SPLIT):
                i = sent.norm.find(year)
                if i >= 0:
                    a = sent.start + i
                    return [Candidate(sent, year, 10.0, 1.0, a, a + len(year))]
        return []

    def _date_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        want_year = bool(YEAR_Q.search(q.norm))
        if want_year and REPORT_YEAR_Q.search(q.norm):
            return self._report_year(q, hits)
        want_day = bool(DAY_Q.search(q.norm)) and not want_year
        want_range = bool(RANGE_Q.search(q.norm))
        rx = YEAR_ONLY if want_year else DATE if want_day else DATE_OR_HOLIDAY
        plain = [k for k in range(len(q.terms)) if k not in q.quoted]
        # The event is the last thing named, not the verb of holding it (举行/召开):
        # every event is held.
        named = [k for k in plain if "举行" not in q.terms[k]] or plain
        event = q.terms[named[-1]] if named else None
        out = []
        for rank, hit in enumerate(hits):
            ctx = self.context(hit.chunk)
            previous = ""
            for sent in spans(hit, rank, SENT_SPLIT):
                snorm, before = sent.norm, previous
                previous = snorm
                dates = list(rx.finditer(snorm))
                if dates and another_event_named(q.norm, snorm):
                    continue  # "运动会是哪天": the date of a 乒乓球赛 is not its date
                # "“绿色出行日”是哪天": a sentence that goes on from a list of a campaign's
                # activities ("…、“绿色出行日”及…等活动。4月28日,…举行活动启动仪式") dates the campaign.
                if dates and any(matched(q.terms[k], snorm) < 0 and only_listed(q.terms[k][0], before)
                                 for k in q.quoted):
                    continue
                # The date's own sentence must tell of the event: words of the
                # passage around it ("一是举行新党员宣誓…活动。…于6月下旬开始试行…")
                # do not make it that event's date.
                if dates and (event is None or matched(event, snorm) < 0) and \
                        coverage(q, self.weights, snorm, "", "")[0] < self.min_coverage * _OWN_SENTENCE_SHARE:
                    continue
                # What a date is about lies between its neighbouring dates:
                # "6月28日…培训班;9月14日…党务干部培训班".
                # (and each date's part between semicolons tells the event on its own so well)
                segments = [_semicolon_part(snorm, d.start(), d.end()) for d in dates]
                parts = [(max(dates[i - 1].end() if i > 0 else 0, segments[i][0]),
                          dates[i + 1].start() if i + 1 < len(dates) else len(snorm))
                         for i in range(len(dates))]
                # …but a clause that names its event first ("…开班,党支部书记示范培训班10月
                # 13日至17日在…") gives that name to the date after it, not the one before.
                led = set()
                for c in (m.start() for m in _EVENT_THEN_DATE.finditer(snorm)):
                    i = next((i for i in range(1, len(dates)) if dates[i - 1].end() <= c < dates[i].start()), None)
                    if i is not None:
                        parts[i - 1] = (parts[i - 1][0], min(parts[i - 1][1], c))
                        parts[i] = (c + 1, parts[i][1])
                        led.add(i)
                # (and where clauses name their events so, each date's own part tells it)
                texts = [snorm[lo:hi] for lo, hi in (parts if led else segments)]
                own = [coverage(q, self.weights, t, "", "")[0] for t in texts]
                for i, d in enumerate(dates):
                    lo, hi = parts[i]
                    # "9月16日，…知识竞赛决赛…；11月，…气排球比赛…": the event told in
                    # another date's part of the sentence is not this date's, nor is one
                    # another part tells better ("4月16日至20日，…党支部书记示范培训班…；
                    # 9月，…举办新任机关党委专职副书记培训班").
                    if event is not None and matched(event, snorm[lo:hi]) < 0 and matched(event, snorm) >= 0:
                        continue
                    if another_of_the_kind(q.norm, texts[i]):
                        continue
                    if own[i] < max(own) - _BETTER_PART or _named_as_asked_elsewhere(q, self.weights, texts[i], texts):
                        continue
                    # A Chinese time phrase comes before its event ("2016年开始探索…,
                    # 2017年…"): the words after a date count fully, those before it
                    # (up to the previous date) a little less.
                    cov_after, _ = coverage(q, self.weights, snorm[d.start():hi], snorm, ctx)
                    # Words that follow the previous date are its event, not this one's.
                    own_before = i in led or not (i > 0 and lo == dates[i - 1].end())
                    cov_before = coverage(q, self.weights, snorm[lo:d.end()], snorm, ctx)[0] if own_before else 0.0
                    cov = max(cov_after, cov_before)
                    score = 10 * max(cov_after, 0.95 * cov_before) + 1.0 / (rank + 1)
                    # "是哪天启动的": the event the question ends on happens at this date,
                    # and a day is asked for, not a span of months.
                    if event is not None and matched(event, snorm[d.start():hi]) >= 0:
                        score += 1.5
                        if snorm[d.start() - 1:d.start()] in ("于", "在", "至") and 0 <= matched(event, snorm[d.end():d.end() + 8]) <= 3:
                            score += 1.5  # "…于2010年10月29日启动", "至2011年1月底结束": said of this very date
                    if want_day and "日" not in d.group(0) and not HOLIDAY.fullmatch(d.group(0)):
                        if _EXACT_DAY_Q.search(q.norm):
                            continue  # "具体是哪一天": a month does not say
                        score -= 5.0
                    if want_range and re.search(r"至|到|-|—", d.group(0)):
                        score += 1.0  # "从哪天到哪天": a span, not its first day
                    out.append(Candidate(sent, d.group(0), score, cov, sent.start + d.start(), sent.start + d.end()))
        return out

    def _place_candidates(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        # "在哪个村/网站/公园…" names the kind of place wanted: look for a name ending in it.
        endings = asked_place_endings(q.norm)
        kind = asked_place_kind(q.norm)
        owned = owned_after_kind(q.norm)
        whose = next(iter(_WHOSE_PLACE_Q.findall(q.norm)), "")
        out = []
        for rank, hit in enumerate(hits):
            previous = ""
            for sent in spans(hit, rank, SENT_SPLIT):
                snorm = sent.norm
                # The event must be told where the place is, or in the sentence just
                # before ("开展…主题实践活动。4月28日,在…广场举行活动启动仪式"); the rest
                # of the passage does not say where *this* event was held.
                context, previous = f"{hit.chunk.section} {previous}", snorm
                if endings:
                    # A name of the kind asked for ("哪些平台") is rarer than a venue:
                    # the event may be named anywhere in the passage. ("哪些地方" names
                    # no rare kind: there the event must be told close by, as for a venue.)
                    if kind not in GENERIC_PLACE_KINDS:
                        context = self.context(hit.chunk)
                    found = _outermost(names_ending(snorm, endings) + listed_names(snorm, kind)
                                       + titled_names(snorm, kind))
                    if not found and kind in GENERIC_PLACE_KINDS:
                        found = venue_spans(snorm)  # "在哪些地方办过": venues not summed up as 等地
                else:
                    # "推动了哪里的精准扶贫工作": the place is named right before what it has
                    # ("推动广宁大良村精准扶贫工作"), no venue.
                    found = [(a, b) for a, b in names_ending(snorm, _ADMIN_ENDINGS)
                             if whose and snorm.startswith(whose[:2], b)] or venue_spans(snorm)
                if not found:
                    continue
                if another_event_named(q.norm, snorm):
                    log.debug("place in %r skipped: another event named", snorm[:30])
                    continue  # (the venue of a 乒乓球赛 is not the 运动会's)
                positions = [matched(g, snorm) for g in q.terms if matched(g, snorm) >= 0]
                anchor = min(positions) if positions else 0
                # How well each part of the sentence (between semicolons) tells the event, on its own.
                own_of = {p: coverage(q, self.weights, p, "", "")[0] for p in re.split(r"[；;]", snorm)}
                best_part = max(own_of.values())
                for a, b in found:
                    # ("到结对点贵港市…林村": the kind asked, written before the name, is no part of it)
                    k = snorm.find(kind, max(0, a - len(kind)), b) if kind else -1
                    if 0 <= k and k + len(kind) < b:
                        a = k + len(kind)
                    if snorm[a:b] in q.norm:
                        continue  # "把《海南机关党建》改版成了什么刊物": not the one the question names
                    # What a place is the place of lies in its own part of the sentence:
                    # "在复旦大学举办…培训班;…在市委党校举办…".
                    lo, hi = _dated_clause(snorm, *_semicolon_part(snorm, a, b), a, b)
                    local = snorm[lo:hi]
                    cov, _ = coverage(q, self.weights, local, snorm, context)
                    # …and the event asked is told there, not in another part that
                    # names it better ("在…古镇开办党务干部培训班;…开办新任党支部书记
                    # 培训班" names no place for the 新任党支部书记 class).
                    # (a name found across a semicolon has a part of its own)
                    own = own_of[local] if local in own_of else coverage(q, self.weights, local, "", "")[0]
                    if own < self.min_coverage * _OWN_SENTENCE_SHARE or own < best_part - _BETTER_PART:
                        log.debug("place %s skipped: its part covers the question %.2f (best part %.2f)",
                                  snorm[a:b], own, best_part)
                        continue
                    # (…or names it as asked: "…培训班在县委党校举办;…在江湾镇…举办…轮训班" for 轮训班)
                    if _named_as_asked_elsewhere(q, self.weights, local, list(own_of)):
                        log.debug("place %s skipped: another part names the event as asked", snorm[a:b])
                        continue
                    # (…nor under another name: "…党务干部培训班在哪里举办" and only the
                    # 入党积极分子培训班's venue given)
                    if another_of_the_kind(q.norm, local):
                        log.debug("place %s skipped: its part tells another of the kind", snorm[a:b])
                        continue
                    if act_not_told(q, local):
                        log.debug("place %s skipped: its part tells another event, not the act asked", snorm[a:b])
                        continue
                    text = snorm[a:b].strip().rstrip("。")
                    # Answer in the report's own characters.
                    text = hit.chunk.text[sent.start + a: sent.start + a + len(text)]
                    score = 10 * cov + 1.0 / (rank + 1) - 0.01 * abs(anchor - a)
                    if owned and snorm.startswith(owned[:2], b):
                        score += 3.0  # "古今村总支部书记" for 哪个村的总支部书记
                    out.append(Candidate(sent, text, score, cov, sent.start + a, sent.start + b))
        return out

    def _describe(self, q: QueryInfo, hits: list[Hit]) -> list[Candidate]:
        out = []
        who_m = asks_for_name(q.norm)
        who = who_m is not None
        titled = bool(_TITLE_Q.search(q.norm))
        asked = who_m or _WHICH_BODY_Q.search(q.norm)
        q = self._without_unused_verbs(q)
        role = self._role_asked(q, asked) if asked else None
        for rank, hit in enumerate(hits):
            for sent in spans(hit, rank, SENT_SPLIT):
                if len(sent.norm) < 8:
                    continue
                if who and not names_a_person(sent.norm) and not (role and holder_named(sent.norm, role[0])):
                    continue  # "工委书记是谁": only a sentence that names someone answers it (a prize may go to a team)
                if titled and not _TITLE_MARK.search(sent.norm):
                    continue  # "哪篇文章获一等奖": only a sentence that gives a title answers it
                if role is not None and matched(role, sent.norm) < 0:
                    continue  # "银奖是谁拿的": who won 金奖 does not answer it
                if who and role and TITLE.search(role[0]) and not any(
                        title_holder_named(sent.norm, r) for r in role if r in sent.norm):
                    continue  # "那位巡视员叫什么名字": "…、巡视员任副组长" names no 巡视员
                if asked and prize_not_told(q.norm, sent.norm):
                    continue  # "运动会第二名是哪个代表队": the 第一名 does not answer it
                cov, _ = coverage(q, self.weights, sent.norm, sent.norm, self.context(hit.chunk))
                score = 10 * cov + 2.0 / (rank + 1)
                out.append(Candidate(sent, sent.text.strip(), score, cov, sent.start, sent.end))
        out.sort(key=lambda c: -c.score)
        return out

    def _role_asked(self, q: QueryInfo, who: re.Match) -> tuple[str, ...] | None:
        """The role a who-question (or "是哪个单位") asks the holder of: the word
        right before its 是谁, after any word for a holder ("工委书记是谁" -> 书记,
        "金奖得主是谁" -> 金奖, "合唱比赛二等奖是哪个单位" -> 二等奖; "银奖是谁拿的"
        -> 银奖: no sentence names it, so none answers). None when that word is
        no role ("大会上是谁作了讲话")."""
        # "是哪个单位拿了冠军", "谁获得了一等奖": the role is the object after the verb.
        after = [(w, f) for w, f in pseg.cut(q.norm[who.end():]) if w.strip()]
        if len(after) >= 2 and after[0][1].startswith("v") and after[0][0] not in ("是", "有"):
            obj = next(((w, f) for w, f in after[1:] if not f.startswith(("u", "v"))), None)
            if obj and re.match(r"n|vn|j", obj[1]):
                return _term_of(q, obj[0])
        end = who.start() - (q.norm[:who.start()].endswith(("是", "被", "由", "让")))  # 银奖被谁拿走了
        before = _RANK_AFTER.sub("", _HOLDER_SUFFIX.sub("", _GIVEN_TO.sub("", q.norm[:end])))
        before = before[:-1] if before.endswith("的") else before  # "获得二等奖的是哪个代表队"
        tagged = [(w, f) for w, f in pseg.cut(before) if w.strip()]
        if not tagged or not re.match(r"n|vn|j", tagged[-1][1]):
            return None
        return _term_of(q, tagged[-1][0])

    def _without_unused_verbs(self, q: QueryInfo) -> QueryInfo:
        """A describe question without the verbs no report uses ("承认存在哪些不足",
        "设在了哪些地方"): they say how the question is put, not what it is about,
        and the answer is sentences, never a figure. Nouns stay: a thing no
        report names is still a reason to refuse."""
        keep = [k for k, g in enumerate(q.terms)
                if k in q.quoted or self.weights.df(g) > 0 or not is_verb(g[0])]
        if len(keep) == len(q.terms) or not keep:
            return q
        return replace(q, terms=[q.terms[k] for k in keep], head=-1, modifiers=[], head_alts=[], qualifiers=[],
                       quoted=[keep.index(k) for k in q.quoted if k in keep])

    # -- main entry

    def _quotes_an_unreported_name(self, q: QueryInfo) -> bool:
        """“三星党支部”, where the reports name only 五星 and 四星: a quoted name with a
        word no report uses anywhere is not in the reports, whatever its other
        words match."""
        for k in q.quoted:
            name = q.terms[k][0]
            if self.weights.df(q.terms[k]) == 0 and any(
                    len(g[0]) >= 2 and g[0] in name and self.weights.df(g) == 0
                    for j, g in enumerate(q.terms) if j not in q.quoted):
                return True
        return False

    def answer(self, q: QueryInfo, hits: list[Hit]) -> Answer:
        if not hits or not q.terms or self._quotes_an_unreported_name(q):
            return refusal(q, _REFUSE)
        if q.kind == "describe":
            cands = [c for c in _told_of_what_is_asked(q, self._describe(q, hits)) if c.coverage >= self.min_coverage]
            if not cands:
                return refusal(q, _REFUSE)
            chosen = _with_enumerations(_dedupe(cands)[: self.describe_sentences])
            return _compose(q, chosen, answer_text=chosen[0].answer, sentences=True)
        finder = {"number": self._ordinal_candidates if q.ordinal else self._number_candidates, "date": self._date_candidates,
                  "place": self._place_candidates}[q.kind]
        found = sorted(finder(q, hits), key=lambda c: -c.score)
        found = _told_of_what_is_asked(q, found)
        cands = [c for c in found if c.coverage >= self.min_coverage]
        if not cands:
            return refusal(q, _REFUSE)
        best = cands[0]
        if q.kind == "number" and found[0] is not best and figure_key(found[0].answer) != figure_key(best.answer):
            # A figure that fits better sits in a passage that covers the question
            # less: the one that passes the bar is not clearly the answer.
            return _ambiguous(q, best, found[0])
        if q.kind == "place" and WHICH_Q.search(q.norm):
            # "参观了哪些纪念馆": every name of that kind in the best sentence, in order.
            same = sorted({(c.ans_start, c.answer) for c in cands
                           if c.span.hit is best.span.hit and c.span.start == best.span.start})
            names = list(dict.fromkeys(a for _, a in same))
            return _compose(q, [best], answer_text="、".join(names))
        rival = next((c for c in cands[1:] if figure_key(c.answer) != figure_key(best.answer)), None)
        if rival is not None and best.score - rival.score < self.min_margin:
            # Two different figures fit the question about equally well: a guess
            # between them would be a coin toss, and a wrong figure is worse than none.
            return _ambiguous(q, best, rival)
        other_year = self._other_year(q, best, cands)
        if other_year is not None:
            return _ambiguous(q, best, other_year)
        return _compose(q, [best], answer_text=best.answer)

    def _other_year(self, q: QueryInfo, best: Candidate, cands: list[Candidate]) -> Candidate | None:
        """A question that names no year, over reports of several years: the best
        figure of another year's report, when that report tells the thing too (a
        figure passing the bar, not far behind) and tells a different figure."""
        years = best.span.hit.chunk.years
        if q.kind != "number" or q.years or q.relative_year or not years:
            return None
        return next((c for c in cands[1:]
                     if c.span.hit.chunk.years and c.span.hit.chunk.years != years
                     and figure_key(c.answer) != figure_key(best.answer)
                     and best.score - c.score < _OTHER_YEAR_SLACK), None)


def _sentence_tells_another(q: QueryInfo, sent: Span, said_of: list[int], said_compounds: list[tuple[int, int]]) -> str:
    """Why the sentence counts the thing for something other than the question says
    (another event, another predicate, another kind of it), or "" when it does not."""
    previous = re.split(r"[。！？!?]", sent.hit.chunk.search_text[:sent.start].rstrip("。！？!? \n"))[-1]
    if event_not_told(q, sent.norm, previous):
        return "those taking part are counted at another event"
    if said_of and all(matched(q.terms[k], sent.norm) < 0 for k in said_of):
        return "the sentence tells nothing the question says of the counted thing"
    rate_of = rate_of_terms(q)
    if rate_of and all(matched(q.terms[k], sent.norm) < 0 for k in rate_of):
        return "the sentence gives the rate of another thing"
    # "得了良好等次" is not "获优秀等次": a compound said of it is told whole.
    if any(matched(q.terms[k], sent.norm) >= 0 and matched(q.terms[j], sent.norm) < 0 for j, k in said_compounds):
        return "another kind of what the question says of the counted thing"
    return ""


def _told_of_what_is_asked(q: QueryInfo, cands: list[Candidate]) -> list[Candidate]:
    """A review of several years tells each year in its own paragraph (or table row),
    an article on two counties each county in its own: a candidate told under
    another year or county than the one asked is not its answer."""
    out = []
    for c in cands:
        chunk = c.span.hit.chunk
        # (a year that opens the candidate's own sentence counts: "2018年，…获二等奖")
        at = max(c.ans_start, c.span.start + 6)
        if q.years and len(chunk.years) >= 2 and _year_in_force(chunk.text, at) not in (None, *q.years):
            continue
        asked = [p for p in q.places if p in chunk.places]
        peers = [p for p in chunk.places if asked and p[-1] == asked[0][-1]]  # counties beside a county
        if len(peers) >= 2 and _place_in_force(chunk.search_text, c.ans_start, peers) not in (None, *asked):
            continue
        out.append(c)
    return out


def _named_as_asked_elsewhere(q: QueryInfo, weights: TermWeights, part: str, parts: list[str]) -> bool:
    """Another part of the sentence names the thing in the question's own words
    (轮训班), while this part covers the question only through other words of
    their synonym groups (培训班): the question asks about the other part."""
    if len(parts) < 2:
        return False
    lit = literal_coverage(q, weights, part)
    return (coverage(q, weights, part, "", "")[0] - lit >= _BETTER_PART
            and lit < max(literal_coverage(q, weights, p) for p in parts) - _BETTER_PART)


def _semicolon_part(text: str, a: int, b: int | None = None) -> tuple[int, int]:
    """The bounds of the part of a sentence between semicolons that holds text[a:b]."""
    lo = max(text.rfind(x, 0, a) for x in "；;") + 1
    his = [i for i in (text.find(x, a if b is None else b) for x in "；;") if i >= 0]
    return lo, min(his) if his else len(text)


def _verb_after_thing(verb: str, item: str, head: tuple[str, ...] | None) -> bool:
    """The verb stands right before the figure, after the counted thing named in the
    item ("党支部整顿6个"); not "向人大代表发放115份", whose thing is named before."""
    end = re.search(re.escape(verb) + r"了?\s*$", item)
    return bool(end and head) and 0 <= matched(head, item[:end.start()])


# (or with the event it dates, named first: "…培训班5月26日至28日在…开班,党支部书记
# 示范培训班10月13日至17日在…开班")
_EVENT_FIRST = r"[^，,。；;、]{2,24}?(?:班|会|赛|活动|仪式|典礼|论坛|讲座|展览)[于在]?"
_DATED_CLAUSE = re.compile(rf"[，,、和及](?:其中)?(?=(?:{_EVENT_FIRST})?{DATE.pattern})")
# A clause that names its event before the event's date ("，党支部书记示范培训班10月13日…").
_EVENT_THEN_DATE = re.compile(rf"[，,、和及](?:其中)?(?={_EVENT_FIRST}{DATE.pattern})")


def _dated_clause(text: str, lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
    """Within text[lo:hi], the clauses around text[a:b] up to the next clause that
    opens with a date of its own ("…5月…在市委党校举办入党积极分子培训班,10月…在…
    纪念馆举办党支部书记示范培训班", "…举办的…培训班和9月…举办的…培训班"): each
    dated clause or item tells an event of its own."""
    cuts = [m.start() for m in _DATED_CLAUSE.finditer(text, lo, hi)]
    return max([lo] + [c + 1 for c in cuts if c < a]), min([hi] + [c for c in cuts if c >= b])


def _other_side(question: str, clause: str, sentence: str) -> bool:
    """The question names one side of a split (线上), the clause the other (线下),
    and the sentence never names the side asked."""
    return any(ask in question and other not in question and other in clause and ask not in sentence
               for a, b in _SIDES for ask, other in ((a, b), (b, a)))


def _paragraph_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1:pos]


def _place_in_force(text: str, pos: int, places: list[str]) -> str | None:
    """Which of places the paragraph before pos names last ("武义县…共有基层党组织227个")."""
    para = _paragraph_before(text, pos)
    at = {p: max(para.rfind(p), para.rfind(p[:-1]) if len(p) > 2 else -1) for p in places}
    best = max(at, key=lambda p: at[p])
    return best if at[best] >= 0 else None


_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*(?:以来|至今|起|开始|至|到|—|-))")


def _year_in_force(text: str, pos: int) -> int | None:
    """The last year named in the paragraph before pos ("2017年，…发展党员229名"), or None."""
    para = to_halfwidth(_paragraph_before(text, pos))
    named = _YEAR_NAMED.findall(para)
    return int(named[-1]) if named else None


def _term_of(q: QueryInfo, word: str) -> tuple[str, ...]:
    """The question's term group holding ``word`` (with its synonyms), or the word alone."""
    return next((g for g in q.terms if word in g), (word,))


def _ambiguous(q: QueryInfo, a: Candidate, b: Candidate) -> Answer:
    """No answer between two figures that fit. When they come from reports of
    different years and the question names none ("衢州市直机关发展了多少名党员"),
    say which year each is from, citing both, and ask for the year."""
    ca, cb = a.span.hit.chunk, b.span.hit.chunk
    if q.years or not ca.years or not cb.years or ca.years == cb.years:
        return refusal(q, _AMBIGUOUS.format(what=_AMBIGUOUS_WHAT.get(q.kind, "说法"), a=a.answer, b=b.answer))
    first, second = sorted((a, b), key=lambda c: c.span.hit.chunk.years)
    cited = _compose(q, [first, second], answer_text="", sentences=True)
    per_year = "；".join(f"{'、'.join(map(str, c.span.hit.chunk.years))}年的报告为{c.answer} [{n}]"
                         for n, c in enumerate((first, second), 1))
    what = {"number": "这一数字", "date": "这一日期", "place": "这一地点"}.get(q.kind, "这一内容")
    reply = f"问题没有写明年份，知识库中几个年份的报告都有{what}：{per_year}。请写明要问哪一年。"
    return Answer(question=q.text, answer=None, reply=reply, citations=cited.citations, kind=q.kind)


def _bare(m: re.Match) -> str:
    """A figure without the word before it: "达541件" -> "541件" (stated by "人均结案541件")."""
    return m.group(0)[len(m.group("pre") or ""):]


def _governs_figure(verb: str, text: str, unit: str) -> bool:
    """The verb stands right before a figure of the unit asked for ("初步核实231件")."""
    for m in re.finditer(re.escape(verb), text):
        f = FIGURE.search(text, m.end(), m.end() + 10)
        if f and f.start() - m.end() <= 6 and unit_score(unit, f.group("unit")) > 0:
            return True
    return False


def _same_issuer(a: str, b: str) -> bool:
    """直工发 in "(直工发[]15号)" and in "意见是直工发多少号" (the question's capture runs longer)."""
    n = min(len(a), len(b), 3)
    return a[-n:] == b[-n:]


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another one, in order."""
    spans = sorted(set(spans))
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def _skipped(figures, why: str) -> None:
    if log.isEnabledFor(logging.DEBUG):
        for m in figures:
            log.debug("figure %s skipped: %s", m.group(0), why)


# How the items of a list that a sentence announces begin: "一是…", "首先…", "（一）…".
_ENUMERATION_START = re.compile(r"\s*(?:[一二三四五六七八九十]是|首先|其一|第一[,，、]|[（(][一二三四五六七八九十\d][)）]|\d[、.])")


def _with_enumerations(chosen: list[Candidate], most: int = 2) -> list[Candidate]:
    """Each chosen sentence followed by the items it announces, when the
    sentences after it in its passage are the items of a list ("该局把EAP作为…抓手。
    一是举办心理沙龙…"): the list is the how, the sentence before it only the what."""
    out: list[Candidate] = []
    for c in chosen:
        out.append(c)
        following = [s for s in spans(c.span.hit, c.span.hit_rank, SENT_SPLIT) if s.start >= c.span.end]
        for sent in following[:most]:
            if not _ENUMERATION_START.match(sent.norm) and not c.span.norm.rstrip().endswith(("：", ":")):
                break
            out.append(Candidate(sent, sent.text.strip(), c.score, c.coverage, sent.start, sent.end))
    return _dedupe(out)


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
    if not year and first.dated:
        src += f"（正文未写明年份，网页发布于{first.dated}年）"
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
