"""Hybrid retrieval: dense (FAISS) + BM25, fused by reciprocal rank, with year/place filters."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .index import LoadedIndex
from .places import Gazetteer, place_label, short_name
from .query import QueryInfo
from .textnorm import years_in
from .types import Hit

log = logging.getLogger(__name__)

MODES = ("dense", "bm25", "hybrid", "hybrid+filter")


@dataclass
class Scope:
    """Which chunks a question may be answered from, and why none if empty."""

    allowed: set[int] | None  # None = no restriction
    problem: str = ""  # a sentence for the user when the corpus has nothing in scope


# A refusal names at most this many reports: a knowledge base of sixty is a wall of
# text in a chat reply (the 知识库 panel of the app lists them all).
REFUSAL_COVERAGE_LIMIT = 8


def coverage_summary(index: LoadedIndex, query: QueryInfo | None = None, limit: int | None = None) -> str:
    """What the knowledge base covers, e.g. '2011年中山市直机关；2020年海南省直机关'.
    With a query, the reports of the place asked come first, then those of the
    year asked; with a limit, only that many are named and the rest counted."""
    docs = list(index.manifest["documents"])
    if query is not None:
        def closeness(d: dict) -> int:
            return (0 if query.places and _place_matches(d["places"], query.places) else 2) + (
                0 if query.years and set(query.years) & set(d["years"]) else 1)
        docs.sort(key=closeness)  # stable: the manifest's order within each rank
    items = []
    for d in docs[:limit] if limit else docs:
        years = "、".join(f"{y}年" for y in d["years"]) or (
            f"年份未注明（网页发布于{d['dated']}年）" if d.get("dated") else "年份未注明")
        items.append(f"{years}{d.get('label') or place_label(d['places'], d['org'])}（{d['title'][:24]}）")
    if limit and len(docs) > limit:
        return "；".join(items) + f"等，共{len(docs)}份报告（全部见“知识库”一栏）"
    return "；".join(items)


def refusal_coverage(index: LoadedIndex, query: QueryInfo) -> str:
    """The coverage a refusal names: the reports nearest the question, at most a few."""
    return coverage_summary(index, query, REFUSAL_COVERAGE_LIMIT)


def _place_matches(doc_places: list[str], wanted: list[str]) -> bool:
    # Exact match only: a question about a province is not answered by a report
    # on one of its cities, nor the other way round.
    return bool(set(doc_places) & set(wanted))


def scope_for(query: QueryInfo, index: LoadedIndex, gaz: Gazetteer | None = None) -> Scope:
    gaz = gaz or Gazetteer.default()
    docs = index.manifest["documents"]
    in_scope = {d["source"]: d for d in docs}
    what = []
    if query.places:
        in_scope = {s: d for s, d in in_scope.items() if _place_matches(d["places"], query.places)}
        # (汨罗市直机关, not 汨罗市市直机关)
        what.append("、".join(short_name(p, query.org, gaz) for p in query.places))
    if query.org:
        # 市直机关 is not 县直机关: a question about one is not answered from the other.
        in_scope = {s: d for s, d in in_scope.items() if not d["org"] or d["org"] == query.org}
    allowed: set[int] = set()
    for c in index.chunks:
        d = in_scope.get(c.doc_id)
        if d is None:
            continue
        if query.years:
            if d["years"]:
                if not set(query.years) & set(d["years"]):
                    continue
            # A report that doesn't state its year answers for a year only
            # where the passage itself names that year, or where the page is
            # dated that year (a news page's 今年); the answer then says so.
            elif not set(query.years) & (set(years_in(c.search_text)) | {d.get("dated")}):
                continue
        allowed.add(c.chunk_id)
    if allowed:
        return Scope(allowed if (query.places or query.years) else None)
    if query.years:
        what.insert(0, "、".join(f"{y}年" for y in query.years))
    asked = "".join(what) or "所问内容"
    return Scope(set(), f"知识库中没有{asked}{query.org or ''}的报告。现有报告："
                        f"{refusal_coverage(index, query)}。")


# How many years' reports of one committee a question naming no year searches
# one by one, and how many passages of each.
_OTHER_YEAR_REPORTS = 4
_OTHER_YEAR_HITS = 2


def rrf(rankings: list[list[tuple[int, float]]], k: int) -> dict[int, float]:
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (cid, _) in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return fused


class Retriever:
    def __init__(self, index: LoadedIndex, embedder, candidates: int = 30, rrf_k: int = 60):
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k

    def search(self, query: QueryInfo, top_k: int, mode: str = "hybrid+filter",
               scope: Scope | None = None) -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; one of {', '.join(MODES)}")
        allowed = scope.allowed if (scope is not None and mode == "hybrid+filter") else None
        if allowed is not None and not allowed:
            return []
        qv = self.embedder.embed_queries([query.norm])[0] if mode != "bm25" else None
        hits = self._ranked(query, qv, top_k, mode, allowed)
        if mode == "hybrid+filter" and hits and not query.years:
            hits += self._other_years(query, qv, hits, allowed)
        return hits

    def _ranked(self, query: QueryInfo, qv, top_k: int, mode: str, allowed: set[int] | None) -> list[Hit]:
        dense: list[tuple[int, float]] = []
        sparse: list[tuple[int, float]] = []
        if mode != "bm25":
            dense = self.index.vectors.search(qv, self.candidates, allowed)
        if mode != "dense":
            sparse = self.index.bm25.search(query.search_text, self.candidates, allowed)
        if mode == "dense":
            fused = {cid: s for cid, s in dense}
        elif mode == "bm25":
            fused = {cid: s for cid, s in sparse}
        else:
            fused = rrf([dense, sparse], self.rrf_k)
        d_rank = {cid: (r, s) for r, (cid, s) in enumerate(dense)}
        s_rank = {cid: (r, s) for r, (cid, s) in enumerate(sparse)}
        order = sorted(fused, key=lambda c: -fused[c])[:top_k]
        return [
            Hit(chunk=self.index.by_id[cid], score=fused[cid],
                dense_score=d_rank.get(cid, (None, None))[1], bm25_score=s_rank.get(cid, (None, None))[1],
                dense_rank=d_rank.get(cid, (None, None))[0], bm25_rank=s_rank.get(cid, (None, None))[0])
            for cid in order
        ]

    def _other_years(self, query: QueryInfo, qv, hits: list[Hit], allowed: set[int] | None) -> list[Hit]:
        """A question that names no year, over several years of one committee: the
        best passages of each other year's report too, so that the answer sees both
        years' figures and tells them apart instead of silently taking one."""
        first = hits[0].chunk
        if not first.years:
            return []
        years: dict[str, tuple[int, ...]] = {}
        chunks_of: dict[str, set[int]] = {}
        for c in self.index.chunks:
            if c.years and c.org == first.org and set(c.places) & set(first.places) \
                    and (allowed is None or c.chunk_id in allowed):
                years[c.doc_id] = tuple(c.years)
                chunks_of.setdefault(c.doc_id, set()).add(c.chunk_id)
        if len(set(years.values())) < 2:
            return []
        # (each year's report, the first hit's too: its best passage for the
        # question may rank below the other year's)
        shown = {h.chunk.chunk_id for h in hits}
        extra: list[Hit] = []
        for doc in sorted(chunks_of)[:_OTHER_YEAR_REPORTS]:
            own = chunks_of[doc]
            # (its best passages not shown yet: up to so many new ones)
            ranked = self._ranked(query, qv, _OTHER_YEAR_HITS + len(own & shown), "hybrid+filter", own)
            extra += [h for h in ranked if h.chunk.chunk_id not in shown][:_OTHER_YEAR_HITS]
        return extra
