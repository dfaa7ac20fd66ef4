"""Evidence in retrieved passages: their sentences and clauses as spans, and how
well a span covers a question's terms (weighted by rarity, exact or partial).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .query import QueryInfo
from .types import Hit

SENT_SPLIT = re.compile(r"[^。！？!?\n]+[。！？!?]?")
CLAUSE_SPLIT = re.compile(r"[^，,；;：:。！？!?\n]+[，,；;：:。！？!?]?")


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


# Used with .match(text, pos), which anchors it at pos.
_LEADING_HEADING = re.compile(r"\s*(【[^】\n]{1,24}】|[^【】。\n]{1,24}】)\s*")


def spans(hit: Hit, rank: int, rx: re.Pattern) -> list[Span]:
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


def spans_in(sent: Span, rx: re.Pattern) -> list[Span]:
    out = []
    for m in rx.finditer(sent.norm):
        if m.end() - m.start() >= 2:
            out.append(Span(sent.hit_rank, sent.hit, sent.start + m.start(), sent.start + m.end()))
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


def matched(group: tuple[str, ...], text: str) -> int:
    """Position of the first alternative of group in text, or -1."""
    best = -1
    for p in group:
        i = text.find(p)
        if i >= 0 and (best < 0 or i < best):
            best = i
    return best


def soft_match(group: tuple[str, ...], text: str) -> float:
    """1 for an exact match; otherwise partial credit for the share of the
    term's characters present (转为正式 ~ 转正), so paraphrases count a little."""
    if matched(group, text) >= 0:
        return 1.0
    best = 0.0
    for p in group:
        if len(p) >= 2:
            best = max(best, sum(1 for ch in p if ch in text) / len(p))
    return 0.6 * best if best >= 0.5 else 0.0


def _weighted_terms(query: QueryInfo, weights: TermWeights):
    """(index, term, weight) for each term a coverage counts: the head weighs double;
    a quoted name no report writes is left out, its words still count."""
    for k, g in enumerate(query.terms):
        if k in query.quoted and weights.df(g) == 0:
            continue
        yield k, g, weights.weight(g) * (2.0 if k == query.head else 1.0)


def coverage(query: QueryInfo, weights: TermWeights, near: str, sentence: str, passage: str = ""
              ) -> tuple[float, bool]:
    """Weighted share of the question's terms found: full weight in the clause
    that holds the answer, less in its sentence, less again elsewhere in the
    passage (its section heading and the passage before it included).
    Also says whether the counted thing (head term) is in the clause."""
    total = got = 0.0
    head_ok = query.head < 0
    for k, g, w in _weighted_terms(query, weights):
        total += w
        m_near = soft_match(g, near)
        if k == query.head and m_near > 0:
            head_ok = True
        got += w * max(m_near, 0.8 * soft_match(g, sentence), 0.6 * soft_match(g, passage))
    return (got / total if total else 0.0), head_ok


def literal_coverage(query: QueryInfo, weights: TermWeights, text: str) -> float:
    """Weighted share of the question's terms found in text in the very words the
    question writes them (轮训班, not the 培训班 of its synonym group). Where two
    parts of a sentence cover a question equally, the one that names the thing as
    asked is the one it asks about."""
    total = got = 0.0
    for _, g, w in _weighted_terms(query, weights):
        own = tuple(p for p in g if p in query.norm) or g
        total += w
        got += w * (matched(own, text) >= 0)
    return got / total if total else 0.0


_QUESTION_NUMBER = re.compile(r"第[一二三四五六七八九十\d]+|\d+(?:\.\d+)?(?:-\d+)?")


def question_numbers_present(q: QueryInfo, text: str) -> bool:
    """Numbers and ordinals the question names (other than years) must be in the passage:
    a question about 第二人民法院 is not answered by a passage on 第一人民法院."""
    for m in _QUESTION_NUMBER.finditer(q.norm):
        tok = m.group(0)
        if any(str(y) == tok for y in q.years):
            continue
        if tok not in text:
            return False
    return True


def enumeration_items(clause: str) -> list[tuple[int, int]]:
    """Bounds of the items of an enumeration (a、b、c) inside a clause."""
    bounds, start = [], 0
    for i, ch in enumerate(clause):
        if ch == "、":
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(clause) + 1))
    return bounds


def distance_to(group: tuple[str, ...], text: str, start: int, end: int) -> int | None:
    """Characters between a figure [start, end) and the nearest occurrence of group in text."""
    best = None
    for p in group:
        for m in re.finditer(re.escape(p), text):
            d = m.start() - end if m.start() >= end else (start - m.end() if m.end() <= start else 0)
            best = d if best is None else min(best, d)
    return best
