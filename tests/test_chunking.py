"""Chunks are runs of whole sentences, traceable to the cleaned text and to
the source file, with a same-length search form."""

from __future__ import annotations

import re

import pytest

from conftest import REPORTS
from qa.chunking import chunk_document, chunk_documents
from qa.ingest import document_from_text
from qa.textnorm import normalize

SENTENCE_END = "。！？；!?;"
SETTINGS = [(300, 60), (120, 30), (600, 100), (60, 0)]  # (chunk_size, chunk_overlap); 300/60 is the default


def _cjk_or_digits(s: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff0-9]", s))


@pytest.fixture(scope="module")
def all_chunks(corpus_docs):
    """{(chunk_size, overlap): {source: chunks}} for the bundled reports."""
    return {
        (size, overlap): {name: chunk_document(doc, size, overlap) for name, doc in corpus_docs.items()}
        for size, overlap in SETTINGS
    }


def _cases():
    return [(size, overlap, r) for size, overlap in SETTINGS for r in sorted(REPORTS)]


def _id(case):
    size, overlap, r = case
    return f"{size}/{overlap}-{r}"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_chunks_are_whole_sentences(all_chunks, corpus_docs, case):
    size, overlap, report = case
    doc = corpus_docs[REPORTS[report]]
    chunks = all_chunks[(size, overlap)][REPORTS[report]]
    assert chunks
    for c in chunks:
        assert c.text == doc.text[c.start:c.end]
        # Ends at a sentence end or a paragraph end ...
        assert c.text[-1] in SENTENCE_END or c.end == len(doc.text) or doc.text[c.end] == "\n", c.text[-30:]
        # ... and starts at a sentence or paragraph start.
        assert c.start == 0 or doc.text[c.start - 1] in SENTENCE_END + "\n", c.text[:30]
        assert c.text == c.text.strip()
        if len(c.text) > size:
            # Only a single sentence longer than chunk_size may exceed it: no
            # sentence or paragraph end inside.
            inner = c.text[:-1]
            assert not any(ch in inner for ch in SENTENCE_END + "\n"), (len(c.text), c.text[:60])


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_chunks_trace_back_to_the_source_file(all_chunks, corpus_docs, raw_texts, case):
    size, overlap, report = case
    name = REPORTS[report]
    doc, raw = corpus_docs[name], raw_texts[name]
    for c in all_chunks[(size, overlap)][name]:
        assert (c.source_start, c.source_end) == (doc.offsets[c.start], doc.offsets[c.end - 1] + 1)
        span = raw[c.source_start:c.source_end]
        assert span[0] == c.text[0] and span[-1] == c.text[-1]
        # Cleaning only deletes: the chunk is the source span minus some characters,
        # in order, each at its mapped offset.
        assert [raw[doc.offsets[i]] for i in range(c.start, c.end)] == list(c.text)
        if "\n" not in c.text:
            # Inside one paragraph only layout (line wraps, indentation) was removed.
            assert re.sub(r"\s", "", span) == re.sub(r"\s", "", c.text)


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_search_text_is_same_length_normalised_text(all_chunks, case):
    size, overlap, report = case
    for c in all_chunks[(size, overlap)][REPORTS[report]]:
        assert len(c.search_text) == len(c.text)
        assert c.search_text == normalize(c.text)


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_no_content_sentence_is_lost(all_chunks, corpus_docs, case):
    """Every sentence with real content (8+ Chinese characters or digits) is in some chunk."""
    size, overlap, report = case
    doc = corpus_docs[REPORTS[report]]
    covered = [False] * len(doc.text)
    for c in all_chunks[(size, overlap)][REPORTS[report]]:
        covered[c.start:c.end] = [True] * (c.end - c.start)
    for m in re.finditer(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]?", doc.text):
        if _cjk_or_digits(m.group(0)) >= 8:
            assert all(covered[m.start():m.end()]), m.group(0)


def test_traditional_report_chunks_keep_original_characters(all_chunks):
    chunks = all_chunks[(300, 60)][REPORTS["003"]]
    hit = [c for c in chunks if "5653" in c.text]
    assert hit, "the 5653 基層黨組織 passage is in a chunk"
    assert "基層黨組織5653個" in hit[0].text
    assert "基层党组织5653个" in hit[0].search_text


def test_a_sentence_longer_than_chunk_size_is_one_whole_chunk():
    long_sentence = "市直机关各级党组织" + "，".join(f"开展第{i}项专题活动参加党员{100 + i}名" for i in range(1, 30)) + "。"
    assert len(long_sentence) > 400
    text = (
        "苏州市直机关工委2015年工作总结\n"
        "2015年，市直机关全年发展党员312人。确定入党积极分子506人。\n"
        f"{long_sentence}\n"
        "至年底，市直机关共有基层党组织1286个。党员26473名。\n"
    )
    doc = document_from_text(text, "long.txt")
    chunks = chunk_document(doc, 100, 20)
    whole = [c for c in chunks if c.text == long_sentence]
    assert len(whole) == 1, "the long sentence is kept whole, not cut"
    for c in chunks:
        if c is not whole[0]:
            assert len(c.text) <= 100
            assert long_sentence[:20] not in c.text  # no piece of it elsewhere


def test_chunk_ids_and_metadata(corpus_docs):
    docs = list(corpus_docs.values())
    chunks = chunk_documents(docs, 300, 60)
    assert [c.chunk_id for c in chunks] == list(range(len(chunks)))
    by_doc = {d.doc_id: d for d in docs}
    assert {c.doc_id for c in chunks} == set(by_doc)
    for c in chunks:
        d = by_doc[c.doc_id]
        assert (c.title, c.years, c.places, c.org) == (d.title, d.years, d.places, d.org)
    # Sections come from the reports' own headings: 000 uses "…】" headings.
    sections = {c.section for c in chunks if c.doc_id == REPORTS["000"]}
    assert "机关党组织建设" in sections
