"""The typed records that travel through the pipeline.

corpus file -> Document -> Chunk -> (index) -> Hit -> Answer(Citation...)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Document:
    """One report after decoding and cleaning.

    ``text`` is the cleaned text in its original characters (traditional stays
    traditional); ``offsets[i]`` is the character offset in the decoded source
    file of ``text[i]``, so any span of ``text`` can be traced back.
    """

    doc_id: str  # stable id: path relative to the corpus root
    source: str  # path relative to the corpus root
    text: str
    offsets: list[int]
    sha256: str  # of the raw file bytes
    encoding: str
    title: str = ""
    years: list[int] = field(default_factory=list)  # the year(s) the report is about
    dated: int | None = None  # a saved page's dateline year, when the text names no year ("今年")
    places: list[str] = field(default_factory=list)  # canonical place names (gazetteer), e.g. 中山市
    org: str = ""  # the kind of organisation reported on, e.g. 市直机关, 省直机关
    warnings: list[str] = field(default_factory=list)
    format: str = "text"  # text | docx | pdf | html
    pages: list[int] = field(default_factory=list)  # source offsets where pages 2, 3, ... start (PDF)

    def page_at(self, source_offset: int) -> int | None:
        """1-based page number of a source offset, for paged formats."""
        if not self.pages and self.format != "pdf":
            return None
        return 1 + sum(1 for p in self.pages if p <= source_offset)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the source file of the cleaned span ``text[start:end]``."""
        if not self.offsets or start >= end:
            return (0, 0)
        return (self.offsets[start], self.offsets[end - 1] + 1)


@dataclass
class Chunk:
    """A run of whole sentences from one document."""

    chunk_id: int
    doc_id: str
    text: str  # original characters, for display
    search_text: str  # normalised (simplified, half-width) form, same length as text
    start: int  # offsets into Document.text
    end: int
    source_start: int  # offsets into the decoded source file
    source_end: int
    title: str = ""
    years: list[int] = field(default_factory=list)
    dated: int | None = None  # see Document.dated
    places: list[str] = field(default_factory=list)
    org: str = ""
    section: str = ""  # the heading the chunk sits under, when the report has them
    page: int | None = None  # page the chunk starts on (PDF)
    page_breaks: list[int] = field(default_factory=list)  # offsets in text where a new page starts

    def page_of(self, offset: int) -> int | None:
        """Page of a character of the chunk's text."""
        if self.page is None:
            return None
        return self.page + sum(1 for b in self.page_breaks if b <= offset)


@dataclass
class Hit:
    """A chunk returned by retrieval, with the scores that ranked it."""

    chunk: Chunk
    score: float  # fused score (higher is better)
    dense_score: float | None = None
    bm25_score: float | None = None
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass
class Citation:
    n: int  # the [n] marker used in the reply
    source: str
    title: str
    text: str  # the whole cited passage, original characters
    quote: str  # the span of ``text`` that supports the answer
    score: float
    quote_start: int = 0  # offsets of quote inside text
    quote_end: int = 0
    chunk_id: int = -1
    page: int | None = None

    def to_dict(self) -> dict:
        d = {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "text": self.text,
            "quote": self.quote,
            "score": round(float(self.score), 4),
        }
        if self.page is not None:
            d["page"] = self.page
        return d


@dataclass
class Answer:
    question: str
    answer: str | None  # the short answer ("585人"), None when the reports don't say
    reply: str  # full reply text with [n] markers
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    kind: str = ""  # question type: number / date / place / describe
    resolved_question: str = ""  # the question after follow-up context was applied
    index_version: str = ""

    @property
    def refused(self) -> bool:
        return self.answer is None

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "reply": self.reply,
            "citations": [c.to_dict() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
        }


def as_plain_dict(obj) -> dict:
    return asdict(obj)
