"""QAService: the one object the UI, the CLI and the evaluation talk to.

question -> (follow-up context) -> QueryInfo -> scope -> hybrid retrieval -> answerer -> Answer
"""

from __future__ import annotations

import logging
import re
import threading
import time

from .answer import ExtractiveAnswerer, refusal
from .config import Settings, load_settings
from .embeddings import load_embedder
from .evidence import TermWeights
from .followup import resolve_follow_up
from .index import LoadedIndex, current_version, load_index
from .query import RELATIVE_YEAR, QueryInfo, analyse
from .retrieval import Retriever, coverage_summary, refusal_coverage, scope_for
from .textnorm import normalize
from .types import Answer, Hit

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 500
# Terminal escape sequences and control characters are noise pasted in, not text.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]")


def _years_of(ans: Answer, index: LoadedIndex) -> str:
    chunks = [index.by_id[c.chunk_id] for c in ans.citations if c.chunk_id in index.by_id]
    years = sorted({y for c in chunks for y in c.years})
    if years:
        return "、".join(f"{y}年" for y in years)
    dated = sorted({c.dated for c in chunks if c.dated})
    return "未写明年份" + (f"（网页发布于{'、'.join(map(str, dated))}年）" if dated else "")


class _Engine:
    """Everything that depends on one index version; never changed once built,
    so a question keeps the version it started on while a newer one goes live."""

    def __init__(self, settings: Settings, index: LoadedIndex, embedder):
        self.index = index
        self.retriever = Retriever(index, embedder, settings.candidates, settings.rrf_k)
        self.answerer = ExtractiveAnswerer(TermWeights([c.search_text for c in index.chunks]),
                                           context=self._context, min_coverage=settings.min_coverage,
                                           min_margin=settings.min_margin)

    def _context(self, chunk) -> str:
        """A chunk's section heading, title and the passage before it (same report)."""
        prev = self.index.by_id.get(chunk.chunk_id - 1)
        before = prev.search_text if prev is not None and prev.doc_id == chunk.doc_id else ""
        return f"{normalize(chunk.section)} {normalize(chunk.title)} {before} {chunk.search_text}"


class QAService:
    def __init__(self, settings: Settings, index: LoadedIndex, embedder):
        self.settings = settings
        self.embedder = embedder
        self._engine = _Engine(settings, index, embedder)
        self._swap_lock = threading.Lock()

    @classmethod
    def load(cls, settings: Settings | None = None, embedder=None) -> "QAService":
        settings = settings or load_settings()
        index = load_index(settings)
        embedder = embedder or load_embedder(settings)
        return cls(settings, index, embedder)

    @property
    def index(self) -> LoadedIndex:
        return self._engine.index

    @property
    def version(self) -> str:
        return self._engine.index.version

    def refresh(self) -> bool:
        """Switch to a newer index version if one went live; True if it switched.
        Questions already running finish on the version they started with."""
        live = current_version(self.settings.index_dir)
        if live is None or live == self.version:
            return False
        with self._swap_lock:
            if live == self.version:
                return False
            engine = _Engine(self.settings, load_index(self.settings), self.embedder)
            self._engine = engine
        log.info("now serving index version %s", engine.index.version)
        return True

    def coverage(self) -> str:
        return coverage_summary(self.index)

    def retrieve(self, question: str, mode: str | None = None, top_k: int | None = None) -> tuple[QueryInfo, list[Hit]]:
        eng = self._engine
        q = analyse(question)
        scope = scope_for(q, eng.index)
        hits = eng.retriever.search(q, top_k or self.settings.top_k, mode or self.settings.retrieval_mode, scope)
        return q, hits

    def ask(self, question: str, history: list[str] | None = None, mode: str | None = None) -> Answer:
        t0 = time.perf_counter()
        eng = self._engine  # one version for the whole question
        answer = self._ask(eng, question, history, mode or self.settings.retrieval_mode)
        answer.latency_ms = (time.perf_counter() - t0) * 1000
        answer.index_version = eng.index.version
        return answer

    def _ask(self, eng: _Engine, question: str, history: list[str] | None, mode: str) -> Answer:
        text = _CONTROL.sub("", question or "").strip()
        if not text:
            return Answer(question=question or "", answer=None, reply="请输入一个问题，例如：2011年中山市直属机关发展了多少名党员？")
        if len(text) > MAX_QUESTION_CHARS:
            return Answer(question=question, answer=None,
                          reply=f"问题太长（{len(text)}字）。请用一句话提问，不超过{MAX_QUESTION_CHARS}字。")
        resolved = resolve_follow_up(text, history)
        q = analyse(resolved)
        scope = scope_for(q, eng.index)
        if mode == "hybrid+filter" and scope.allowed is not None and not scope.allowed:
            ans = refusal(q, scope.problem)
        elif not q.terms:
            ans = refusal(q, "没有看懂要问什么。请说明要查的事项，例如：2011年中山市直属机关发展了多少名党员？")
        else:
            hits = eng.retriever.search(q, self.settings.top_k, mode, scope)
            ans = eng.answerer.answer(q, hits)
            if ans.refused and q.kind != "describe":
                ans.reply += f"\n知识库现有报告：{refusal_coverage(eng.index, q)}。"
            elif q.relative_year and not q.years and ans.citations:
                # "今年" in a question is the asker's year; the reports are past years'.
                ans.reply += (f"\n注意：问题中的“{RELATIVE_YEAR.search(q.norm).group(0)}”没有写明是哪一年，"
                              f"以上依据的是{_years_of(ans, eng.index)}的报告；要问别的年份，请写明年份。")
        ans.question = question
        ans.resolved_question = resolved
        return ans
