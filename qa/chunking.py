"""Documents -> Chunks of whole sentences, each traceable to its offsets."""

from __future__ import annotations

import logging
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from .textnorm import normalize
from .types import Chunk, Document

log = logging.getLogger(__name__)

# Paragraph breaks first, then sentence ends. The sentence separator is a
# zero-width look-behind, so the punctuation stays with its sentence and no
# separator ever cuts inside one: a sentence longer than chunk_size becomes a
# chunk of its own rather than being split.
SEPARATORS = ["\n", r"(?<=[。！？!?；;])"]

_HEADING = re.compile(r"^【?([^【】\n]{2,24})】|^([一二三四五六七八九十]+、[^。\n]{2,24})$|^(■[^。\n]{2,40})$")


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        separators=[re.escape("\n"), SEPARATORS[1]],
        is_separator_regex=True,
        keep_separator="end",  # merged pieces are then exact substrings of the text
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        add_start_index=True,
        strip_whitespace=True,
    )


def _section_starts(text: str) -> list[tuple[int, str]]:
    """(offset, heading) of every paragraph that opens with a heading."""
    out, pos = [], 0
    for para in text.split("\n"):
        m = _HEADING.match(para.strip())
        if m:
            out.append((pos, next(g for g in m.groups() if g).strip("■ ")))
        pos += len(para) + 1
    return out


def chunk_document(doc: Document, chunk_size: int, chunk_overlap: int, first_id: int = 0) -> list[Chunk]:
    splitter = make_splitter(chunk_size, chunk_overlap)
    sections = _section_starts(doc.text)
    chunks: list[Chunk] = []
    for piece in splitter.create_documents([doc.text]):
        start = piece.metadata["start_index"]
        text = piece.page_content
        if start < 0 or doc.text[start:start + len(text)] != text:
            # Should not happen (the splitter only drops separators); fall back to a search.
            start = doc.text.find(text)
            if start < 0:
                log.warning("could not place a chunk of %s; skipped", doc.source)
                continue
        end = start + len(text)
        if len(re.findall(r"[\u4e00-\u9fff0-9]", text)) < 8 and len(doc.text) > 100:
            continue  # a lone byline or title line: nothing to retrieve
        section = ""
        for s_off, heading in sections:
            if s_off <= start:
                section = heading
            else:
                break
        src_start, src_end = doc.source_span(start, end)
        chunks.append(Chunk(
            chunk_id=first_id + len(chunks),
            doc_id=doc.doc_id,
            text=text,
            search_text=normalize(text),
            start=start,
            end=end,
            source_start=src_start,
            source_end=src_end,
            title=doc.title,
            years=list(doc.years),
            dated=doc.dated,
            places=list(doc.places),
            org=doc.org,
            section=section,
            page=doc.page_at(src_start),
            page_breaks=[i - start for i in range(start + 1, end)
                         if doc.page_at(doc.offsets[i]) != doc.page_at(doc.offsets[i - 1])] if doc.pages else [],
        ))
    return chunks


def chunk_documents(docs: list[Document], chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    out: list[Chunk] = []
    for doc in docs:
        out.extend(chunk_document(doc, chunk_size, chunk_overlap, first_id=len(out)))
    return out
