"""How answers are shown: the quote highlighted, the page of a PDF named, text escaped."""

from qa.types import Citation
from qa.webapp import render_citation


def _citation(**kw) -> Citation:
    base = dict(n=1, source="报告.pdf", title="2014年某市直机关工作总结", text="全年发展党员312人。<b>x</b>",
                quote="发展党员312人", score=0.5, quote_start=2, quote_end=10)
    return Citation(**{**base, **kw})


def test_pdf_citation_names_its_page_and_marks_the_quote():
    html = render_citation(_citation(page=2))
    assert "第2页" in html
    assert "<mark>发展党员312人</mark>" in html


def test_text_citation_has_no_page_and_escapes_report_text():
    html = render_citation(_citation(page=None))
    assert "页" not in html.split("qa-cite-src")[1].split("</span>")[0]
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
